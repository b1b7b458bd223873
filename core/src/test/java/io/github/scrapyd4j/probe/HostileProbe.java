package io.github.scrapyd4j.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.jobs.JobItems;
import io.github.scrapyd4j.jobs.JobLogs;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.testing.HostileServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs the library against hostile stand-in nodes in this JVM, with the default caps, and prints
 * one line per case: what the call ended with, and the figures (peak heap, time to fail). Meant
 * for a small heap:
 *
 * <pre>
 * mvn -q -pl core test-compile
 * java -Xmx64m -cp "$(cat core/target/test-classpath.txt)" io.github.scrapyd4j.probe.HostileProbe
 * </pre>
 *
 * <p>(see docs/errors.md for the exact command). {@code HostileNodesProcessTest} runs it in a
 * forked JVM with {@code -Xmx64m} and checks the outcomes, not the figures.
 */
public final class HostileProbe {
  private static final long GIGABYTE = 1L << 30;
  private static final long LINE = 200L << 20;

  private HostileProbe() {}

  public static void main(String[] args) throws Exception {
    jsonGigabyte();
    clusterWithHostileNeighbours();
    itemsLine();
    logLine();
    tailLine();
    drip();
    System.out.println("done");
  }

  private static void jsonGigabyte() throws Exception {
    try (HostileServer server = new HostileServer((head, c) -> gigabyteChunked(c));
        ScrapydClient client = ScrapydClient.builder().baseUri(server.baseUrl())
            .retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(60)).build()) {
      resetPeaks();
      long start = System.nanoTime();
      String outcome = outcome(client::daemonStatus);
      report("json-gigabyte", outcome, start);
    }
  }

  private static void clusterWithHostileNeighbours() throws Exception {
    try (HostileServer healthy = new HostileServer((head, c) -> c.json("{\"status\": \"ok\","
            + " \"running\": 1, \"pending\": 0, \"finished\": 0, \"node_name\": \"h\"}"));
        HostileServer huge = new HostileServer((head, c) -> gigabyteChunked(c));
        HostileServer drip = new HostileServer((head, c) -> {
          c.head(200, "Content-Length: 100000");
          c.drip(new byte[100000], 1000);
        });
        HostileServer reset = new HostileServer((head, c) -> c.reset());
        ClusterClient cluster = ClusterClient.builder()
            .node(Node.of("healthy", healthy.baseUrl())).node(Node.of("gigabyte", huge.baseUrl()))
            .node(Node.of("drip", drip.baseUrl())).node(Node.of("reset", reset.baseUrl()))
            .requestTimeout(Duration.ofSeconds(5)).nodeTimeout(Duration.ofSeconds(30))
            .deadline(Duration.ofSeconds(40)).retryPolicy(RetryPolicy.none())
            .healthCheckTick(Duration.ZERO).build()) {
      resetPeaks();
      long start = System.nanoTime();
      ClusterResult<DaemonStatus> result = cluster.fanOut().daemonStatus();
      StringBuilder outcome = new StringBuilder("ok=").append(result.successes().keySet());
      result.failures().forEach((node, e) ->
          outcome.append(' ').append(node).append('=').append(e.getClass().getSimpleName()));
      report("cluster", outcome.toString(), start);
    }
  }

  private static void itemsLine() throws Exception {
    try (HostileServer server = lineFile("{\"a\": 1}\n", "\n{\"b\": 2}\n");
        ScrapydClient client = client(server)) {
      resetPeaks();
      long start = System.nanoTime();
      AtomicLong malformed = new AtomicLong();
      JobItems items = Jobs.builder(client)
          .onMalformedLine(e -> malformed.incrementAndGet()).build().items();
      String outcome = outcome(() -> {
        try (Stream<JsonNode> stream = items.stream(JobRef.of("p", "s", "j"))) {
          return "items=" + stream.count() + " skipped=" + malformed.get();
        }
      });
      report("items-200MB-line", outcome, start);
    }
  }

  private static void logLine() throws Exception {
    try (HostileServer server = lineFile("first\n", "\nlast\n"); ScrapydClient client = client(server)) {
      resetPeaks();
      long start = System.nanoTime();
      AtomicLong lines = new AtomicLong();
      String outcome = outcome(() -> {
        JobLogs.of(client).read(JobRef.of("p", "s", "j"), LogConsumer.lines(l -> lines.incrementAndGet()));
        return "lines=" + lines.get();
      });
      report("log-200MB-line", outcome, start);
    }
  }

  private static void tailLine() throws Exception {
    try (HostileServer server = lineFile("", ""); ScrapydClient client = client(server)) {
      resetPeaks();
      long start = System.nanoTime();
      String outcome = outcome(() ->
          "lines=" + JobLogs.of(client).tailLines(JobRef.of("p", "s", "j"), 20).size());
      report("tail-200MB-no-newline", outcome, start);
    }
  }

  private static void drip() throws Exception {
    try (HostileServer server = new HostileServer((head, c) -> {
      c.head(200, "Content-Length: 100000");
      c.drip(new byte[100000], 1000);
    });
        ScrapydClient client = ScrapydClient.builder().baseUri(server.baseUrl())
            .requestTimeout(Duration.ofSeconds(2)).retryPolicy(RetryPolicy.none()).build()) {
      resetPeaks();
      long start = System.nanoTime();
      String outcome = outcome(client::listProjects);
      report("drip-1-byte-per-s-timeout-2s", outcome, start);
    }
  }

  private static HostileServer lineFile(String first, String last) throws Exception {
    byte[] head = first.getBytes(StandardCharsets.UTF_8);
    byte[] tail = last.getBytes(StandardCharsets.UTF_8);
    long total = head.length + LINE + tail.length;
    return new HostileServer((request, c) -> c.file(request, total, i -> i < head.length
        ? head[(int) i]
        : i < head.length + LINE ? (byte) 'x' : tail[(int) (i - head.length - LINE)]));
  }

  private static ScrapydClient client(HostileServer server) {
    return ScrapydClient.builder().baseUri(server.baseUrl()).retryPolicy(RetryPolicy.none())
        .requestTimeout(Duration.ofSeconds(60)).build();
  }

  private static void gigabyteChunked(HostileServer.Connection c) throws java.io.IOException {
    c.head(200, "Content-Type: application/json", "Transfer-Encoding: chunked");
    byte[] chunk = ("10000\r\n" + "x".repeat(65536) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    for (long sent = 0; sent < GIGABYTE; sent += 65536) {
      c.body(chunk, 0, chunk.length);
    }
  }

  private interface Call {
    Object run() throws Exception;
  }

  private static String outcome(Call call) {
    try {
      return "returned " + call.run();
    } catch (ScrapydException e) {
      return "threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (Exception e) {
      return "threw " + e;
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static void report(String name, String outcome, long start) {
    long peak = 0;
    long old = 0;
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
        if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
          old = pool.getPeakUsage().getUsed();
        }
      }
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    // The sum of each heap pool's peak is an upper bound (the young generation's peak is mostly
    // garbage); the old generation's peak is what survived collections.
    System.out.printf("%s: %s | peak heap %d MiB (sum of pool peaks; old gen %d MiB; max %d MiB)"
            + " | %d ms%n", name,
        outcome.length() > 300 ? outcome.substring(0, 300) + "..." : outcome, peak >> 20,
        old >> 20, Runtime.getRuntime().maxMemory() >> 20, millis);
  }
}
