package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.jobs.JobOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link RunStoreContract} on {@link JdbcRunStore}, plus what only a database store does:
 * tables created and migrated, stores in different processes (here: separate connection pools)
 * sharing claims, passwords hidden. Each test uses tables of its own prefix, dropped after.
 */
abstract class JdbcRunStoreContract extends RunStoreContract {
  protected final String prefix = "t" + UUID.randomUUID().toString().replace("-", "")
      .substring(0, 12) + "_";
  private final List<JdbcRunStore> opened = new ArrayList<>();

  /** A builder for the database under test (URL and credentials set). */
  protected abstract JdbcRunStore.Builder database();

  /** A direct connection to the database under test, to inspect and drop tables. */
  protected abstract Connection connect() throws SQLException;

  /** The password the database under test is reached with, to look for in what is shown. */
  protected abstract String password();

  protected JdbcRunStore open(String tablePrefix) {
    JdbcRunStore s = database().tablePrefix(tablePrefix).build();
    opened.add(s);
    return s;
  }

  @Override
  protected RunStore newStore() {
    return database().tablePrefix(prefix).maxConnections(6).build();
  }

  @AfterEach
  void dropTables() throws SQLException {
    opened.forEach(JdbcRunStore::close);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String p : List.of(prefix, prefix + "b_")) {
        s.execute("DROP TABLE IF EXISTS " + p + "runs");
        s.execute("DROP TABLE IF EXISTS " + p + "schema");
      }
    }
  }

  @Test
  void theStoreCreatesItsTablesAtSchemaVersion1() throws SQLException {
    assertThat(((JdbcRunStore) store).schemaVersion()).isEqualTo(1);
    assertThat(tables()).contains(prefix + "runs", prefix + "schema");
  }

  @Test
  void reopeningKeepsTheRunsAndMigratesNothing() {
    store.claim(claimed("nightly", T0));
    store.close();
    store = newStore();
    assertThat(((JdbcRunStore) store).schemaVersion()).isEqualTo(1);
    assertThat(store.claim(claimed("nightly", T0))).isFalse();
    assertThat(store.lastFireTime("nightly")).contains(T0);
  }

  @Test
  void aNewerMigrationIsAppliedOnceAndOlderCodeRefusesTheNewerTables() throws SQLException {
    store.claim(claimed("nightly", T0));
    store.close();
    List<List<String>> v2 = List.of(List.of(
        "ALTER TABLE {p}runs ADD COLUMN IF NOT EXISTS note VARCHAR(40)"));
    store = database().tablePrefix(prefix).build(v2);
    assertThat(((JdbcRunStore) store).schemaVersion()).isEqualTo(2);
    assertThat(columns(prefix + "runs")).contains("note");
    assertThat(store.history(Optional.of("nightly"), 5)).hasSize(1);
    store.close();
    store = database().tablePrefix(prefix).build(v2); // at 2 already: nothing to do
    assertThat(((JdbcRunStore) store).schemaVersion()).isEqualTo(2);
    store.close();
    store = null;

    assertThatThrownBy(() -> database().tablePrefix(prefix).build())
        .isInstanceOf(RunStoreException.class)
        .hasMessageContaining("schema version 2, newer than this scrapyd4j knows (1)");
  }

  @Test
  void storesWithOtherTablePrefixesDoNotMeet() {
    JdbcRunStore other = open(prefix + "b_");
    assertThat(store.claim(claimed("nightly", T0))).isTrue();
    assertThat(other.claim(claimed("nightly", T0))).isTrue();
    assertThat(other.history(Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void ofStoresInSeparateProcessesClaimingTheSameFireTimesExactlyOneWinsEach()
      throws Exception {
    // Each store has its own connections, as instances in separate JVMs would.
    int instances = 6;
    int fires = 30;
    List<JdbcRunStore> stores = new ArrayList<>();
    for (int k = 0; k < instances; k++) {
      stores.add(open(prefix));
    }
    ExecutorService pool = Executors.newFixedThreadPool(instances * 2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> wins = new ArrayList<>();
      for (int t = 0; t < instances * 2; t++) {
        JdbcRunStore s = stores.get(t % instances);
        String instance = "instance-" + t;
        wins.add(pool.submit(() -> {
          start.await();
          int won = 0;
          for (int f = 0; f < fires; f++) {
            if (s.claim(TaskRun.builder().from(claimed("shared", T0.plusSeconds(f)))
                .instanceId(instance).build())) {
              won++;
            }
          }
          return won;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> w : wins) {
        total += w.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(fires);
      try (Connection c = connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT fire_time) FROM "
              + prefix + "runs WHERE task_id = 'shared'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(fires);
        assertThat(rs.getInt(2)).isEqualTo(fires);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTaskRunReplacesAHarvestedRecordOfItsJob() {
    store.save(harvested("node-1", "j1", T0.plusSeconds(90)));
    TaskRun own = TaskRun.builder().from(claimed("nightly", T0)).status(RunStatus.FINISHED)
        .node("node-1").jobId("j1").verdict(JobOutcome.Verdict.SUCCEEDED).build();
    store.save(own);
    assertThat(store.findByJob("node-1", "shop", "j1")).contains(own);
    assertThat(store.history(Optional.empty(), 10)).containsExactly(own);
  }

  @Test
  void aHarvestedRecordOfATasksJobIsNotKept() {
    TaskRun own = TaskRun.builder().from(claimed("nightly", T0)).status(RunStatus.SCHEDULED)
        .node("node-1").jobId("j1").build();
    store.save(own);
    store.save(harvested("node-1", "j1", T0.plusSeconds(90)));
    assertThat(store.findByJob("node-1", "shop", "j1")).contains(own);
    assertThat(store.history(Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void theUnfinishedRunsOfOneTaskAreReadByTask() {
    store.claim(claimed("a", T0));
    store.claim(claimed("a", T0.plusSeconds(60)));
    store.save(TaskRun.builder().from(claimed("a", T0.plusSeconds(120)))
        .status(RunStatus.FINISHED).build());
    store.claim(claimed("b", T0));
    assertThat(((JdbcRunStore) store).unfinished("a"))
        .extracting(r -> r.fireTime().orElseThrow())
        .containsExactly(T0, T0.plusSeconds(60));
  }

  @Test
  void timesAreKeptToTheMicrosecond() {
    Instant fine = Instant.parse("2026-12-06T10:00:00.123456789Z");
    store.claim(claimed("nightly", fine));
    assertThat(store.lastFireTime("nightly"))
        .contains(Instant.parse("2026-12-06T10:00:00.123456Z"));
    assertThat(store.claim(claimed("nightly", Instant.parse("2026-12-06T10:00:00.123456001Z"))))
        .isFalse();
    store.save(TaskRun.builder().from(claimed("nightly", fine)).status(RunStatus.SKIPPED)
        .build());
    assertThat(store.history(Optional.of("nightly"), 5)).singleElement()
        .extracting(TaskRun::status).isEqualTo(RunStatus.SKIPPED);
  }

  @Test
  void anIdLongerThanTheColumnIsRefusedBeforeAnyStatement() {
    String longTask = "t".repeat(256);
    assertThatThrownBy(() -> store.claim(claimed(longTask, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run.taskId is longer than 255 characters");
  }

  @Test
  void toStringShowsTheDatabaseButNeverThePassword() {
    assertThat(store.toString()).startsWith("JdbcRunStore{jdbc:").contains(prefix)
        .doesNotContain(password());
    assertThat(database().toString()).doesNotContain(password());
  }

  @Test
  void aWrongPasswordFailsWithAMessageThatHoldsNoPassword() {
    String wrong = "Wr0ngSecret-" + UUID.randomUUID();
    Throwable thrown = catchThrown(() -> withPassword(database(), wrong).build());
    assertThat(thrown).isInstanceOf(RunStoreException.class);
    assertThat(thrown.getMessage()).contains("opening the store");
    assertThat(everything(thrown)).doesNotContain(wrong).doesNotContain(password());
  }

  /** The builder of the database under test with another password. */
  protected abstract JdbcRunStore.Builder withPassword(JdbcRunStore.Builder builder,
      String password);

  static Throwable catchThrown(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("nothing was thrown");
  }

  /** Messages and stack traces of an exception and all it chains, as a log would print them. */
  static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    StringBuilder all = new StringBuilder(out.toString());
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append('\n').append(c);
      if (c instanceof SQLException) {
        for (SQLException n = ((SQLException) c).getNextException(); n != null;
            n = n.getNextException()) {
          all.append('\n').append(n);
        }
      }
    }
    return all.toString();
  }

  private List<String> tables() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect();
        ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private List<String> columns(String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect()) {
      for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
        try (ResultSet rs = c.getMetaData().getColumns(null, null, name, "%")) {
          while (rs.next()) {
            out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return out;
  }

  static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }
}
