package io.github.scrapyd4j.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.logs.ScrapyStats;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RunStore} in a database, on plain {@code java.sql}: H2 (an embedded file, for one
 * process) or PostgreSQL (shared by scheduler instances on several machines). The store creates
 * its tables on first use and migrates them when a newer scrapyd4j needs more; a table {@code
 * scrapyd4j_schema} holds the version they are at. Of several instances claiming the same task,
 * fire time and attempt, the database's unique key lets exactly one win.
 *
 * <pre>{@code
 * try (JdbcRunStore store = JdbcRunStore.builder()
 *     .url("jdbc:postgresql://db.internal:5432/crawls")
 *     .user("scrapyd4j")
 *     .password(System.getenv("CRAWLS_DB_PASSWORD"))
 *     .build()) {
 *   for (TaskRun run : store.history(Optional.of("nightly-products"), 20)) {
 *     System.out.println(run.fireTime().orElseThrow() + " " + run.status());
 *   }
 * }
 * }</pre>
 *
 * <p>The JDBC driver is the application's dependency, not scrapyd4j's: {@code
 * com.h2database:h2} (2.x) or {@code org.postgresql:postgresql}. Given a URL, the store opens at
 * most {@link Builder#maxConnections(int)} connections itself and keeps them for the next call;
 * given a {@link DataSource} (a pool of the application's), it borrows one per call, at most as
 * many at once.
 *
 * <p>Times are kept to the microsecond, as PostgreSQL keeps them: an instant with a finer
 * fraction is recorded, and matched, truncated to the microsecond. Stats are kept as the Python
 * literal Scrapy dumps, and read back into equal {@link ScrapyStats}. A task's run and a job
 * harvested from a node without a task are one record per job: saving a task's run replaces a
 * harvested record of the same job, and a harvested record of a job that a task's run already
 * holds is not kept (the task's run is the fuller record).
 *
 * <p>No password appears in what the store shows: {@link #toString()}, its log lines and the
 * messages of its {@link RunStoreException}s, drivers' messages included, hide the password
 * given to the builder and any {@code password=} setting of the URL.
 */
public final class JdbcRunStore implements RunStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcRunStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");
  /** The most rows {@link #unfinished()} reads. */
  static final int UNFINISHED_CAP = 100_000;
  /** A unique key was violated (SQL standard, H2 and PostgreSQL). */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String COLUMNS = "task_id, fire_time, attempt, instance_id, status, "
      + "project, spider, node, job_id, scheduled_at, started_at, finished_at, verdict, reasons, "
      + "stats, items_count, error, sort_time";
  private static final String SET_COLUMNS = Arrays.stream(COLUMNS.split(", "))
      .map(c -> c + " = ?").collect(Collectors.joining(", "));
  private static final String PLACEHOLDERS = Arrays.stream(COLUMNS.split(", "))
      .map(c -> "?").collect(Collectors.joining(", "));

  private final JdbcConnections connections;
  private final JdbcText text;
  private final String shown;
  private final String prefix;
  private final String runs;
  private final int timeoutSeconds;
  private final JdbcDialect dialect;

  private JdbcRunStore(Builder b, List<List<String>> extraMigrations) {
    this.prefix = b.tablePrefix;
    this.runs = b.tablePrefix + "runs";
    this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, b.timeout.toSeconds()));
    this.text = JdbcText.forStore(b.url, b.password);
    if (b.dataSource != null) {
      DataSource ds = b.dataSource;
      // The DataSource's toString() is not shown: some pools print their password.
      this.shown = "a DataSource (" + ds.getClass().getName() + ")";
      this.connections = new JdbcConnections(ds::getConnection, false, b.maxConnections,
          b.timeout);
    } else {
      String url = b.url;
      Properties properties = new Properties();
      if (b.user != null) {
        properties.setProperty("user", b.user);
      }
      if (b.password != null) {
        properties.setProperty("password", b.password);
      }
      if (url.startsWith("jdbc:postgresql:")) {
        // A deadline on connecting too, unless the URL sets its own.
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.contains("connecttimeout=")) {
          properties.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        }
        if (!lower.contains("logintimeout=")) {
          properties.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        }
      }
      this.shown = text.redact(url);
      this.connections = new JdbcConnections(() -> DriverManager.getConnection(url, properties),
          true, b.maxConnections, b.timeout);
    }
    try {
      this.dialect = connections.with(c -> {
        String product = c.getMetaData().getDatabaseProductName();
        JdbcDialect d = JdbcDialect.of(product);
        if (d == null) {
          throw new UnsupportedDatabase(product);
        }
        migrate(c, d, extraMigrations);
        return d;
      });
    } catch (UnsupportedDatabase e) {
      connections.close();
      throw new RunStoreException("JdbcRunStore supports H2 and PostgreSQL; " + shown + " is "
          + text.redact(e.getMessage()), null);
    } catch (SQLException e) {
      connections.close();
      throw failure("opening the store", e);
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
    LOG.debug("run store on {} ({}), tables {}runs", shown, dialect, prefix);
  }

  /** Thrown inside the first connection's work when the database is not one we know. */
  private static final class UnsupportedDatabase extends SQLException {
    private static final long serialVersionUID = 1L;

    UnsupportedDatabase(String product) {
      super(product);
    }
  }

  /**
   * Starts a builder. Set a {@link Builder#url(String) URL} or a {@link Builder#dataSource
   * DataSource}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures and opens a {@link JdbcRunStore}. */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private DataSource dataSource;
    private String tablePrefix = "scrapyd4j_";
    private int maxConnections = 4;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * The JDBC URL, such as {@code jdbc:h2:file:/var/lib/crawls/history} or {@code
     * jdbc:postgresql://db:5432/crawls}; its driver must be on the class path.
     *
     * @param url the JDBC URL
     * @return this builder
     */
    public Builder url(String url) {
      String given = Checks.notBlank("url", url);
      if (!given.startsWith("jdbc:")) {
        throw new IllegalArgumentException(
            "url must be a JDBC URL (jdbc:h2:... or jdbc:postgresql://...), was "
                + Redaction.quote(JdbcText.forStore(given, null).redact(given)));
      }
      this.url = given;
      return this;
    }

    /**
     * The database user, when not in the URL.
     *
     * @param user the user name
     * @return this builder
     */
    public Builder user(String user) {
      this.user = Checks.notNull("user", user);
      return this;
    }

    /**
     * The database password, when not in the URL. It is never shown.
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(String password) {
      this.password = Checks.notNull("password", password);
      return this;
    }

    /**
     * Connections from the application's own {@link DataSource} (a pool), instead of a URL. The
     * store borrows one per call and never closes the DataSource.
     *
     * @param dataSource the data source
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Checks.notNull("dataSource", dataSource);
      return this;
    }

    /**
     * What the store's table names start with, so that several stores can share a database
     * schema: lower-case letters, digits and underscores, starting with a letter, at most 30.
     *
     * @param tablePrefix the prefix; {@code scrapyd4j_} by default
     * @return this builder
     */
    public Builder tablePrefix(String tablePrefix) {
      Checks.notNull("tablePrefix", tablePrefix);
      if (!PREFIX.matcher(tablePrefix).matches()) {
        throw new IllegalArgumentException("tablePrefix must be lower-case letters, digits and "
            + "underscores, starting with a letter, at most 30 characters, was '" + tablePrefix
            + "'");
      }
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * The most connections the store uses at once; calls beyond wait for one, up to the
     * {@link #timeout(Duration) timeout}.
     *
     * @param maxConnections 1 or more; 4 by default
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be 1 or more, was "
            + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * The deadline of each statement, of the wait for a free connection and (PostgreSQL) of
     * connecting, in whole seconds.
     *
     * @param timeout at least 1 second; 30 seconds by default
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Checks.positive("timeout", timeout);
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("timeout must be at least 1 second, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Opens the store: connects, checks the database is H2 or PostgreSQL, and creates or
     * migrates the tables.
     *
     * @return the store, to be closed
     * @throws IllegalStateException if neither a URL nor a DataSource was set, or both
     * @throws RunStoreException if the database cannot be reached, is not supported, or holds
     *     tables of a newer schema version than this scrapyd4j knows
     */
    public JdbcRunStore build() {
      return build(List.of());
    }

    JdbcRunStore build(List<List<String>> extraMigrations) {
      if ((url == null) == (dataSource == null)) {
        throw new IllegalStateException("set exactly one of url and dataSource");
      }
      if (dataSource != null && (user != null || password != null)) {
        throw new IllegalStateException(
            "user and password go with url; a dataSource carries its own");
      }
      if (url != null) {
        try {
          DriverManager.getDriver(url);
        } catch (SQLException e) {
          throw new RunStoreException("no JDBC driver on the class path accepts "
              + JdbcText.forStore(url, password).redact(url)
              + ": add com.h2database:h2 or org.postgresql:postgresql to the application", null);
        }
      }
      return new JdbcRunStore(this, extraMigrations);
    }

    @Override
    public String toString() {
      return "JdbcRunStore.Builder{"
          + (url != null ? "url=" + JdbcText.forStore(url, password).redact(url)
              : dataSource != null ? "dataSource=" + dataSource.getClass().getName() : "")
          + (user != null ? ", user=" + user : "")
          + (password != null ? ", password=" + Redaction.MASK : "")
          + ", tablePrefix=" + tablePrefix + "}";
    }
  }

  // --- schema --------------------------------------------------------------------------------

  private void migrate(Connection c, JdbcDialect d, List<List<String>> extra)
      throws SQLException {
    List<List<String>> migrations = new ArrayList<>(JdbcSchema.migrations(d));
    migrations.addAll(extra);
    String schema = prefix + "schema";
    String create = "CREATE TABLE IF NOT EXISTS " + schema
        + " (id INTEGER NOT NULL PRIMARY KEY, version INTEGER NOT NULL)";
    try {
      execute(c, create);
    } catch (SQLException e) {
      // Another instance creating it at the same moment (PostgreSQL can report that as a
      // duplicate even with IF NOT EXISTS): once more, now that it exists.
      execute(c, create);
    }
    try (PreparedStatement ps = prepare(c, "INSERT INTO " + schema + " (id, version) "
        + "SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM " + schema + " WHERE id = 1)")) {
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
    }
    c.setAutoCommit(false);
    try {
      int version;
      // The row lock makes concurrent migrations take turns (PostgreSQL runs DDL in the
      // transaction; H2 commits at each DDL statement, which the IF NOT EXISTS make harmless).
      try (PreparedStatement ps = prepare(c,
          "SELECT version FROM " + schema + " WHERE id = 1 FOR UPDATE");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        version = rs.getInt(1);
      }
      if (version > migrations.size()) {
        c.rollback();
        throw new SQLException("the tables " + prefix + "* are at schema version " + version
            + ", newer than this scrapyd4j knows (" + migrations.size() + "): use a newer "
            + "scrapyd4j, or another table prefix", "55000");
      }
      for (int v = version + 1; v <= migrations.size(); v++) {
        for (String statement : migrations.get(v - 1)) {
          execute(c, statement.replace("{p}", prefix));
        }
        try (PreparedStatement ps = prepare(c,
            "UPDATE " + schema + " SET version = ? WHERE id = 1")) {
          ps.setInt(1, v);
          ps.executeUpdate();
        }
        LOG.info("run store tables {}* on {} migrated to schema version {}", prefix, shown, v);
      }
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
  }

  private void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      s.execute(sql);
    }
  }

  /**
   * The schema version the store's tables are at.
   *
   * @return the version
   */
  int schemaVersion() {
    return call("reading the schema version", c -> {
      try (PreparedStatement ps = prepare(c,
          "SELECT version FROM " + prefix + "schema WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  // --- RunStore ------------------------------------------------------------------------------

  @Override
  public boolean claim(TaskRun run) {
    Checks.notNull("run", run);
    if (run.taskId().isEmpty()) {
      throw new IllegalArgumentException("run has no taskId: only a task's run can be claimed");
    }
    checkLengths(run);
    return call("claiming " + describe(run), c -> {
      String insert = "INSERT INTO " + runs + " (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ")";
      if (dialect.onConflict) {
        try (PreparedStatement ps = prepare(c,
            insert + " ON CONFLICT (task_id, fire_time, attempt) DO NOTHING")) {
          bind(ps, run, 1);
          return ps.executeUpdate() == 1;
        }
      }
      try (PreparedStatement ps = prepare(c, insert)) {
        bind(ps, run, 1);
        ps.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState()) && exists(c, run)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public void save(TaskRun run) {
    Checks.notNull("run", run);
    checkLengths(run);
    call("saving " + describe(run), c -> {
      // Two tries: an insert can lose a race with another instance inserting the same key, after
      // which an update does it.
      for (int attempt = 1; ; attempt++) {
        c.setAutoCommit(false);
        try {
          boolean done = run.taskId().isPresent() ? saveTaskRun(c, run) : saveHarvested(c, run);
          c.commit();
          if (!done) {
            LOG.debug("{}: a task's run already records this job; the harvested record is not"
                + " kept", describe(run));
          }
          return null;
        } catch (SQLException e) {
          c.rollback();
          if (attempt >= 2 || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
          }
        } finally {
          c.setAutoCommit(true);
        }
      }
    });
  }

  private boolean saveTaskRun(Connection c, TaskRun run) throws SQLException {
    if (run.node().isPresent() && run.jobId().isPresent()) {
      try (PreparedStatement ps = prepare(c, "DELETE FROM " + runs
          + " WHERE task_id IS NULL AND node = ? AND project = ? AND job_id = ?")) {
        ps.setString(1, run.node().get());
        ps.setString(2, run.project());
        ps.setString(3, run.jobId().get());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = prepare(c, "UPDATE " + runs + " SET " + SET_COLUMNS
        + " WHERE task_id = ? AND fire_time = ? AND attempt = ?")) {
      int next = bind(ps, run, 1);
      ps.setString(next, run.taskId().get());
      ps.setObject(next + 1, time(run.fireTime().get()), Types.TIMESTAMP_WITH_TIMEZONE);
      ps.setInt(next + 2, run.attempt());
      if (ps.executeUpdate() > 0) {
        return true;
      }
    }
    insert(c, run);
    return true;
  }

  private boolean saveHarvested(Connection c, TaskRun run) throws SQLException {
    try (PreparedStatement ps = prepare(c, "UPDATE " + runs + " SET " + SET_COLUMNS
        + " WHERE task_id IS NULL AND node = ? AND project = ? AND job_id = ?")) {
      int next = bind(ps, run, 1);
      ps.setString(next, run.node().get());
      ps.setString(next + 1, run.project());
      ps.setString(next + 2, run.jobId().get());
      if (ps.executeUpdate() > 0) {
        return true;
      }
    }
    if (findByJob(c, run.node().get(), run.project(), run.jobId().get()).isPresent()) {
      return false;
    }
    insert(c, run);
    return true;
  }

  private void insert(Connection c, TaskRun run) throws SQLException {
    try (PreparedStatement ps = prepare(c,
        "INSERT INTO " + runs + " (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ")")) {
      bind(ps, run, 1);
      ps.executeUpdate();
    }
  }

  private boolean exists(Connection c, TaskRun run) throws SQLException {
    try (PreparedStatement ps = prepare(c, "SELECT 1 FROM " + runs
        + " WHERE task_id = ? AND fire_time = ? AND attempt = ?")) {
      ps.setString(1, run.taskId().get());
      ps.setObject(2, time(run.fireTime().get()), Types.TIMESTAMP_WITH_TIMEZONE);
      ps.setInt(3, run.attempt());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public Optional<TaskRun> findByJob(String node, String project, String jobId) {
    Checks.notNull("node", node);
    Checks.notNull("project", project);
    Checks.notNull("jobId", jobId);
    return call("finding job " + project + "/" + jobId + " of node " + node,
        c -> findByJob(c, node, project, jobId));
  }

  private Optional<TaskRun> findByJob(Connection c, String node, String project, String jobId)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM " + runs
        + " WHERE node = ? AND project = ? AND job_id = ?")) {
      ps.setString(1, node);
      ps.setString(2, project);
      ps.setString(3, jobId);
      List<TaskRun> found = read(ps, 1);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  @Override
  public List<TaskRun> history(Optional<String> taskId, int limit) {
    Checks.notNull("taskId", taskId);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
    }
    return call("reading the history", c -> {
      try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM " + runs
          + (taskId.isPresent() ? " WHERE task_id = ?" : "")
          + " ORDER BY sort_time DESC NULLS LAST, attempt DESC, id DESC LIMIT ?")) {
        int i = 1;
        if (taskId.isPresent()) {
          ps.setString(i++, taskId.get());
        }
        ps.setInt(i, limit);
        return read(ps, limit);
      }
    });
  }

  @Override
  public Optional<Instant> lastFireTime(String taskId) {
    Checks.notNull("taskId", taskId);
    return call("reading the last fire time of task " + taskId, c -> {
      try (PreparedStatement ps = prepare(c,
          "SELECT MAX(fire_time) FROM " + runs + " WHERE task_id = ?")) {
        ps.setString(1, taskId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.ofNullable(instant(rs, 1));
        }
      }
    });
  }

  @Override
  public List<TaskRun> unfinished() {
    return call("reading the unfinished runs", c -> {
      try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM " + runs
          + " WHERE status IN (" + openStatuses() + ") ORDER BY sort_time, id")) {
        List<TaskRun> found = read(ps, UNFINISHED_CAP);
        if (found.size() == UNFINISHED_CAP) {
          LOG.warn("{} unfinished runs in {}; only the oldest {} are read", UNFINISHED_CAP,
              shown, UNFINISHED_CAP);
        }
        return found;
      }
    });
  }

  /**
   * The runs of one task not yet done, read with a query of their own (a scheduler asks before
   * each fire of a task that must not overlap itself).
   *
   * @param taskId the task id
   * @return the unfinished runs of the task, oldest first
   */
  @Override
  public List<TaskRun> unfinished(String taskId) {
    Checks.notNull("taskId", taskId);
    return call("reading the unfinished runs of task " + taskId, c -> {
      try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM " + runs
          + " WHERE task_id = ? AND status IN (" + openStatuses() + ") ORDER BY sort_time, id")) {
        ps.setString(1, taskId);
        return read(ps, UNFINISHED_CAP);
      }
    });
  }

  private static String openStatuses() {
    List<String> open = new ArrayList<>();
    for (RunStatus s : RunStatus.values()) {
      if (!s.isDone()) {
        open.add("'" + s.name() + "'");
      }
    }
    return String.join(", ", open);
  }

  @Override
  public void close() {
    connections.close();
  }

  /**
   * The store, with its database's URL (password hidden) and its tables' prefix.
   *
   * @return a description without passwords
   */
  @Override
  public String toString() {
    return "JdbcRunStore{" + shown + ", " + dialect + ", tables " + prefix + "*}";
  }

  // --- rows ----------------------------------------------------------------------------------

  /** Binds the columns of {@link #COLUMNS} from index {@code from}; returns the next index. */
  private int bind(PreparedStatement ps, TaskRun run, int from) throws SQLException {
    int i = from;
    ps.setString(i++, run.taskId().orElse(null));
    setTime(ps, i++, run.fireTime());
    ps.setInt(i++, run.attempt());
    ps.setString(i++, run.instanceId().orElse(null));
    ps.setString(i++, run.status().name());
    ps.setString(i++, run.project());
    ps.setString(i++, run.spider());
    ps.setString(i++, run.node().orElse(null));
    ps.setString(i++, run.jobId().orElse(null));
    setTime(ps, i++, run.scheduledAt());
    setTime(ps, i++, run.startedAt());
    setTime(ps, i++, run.finishedAt());
    ps.setString(i++, run.verdict().map(Enum::name).orElse(null));
    ps.setString(i++, run.reasons().isEmpty() ? null : json(run.reasons()));
    ps.setString(i++, run.stats().map(StatsText::write).orElse(null));
    if (run.itemsCount().isPresent()) {
      ps.setLong(i++, run.itemsCount().getAsLong());
    } else {
      ps.setNull(i++, Types.BIGINT);
    }
    ps.setString(i++, run.error().map(Redaction::uri).orElse(null));
    setTime(ps, i++, run.fireTime().or(run::finishedAt).or(run::startedAt)
        .or(run::scheduledAt));
    return i;
  }

  private static String json(List<String> reasons) throws SQLException {
    try {
      return JSON.writeValueAsString(reasons.stream().map(Redaction::uri)
          .collect(Collectors.toList()));
    } catch (JsonProcessingException e) {
      throw new SQLException("reasons could not be written as JSON", e);
    }
  }

  private List<TaskRun> read(PreparedStatement ps, int max) throws SQLException {
    ps.setMaxRows(max);
    List<TaskRun> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next() && out.size() < max) {
        out.add(row(rs));
      }
    }
    return out;
  }

  private TaskRun row(ResultSet rs) throws SQLException {
    TaskRun.Builder b = TaskRun.builder();
    String taskId = rs.getString("task_id");
    Instant fireTime = instant(rs, "fire_time");
    if (taskId != null) {
      b.taskId(taskId);
    }
    if (fireTime != null) {
      b.fireTime(fireTime);
    }
    b.attempt(rs.getInt("attempt"));
    Optional.ofNullable(rs.getString("instance_id")).ifPresent(b::instanceId);
    String status = rs.getString("status");
    try {
      b.status(RunStatus.valueOf(status));
    } catch (IllegalArgumentException e) {
      throw new SQLException("a run of task " + taskId + " has status '" + status
          + "', which this scrapyd4j does not know", "22000");
    }
    b.project(rs.getString("project"));
    b.spider(rs.getString("spider"));
    Optional.ofNullable(rs.getString("node")).ifPresent(b::node);
    Optional.ofNullable(rs.getString("job_id")).ifPresent(b::jobId);
    Optional.ofNullable(instant(rs, "scheduled_at")).ifPresent(b::scheduledAt);
    Optional.ofNullable(instant(rs, "started_at")).ifPresent(b::startedAt);
    Optional.ofNullable(instant(rs, "finished_at")).ifPresent(b::finishedAt);
    String verdict = rs.getString("verdict");
    if (verdict != null) {
      try {
        b.verdict(JobOutcome.Verdict.valueOf(verdict));
      } catch (IllegalArgumentException e) {
        LOG.warn("a run of task {} has verdict '{}', which this scrapyd4j does not know; read"
            + " without it", taskId, verdict);
      }
    }
    String reasons = rs.getString("reasons");
    if (reasons != null) {
      try {
        b.reasons(JSON.readValue(reasons, STRINGS));
      } catch (JsonProcessingException e) {
        LOG.warn("the reasons of a run of task {} are not a JSON list of strings; read as one"
            + " reason", taskId);
        b.addReasons(reasons);
      }
    }
    String stats = rs.getString("stats");
    if (stats != null) {
      try {
        b.stats(ScrapyStats.parse(stats));
      } catch (IllegalArgumentException e) {
        LOG.warn("the stats of a run of task {} (job {}) cannot be read; read without them: {}",
            taskId, rs.getString("job_id"), e.getMessage());
      }
    }
    long items = rs.getLong("items_count");
    if (!rs.wasNull()) {
      b.itemsCount(items);
    }
    Optional.ofNullable(rs.getString("error")).ifPresent(b::error);
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new SQLException("a row of " + runs + " is not a valid run: " + e.getMessage(),
          "22000");
    }
  }

  private static void setTime(PreparedStatement ps, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setObject(index, time(value.get()), Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setQueryTimeout(timeoutSeconds);
    return ps;
  }

  private static void checkLengths(TaskRun run) {
    checkLength("run.taskId", run.taskId());
    checkLength("run.instanceId", run.instanceId());
    checkLength("run.project", Optional.of(run.project()));
    checkLength("run.spider", Optional.of(run.spider()));
    checkLength("run.node", run.node());
    checkLength("run.jobId", run.jobId());
  }

  private static void checkLength(String name, Optional<String> value) {
    if (value.isPresent() && value.get().length() > JdbcSchema.ID_LENGTH) {
      throw new IllegalArgumentException(name + " is longer than " + JdbcSchema.ID_LENGTH
          + " characters (" + value.get().length() + "), more than the store keeps");
    }
  }

  private static String describe(TaskRun run) {
    return run.taskId().isPresent()
        ? "the run of task " + run.taskId().get() + " at " + run.fireTime().get()
            + (run.attempt() > 0 ? " (attempt " + run.attempt() + ")" : "")
        : "job " + run.project() + "/" + run.jobId().orElse("?") + " of node "
            + run.node().orElse("?");
  }

  private <T> T call(String what, JdbcConnections.Work<T> work) {
    try {
      return connections.with(work);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private RunStoreException failure(String what, SQLException e) {
    SQLException safe = text.sanitize(e);
    return new RunStoreException("JdbcRunStore on " + shown + ": " + what + " failed: "
        + text.redact(e.getMessage()) + " (SQL state " + e.getSQLState() + ")", safe);
  }
}
