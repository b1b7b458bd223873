package io.github.scrapyd4j.jobs.support;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stand-in for Scrapyd on 127.0.0.1: static files under {@code /logs/} and {@code /items/}
 * served the way Twisted's {@code static.File} does (206 with Content-Range, suffix ranges, 416
 * with {@code bytes *}{@code /size} past the end, 404 when missing, and, like Twisted 22.4, a 500
 * for a suffix range longer than the file), files that grow, shrink or
 * live on disk, and {@code status.json}/{@code listjobs.json} from job states the test sets. It
 * counts the body bytes it sends and records each request.
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
  private final AtomicLong bodyBytes = new AtomicLong();
  private volatile boolean statusJson = true;
  private volatile boolean ignoreRanges;

  private static final class Job {
    final String project;
    final String spider;
    final String id;
    volatile String state;

    Job(String project, String spider, String id, String state) {
      this.project = project;
      this.spider = spider;
      this.id = id;
      this.state = state;
    }
  }

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

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Scrapyd before 1.5: status.json answers 404. */
  public FakeScrapyd withoutStatusJson() {
    statusJson = false;
    return this;
  }

  /** A server that ignores Range and always sends the whole file with 200. */
  public FakeScrapyd ignoringRanges() {
    ignoreRanges = true;
    return this;
  }

  public void put(String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public void put(String path, byte[] bytes) {
    files.put(path, bytes.clone());
  }

  public synchronized void append(String path, String text) {
    append(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public synchronized void append(String path, byte[] more) {
    byte[] old = files.getOrDefault(path, new byte[0]);
    byte[] grown = Arrays.copyOf(old, old.length + more.length);
    System.arraycopy(more, 0, grown, old.length, more.length);
    files.put(path, grown);
  }

  public void remove(String path) {
    files.remove(path);
  }

  /** Serves every file under {@code prefix} (such as {@code /logs/p/s/}) from a folder. */
  public void mount(String prefix, Path dir) {
    mounted.put(prefix, dir);
  }

  public void job(String project, String spider, String id, String state) {
    jobs.put(id, new Job(project, spider, id, state));
  }

  /** Sets a job's state; null makes the node forget it. */
  public void state(String id, String state) {
    if (state == null) {
      jobs.remove(id);
    } else {
      jobs.get(id).state = state;
    }
  }

  public long bodyBytesSent() {
    return bodyBytes.get();
  }

  /** "GET /logs/p/s/j.log bytes=0-" and so on. */
  public List<String> requests() {
    synchronized (requests) {
      return new ArrayList<>(requests);
    }
  }

  public long count(String prefix) {
    return requests().stream().filter(r -> r.startsWith(prefix)).count();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath();
      String range = ex.getRequestHeaders().getFirst("Range");
      requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
      if (path.equals("/status.json")) {
        status(ex);
      } else if (path.equals("/listjobs.json")) {
        listJobs(ex);
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
        q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private void status(HttpExchange ex) throws IOException {
    if (!statusJson) {
      send(ex, 404, "text/html", "<html><body>No Such Resource</body></html>");
      return;
    }
    Job job = jobs.get(query(ex).get("job"));
    String state = job == null ? "null" : '"' + job.state + '"';
    send(ex, 200, "application/json",
        "{\"currstate\": " + state + ", \"status\": \"ok\", \"node_name\": \"fake\"}\n");
  }

  private void listJobs(HttpExchange ex) throws IOException {
    String project = query(ex).get("project");
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
            sep(pending).append(common).append('}');
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
      send(ex, 404, "text/html; charset=utf-8",
          "<html><head><title>404 - No Such Resource</title></head></html>");
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

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
