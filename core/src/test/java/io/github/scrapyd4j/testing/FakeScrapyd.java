package io.github.scrapyd4j.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a Scrapyd 1.6 node on a real loopback socket (the JDK's {@code HttpServer}), for
 * our tests and for users testing their own code against a fake Scrapyd, in the spirit of okhttp's
 * {@code MockWebServer}. It answers the JSON API as a real 1.6.0 does (the bodies follow the
 * recordings in {@code src/test/resources/recordings}): errors are HTTP 200 with
 * {@code "status": "error"} and Scrapyd's messages, a wrong method is a 200 error, an unknown path
 * is a 404 HTML page.
 *
 * <ul>
 *   <li>State: {@link #project(String, String...)} adds a project and its spiders;
 *       {@code schedule.json} queues a pending job; {@link #job(String, String, String, String)}
 *       adds a job in any state and {@link #state(String, String)} moves it through
 *       pending, running and finished; {@code cancel.json} removes a pending job and finishes a
 *       running one.
 *   <li>Logs and items: {@link #put(String, String)}, {@link #append(String, String)} and
 *       {@link #mount(String, Path)} serve files under {@code /logs/} and {@code /items/} the way
 *       Twisted's {@code static.File} does (206 with Content-Range, suffix ranges, 416 with
 *       {@code bytes *}{@code /size} past the end, 404 when missing, and, like Twisted 22.4, a 500
 *       for a suffix range longer than the file).
 *   <li>Counting: {@link #requests()} lists every request, {@link #hits(String)} counts those of
 *       one path, {@link #bodyBytesSent()} counts the file bytes sent.
 *   <li>Faults: {@link #fail(String, Fault, int)} makes the next requests of a path fail.
 * </ul>
 *
 * <pre>{@code
 * try (FakeScrapyd fake = new FakeScrapyd()) {
 *   fake.project("shop", "products");
 *   ScrapydClient client = ScrapydClient.builder().baseUri(fake.url()).build();
 *   String job = client.schedule(ScheduleRequest.builder()
 *       .project("shop").spider("products").build()).jobId();
 *   fake.state(job, "running");
 *   fake.put("/logs/shop/products/" + job + ".log", "INFO: Spider opened\n");
 *   fake.state(job, "finished");
 *   assertThat(fake.hits("/schedule.json")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Other modules and users get it with the {@code scrapyd4j-core} test-jar
 * ({@code <type>test-jar</type>}, scope test). Thread-safe; one instance per test.
 */
public final class FakeScrapyd implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "fake-scrapyd");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Path> mounted = new ConcurrentHashMap<>();
  private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> cancels = new ArrayList<>();
  private final AtomicLong bodyBytes = new AtomicLong();
  private final Map<String, Project> projects = new ConcurrentHashMap<>();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private volatile boolean statusJson = true;
  private volatile boolean ignoreRanges;

  /** What {@link #fail(String, Fault, int)} makes a request get instead of its answer. */
  public enum Fault {
    /** HTTP 500 with Twisted's "Processing Failed" page, as a crashing Scrapyd sends. */
    SERVER_ERROR,
    /** HTTP 503 with an HTML body, as a proxy in front of a restarting Scrapyd sends. */
    UNAVAILABLE,
    /** The connection is closed without any answer. */
    DISCONNECT
  }

  private static final class Project {
    final List<String> spiders;
    final List<String> versions = Collections.synchronizedList(new ArrayList<>());

    Project(List<String> spiders) {
      this.spiders = spiders;
    }
  }

  private static final class Job {
    final String project;
    final String spider;
    final String id;
    final String version;
    final Map<String, String> args;
    final Map<String, String> settings = new LinkedHashMap<>();
    volatile String state;

    Job(String project, String spider, String id, String state, String version,
        Map<String, String> args) {
      this.project = project;
      this.spider = spider;
      this.id = id;
      this.state = state;
      this.version = version;
      this.args = args;
    }
  }

  /** Starts the stand-in on a free port of 127.0.0.1. */
  public FakeScrapyd() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * The base URL to give the client, such as {@code http://127.0.0.1:41234/}.
   *
   * @return the URL, ending with a slash
   */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /**
   * Acts as Scrapyd before 1.5: {@code status.json} answers 404.
   *
   * @return this stand-in
   */
  public FakeScrapyd withoutStatusJson() {
    statusJson = false;
    return this;
  }

  /**
   * Ignores Range and always sends the whole file with 200.
   *
   * @return this stand-in
   */
  public FakeScrapyd ignoringRanges() {
    ignoreRanges = true;
    return this;
  }

  /**
   * Adds a project with its spiders and one version {@code "1"} (or adds spiders to it).
   *
   * @param project the project name
   * @param spiders the spider names {@code listspiders.json} answers and schedule accepts
   * @return this stand-in
   */
  public FakeScrapyd project(String project, String... spiders) {
    deleted.remove(project);
    Project p = projects.computeIfAbsent(project, k -> {
      Project fresh = new Project(Collections.synchronizedList(new ArrayList<>()));
      fresh.versions.add("1");
      return fresh;
    });
    for (String spider : spiders) {
      if (!p.spiders.contains(spider)) {
        p.spiders.add(spider);
      }
    }
    return this;
  }

  /**
   * Makes the next {@code times} requests of a path fail with a fault; later ones are answered.
   *
   * @param path the request path, such as {@code /schedule.json} or {@code /logs/p/s/j.log}
   * @param fault what those requests get
   * @param times how many requests fail, at least 1
   * @return this stand-in
   */
  public FakeScrapyd fail(String path, Fault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    Deque<Fault> queue = faults.computeIfAbsent(path, k -> new ConcurrentLinkedDeque<>());
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
    return this;
  }

  /**
   * Serves a file, such as {@code /logs/p/s/j.log} or {@code /items/p/s/j.jl}.
   *
   * @param path the request path
   * @param text the content, sent as UTF-8
   */
  public void put(String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Serves a file.
   *
   * @param path the request path
   * @param bytes the content
   */
  public void put(String path, byte[] bytes) {
    files.put(path, bytes.clone());
  }

  /**
   * Makes a file grow, as a log does while its crawl runs.
   *
   * @param path the request path
   * @param text what is added, as UTF-8
   */
  public synchronized void append(String path, String text) {
    append(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Makes a file grow.
   *
   * @param path the request path
   * @param more what is added
   */
  public synchronized void append(String path, byte[] more) {
    byte[] old = files.getOrDefault(path, new byte[0]);
    byte[] grown = Arrays.copyOf(old, old.length + more.length);
    System.arraycopy(more, 0, grown, old.length, more.length);
    files.put(path, grown);
  }

  /**
   * Stops serving a file (as when Scrapyd rotates old logs away).
   *
   * @param path the request path
   */
  public void remove(String path) {
    files.remove(path);
  }

  /**
   * Serves every file under a path prefix from a folder.
   *
   * @param prefix the path prefix, such as {@code /logs/p/s/}
   * @param dir the folder
   */
  public void mount(String prefix, Path dir) {
    mounted.put(prefix, dir);
  }

  /**
   * Adds a job (its project is then known, too).
   *
   * @param project the project
   * @param spider the spider
   * @param id the job id
   * @param state {@code pending}, {@code running} or {@code finished}
   */
  public void job(String project, String spider, String id, String state) {
    jobs.put(id, new Job(project, spider, id, checkState(state), null, Map.of()));
  }

  /**
   * Moves a job to another state.
   *
   * @param id the job id
   * @param state {@code pending}, {@code running} or {@code finished}; null makes the node forget
   *     the job
   */
  public void state(String id, String state) {
    if (state == null) {
      jobs.remove(id);
      return;
    }
    Job job = jobs.get(id);
    if (job == null) {
      throw new IllegalArgumentException("no job " + id);
    }
    job.state = checkState(state);
  }

  private static String checkState(String state) {
    if (!List.of("pending", "running", "finished").contains(state)) {
      throw new IllegalArgumentException(
          "state must be pending, running or finished, was " + state);
    }
    return state;
  }

  /**
   * The job ids in a state, oldest first.
   *
   * @param state {@code pending}, {@code running} or {@code finished}
   * @return the ids
   */
  public List<String> jobs(String state) {
    checkState(state);
    synchronized (jobs) {
      List<String> ids = new ArrayList<>();
      for (Job j : jobs.values()) {
        if (j.state.equals(state)) {
          ids.add(j.id);
        }
      }
      return ids;
    }
  }

  /**
   * The spider arguments a job was scheduled with (not its settings).
   *
   * @param id the job id
   * @return the arguments, empty for a job added with {@link #job(String, String, String, String)}
   */
  public Map<String, String> args(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      throw new IllegalArgumentException("no job " + id);
    }
    return job.args;
  }

  /**
   * The file body bytes sent so far (logs and items).
   *
   * @return the count
   */
  public long bodyBytesSent() {
    return bodyBytes.get();
  }

  /**
   * Every request so far, as {@code "GET /logs/p/s/j.log bytes=0-"} (method, path, Range).
   *
   * @return the requests, oldest first
   */
  public List<String> requests() {
    synchronized (requests) {
      return new ArrayList<>(requests);
    }
  }

  /**
   * Every {@code cancel.json} call so far, as {@code "<job> <signal>"} ({@code -} when no signal
   * was sent).
   *
   * @return the cancels, oldest first
   */
  public List<String> cancels() {
    synchronized (cancels) {
      return new ArrayList<>(cancels);
    }
  }

  /**
   * How many requests start with a text, such as {@code "GET /logs/"}.
   *
   * @param prefix the start of {@link #requests()} entries
   * @return the count
   */
  public long count(String prefix) {
    return requests().stream().filter(r -> r.startsWith(prefix)).count();
  }

  /**
   * How many requests had a path, whatever their method (faulted ones included).
   *
   * @param path such as {@code /listjobs.json}
   * @return the count
   */
  public long hits(String path) {
    return requests().stream().filter(r -> {
      String p = r.substring(r.indexOf(' ') + 1);
      int space = p.indexOf(' ');
      return (space < 0 ? p : p.substring(0, space)).equals(path);
    }).count();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath();
      String range = ex.getRequestHeaders().getFirst("Range");
      requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
      Deque<Fault> queued = faults.get(path);
      Fault fault = queued == null ? null : queued.poll();
      if (fault == Fault.DISCONNECT) {
        return; // closing the exchange before any answer drops the connection
      } else if (fault != null) {
        boolean crash = fault == Fault.SERVER_ERROR;
        send(ex, crash ? 500 : 503, "text/html", crash
            ? "<html><head><title>Processing Failed</title></head></html>"
            : "<html><body>503 Service Unavailable</body></html>");
        return;
      }
      if (path.endsWith(".json") && path.indexOf('/', 1) < 0) {
        api(ex, path.substring(1, path.length() - ".json".length()));
      } else {
        file(ex, URLDecoder.decode(path, StandardCharsets.UTF_8), range);
      }
    } finally {
      ex.close();
    }
  }

  private Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        q.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static final List<String> GETS = List.of(
      "daemonstatus", "listprojects", "listversions", "listspiders", "listjobs", "status");
  private static final List<String> POSTS = List.of(
      "addversion", "schedule", "cancel", "delversion", "delproject");

  private void api(HttpExchange ex, String endpoint) throws IOException {
    boolean get = GETS.contains(endpoint);
    if (!get && !POSTS.contains(endpoint) || endpoint.equals("status") && !statusJson) {
      notFound(ex);
      return;
    }
    String method = ex.getRequestMethod();
    boolean post = method.equals("POST");
    if (get == post && !method.equals("HEAD")) {
      error(ex, "UnsupportedMethod: Expected one of [b'HEAD', b'OPTIONS', b'"
          + (get ? "GET" : "POST") + "']");
      return;
    }
    Map<String, String> q = post ? form(ex) : query(ex);
    if (!endpoint.equals("daemonstatus") && !endpoint.equals("listprojects")
        && !endpoint.equals("listjobs") && !endpoint.equals("status")
        && !q.containsKey("project")) {
      error(ex, "'project' parameter is required");
      return;
    }
    String project = q.get("project");
    Project p = project == null ? null : known(project);
    switch (endpoint) {
      case "daemonstatus":
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String state : List.of("pending", "running", "finished")) {
          counts.put(state, jobs(state).size());
        }
        ok(ex, counts);
        return;
      case "listprojects":
        ok(ex, Map.of("projects", projectNames()));
        return;
      case "listversions":
        ok(ex, Map.of("versions", p == null ? List.of() : List.copyOf(p.versions)));
        return;
      case "status":
        if (project != null && p == null) {
          error(ex, "project '" + project + "' not found");
          return;
        }
        if (q.get("job") == null) {
          error(ex, "'job' parameter is required");
          return;
        }
        Job job = jobs.get(q.get("job"));
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("currstate", job == null || project != null && !job.project.equals(project)
            ? null : job.state);
        ok(ex, st);
        return;
      case "listjobs":
        if (project != null && p == null) {
          error(ex, "project '" + project + "' not found");
          return;
        }
        listJobs(ex, project);
        return;
      default:
        break;
    }
    if (endpoint.equals("addversion")) {
      error(ex, "this stand-in takes no eggs: add projects with FakeScrapyd.project(...)");
      return;
    }
    if (p == null && !endpoint.equals("delversion")) {
      error(ex, "project '" + project + "' not found");
      return;
    }
    switch (endpoint) {
      case "listspiders":
        ok(ex, Map.of("spiders", List.copyOf(p.spiders)));
        return;
      case "schedule":
        schedule(ex, q, project, p);
        return;
      case "cancel":
        cancel(ex, q, project);
        return;
      case "delversion":
        String version = q.get("version");
        if (version == null) {
          error(ex, "'version' parameter is required");
        } else if (p == null || !p.versions.remove(version)) {
          error(ex, "version '" + version + "' not found");
        } else {
          if (p.versions.isEmpty()) {
            projects.remove(project);
            deleted.add(project);
          }
          ok(ex, Map.of());
        }
        return;
      default: // delproject
        projects.remove(project);
        deleted.add(project);
        ok(ex, Map.of());
    }
  }

  private void schedule(HttpExchange ex, Map<String, String> q, String project, Project p)
      throws IOException {
    String spider = q.get("spider");
    if (spider == null) {
      error(ex, "'spider' parameter is required");
      return;
    }
    String priority = q.get("priority");
    if (priority != null) {
      try {
        Double.parseDouble(priority);
      } catch (NumberFormatException e) {
        error(ex, "priority is invalid: could not convert string to float: b'" + priority + "'");
        return;
      }
    }
    String version = q.get("_version");
    if (version != null && !p.versions.contains(version)) {
      error(ex, "version '" + version + "' not found");
      return;
    }
    if (!p.spiders.contains(spider)) {
      error(ex, "spider '" + spider + "' not found");
      return;
    }
    String id = q.getOrDefault("jobid", UUID.randomUUID().toString().replace("-", ""));
    Map<String, String> args = new LinkedHashMap<>(q);
    for (String taken : List.of("project", "spider", "jobid", "priority", "_version")) {
      args.remove(taken);
    }
    String settings = args.remove("setting");
    Job job = new Job(project, spider, id, "pending", version, Collections.unmodifiableMap(args));
    if (settings != null) {
      for (String setting : settings.split("\n")) {
        int eq = setting.indexOf('=');
        job.settings.put(eq < 0 ? setting : setting.substring(0, eq),
            eq < 0 ? "" : setting.substring(eq + 1));
      }
    }
    jobs.put(id, job);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("jobid", id);
    ok(ex, answer);
  }

  private void cancel(HttpExchange ex, Map<String, String> q, String project) throws IOException {
    String id = q.get("job");
    if (id == null) {
      error(ex, "'job' parameter is required");
      return;
    }
    synchronized (cancels) {
      cancels.add(id + " " + q.getOrDefault("signal", "-"));
    }
    Job job = jobs.get(id);
    Map<String, Object> answer = new LinkedHashMap<>();
    if (job == null || !job.project.equals(project) || job.state.equals("finished")) {
      answer.put("prevstate", null);
    } else {
      answer.put("prevstate", job.state);
      if (job.state.equals("pending")) {
        jobs.remove(id);
      } else {
        job.state = "finished";
      }
    }
    ok(ex, answer);
  }

  private Project known(String project) {
    Project p = projects.get(project);
    if (p != null || deleted.contains(project)) {
      return p;
    }
    synchronized (jobs) {
      for (Job j : jobs.values()) {
        if (j.project.equals(project)) {
          return new Project(List.of());
        }
      }
    }
    return null;
  }

  private List<String> projectNames() {
    Set<String> names = new TreeSet<>(projects.keySet());
    synchronized (jobs) {
      for (Job j : jobs.values()) {
        if (!deleted.contains(j.project)) {
          names.add(j.project);
        }
      }
    }
    return new ArrayList<>(names);
  }

  private void ok(HttpExchange ex, Map<String, ?> fields) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    body.put("status", "ok");
    body.put("node_name", "fake");
    send(ex, 200, "application/json", json(body) + "\n");
  }

  private void error(HttpExchange ex, String message) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "error");
    body.put("message", message);
    body.put("node_name", "fake");
    send(ex, 200, "application/json", json(body) + "\n");
  }

  private void notFound(HttpExchange ex) throws IOException {
    send(ex, 404, "text/html; charset=utf-8",
        "<html><head><title>404 - No Such Resource</title></head></html>");
  }

  /** JSON as Python's json.dumps writes it (", " and ": " separators, non-ASCII escaped). */
  private static String json(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Map) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(json(e.getKey())).append(": ").append(json(e.getValue()));
      }
      return b.append('}').toString();
    } else if (value instanceof List) {
      StringBuilder b = new StringBuilder("[");
      for (Object o : (List<?>) value) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(json(o));
      }
      return b.append(']').toString();
    } else if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : value.toString().toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static Map<String, String> form(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readNBytes(1 << 20);
    Map<String, String> q = new LinkedHashMap<>();
    for (Map.Entry<String, String> pair : Forms.decode(new String(body, StandardCharsets.UTF_8))) {
      if (pair.getKey().equals("setting")) {
        q.merge("setting", pair.getValue(), (a, b) -> a + "\n" + b);
      } else {
        q.putIfAbsent(pair.getKey(), pair.getValue());
      }
    }
    return q;
  }

  private void listJobs(HttpExchange ex, String project) throws IOException {
    StringBuilder pending = new StringBuilder();
    StringBuilder running = new StringBuilder();
    StringBuilder finished = new StringBuilder();
    synchronized (jobs) {
      for (Job j : jobs.values()) {
        if (project != null && !project.equals(j.project)) {
          continue;
        }
        String common = "{\"id\": \"" + j.id + "\", \"project\": \"" + j.project
            + "\", \"spider\": \"" + j.spider + "\"";
        String files = ", \"log_url\": \"/logs/" + j.project + "/" + j.spider + "/" + j.id
            + ".log\", \"items_url\": \"/items/" + j.project + "/" + j.spider + "/" + j.id + ".jl\"}";
        switch (j.state) {
          case "pending":
            sep(pending).append(common).append(", \"version\": ").append(json(j.version))
                .append(", \"settings\": ").append(json(j.settings))
                .append(", \"args\": ").append(json(j.args)).append('}');
            break;
          case "running":
            sep(running).append(common)
                .append(", \"pid\": 1, \"start_time\": \"2026-11-23 18:00:00.000001\"").append(files);
            break;
          default:
            sep(finished).append(common)
                .append(", \"start_time\": \"2026-11-23 18:00:00.000001\", \"end_time\": \"2026-11-23 18:00:05.5\"")
                .append(files);
        }
      }
    }
    send(ex, 200, "application/json", "{\"pending\": [" + pending + "], \"running\": [" + running
        + "], \"finished\": [" + finished + "], \"status\": \"ok\", \"node_name\": \"fake\"}\n");
  }

  private static StringBuilder sep(StringBuilder b) {
    return b.length() == 0 ? b : b.append(", ");
  }

  private byte[] content(String path) throws IOException {
    byte[] bytes = files.get(path);
    if (bytes != null) {
      return bytes;
    }
    for (Map.Entry<String, Path> m : mounted.entrySet()) {
      if (path.startsWith(m.getKey())) {
        try {
          return Files.readAllBytes(m.getValue().resolve(path.substring(m.getKey().length())));
        } catch (NoSuchFileException e) {
          return null;
        }
      }
    }
    return null;
  }

  private void file(HttpExchange ex, String path, String range) throws IOException {
    byte[] data = content(path);
    if (data == null) {
      notFound(ex);
      return;
    }
    int size = data.length;
    ex.getResponseHeaders().set("Accept-Ranges", "bytes");
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    Matcher m = range == null || ignoreRanges ? null : RANGE.matcher(range.trim());
    if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      body(ex, 200, data, 0, size);
      return;
    }
    long first;
    long last;
    if (m.group(1).isEmpty()) { // suffix
      long n = Long.parseLong(m.group(2));
      if (n > size) {
        // Twisted 22.4 seeks to size - n, a negative offset, and fails (as Scrapyd does).
        send(ex, 500, "text/html", "<html><head><title>Processing Failed</title></head></html>");
        return;
      }
      first = size - n;
      last = size - 1;
    } else {
      first = Long.parseLong(m.group(1));
      last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
    }
    if (first >= size || last < first) {
      ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
      ex.sendResponseHeaders(416, -1);
      return;
    }
    ex.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + size);
    body(ex, 206, data, (int) first, (int) (last - first + 1));
  }

  private void body(HttpExchange ex, int status, byte[] data, int off, int len) throws IOException {
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().set("Content-Length", String.valueOf(len));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    // Counted before it is written, so that a client that has read it always sees it counted.
    bodyBytes.addAndGet(len);
    ex.sendResponseHeaders(status, len == 0 ? -1 : len);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(data, off, len);
    }
  }

  private void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
