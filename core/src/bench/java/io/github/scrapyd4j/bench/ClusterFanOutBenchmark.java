package io.github.scrapyd4j.bench;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.HealthPolicy;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.model.JobList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cluster-wide {@code listjobs} over 200 simulated nodes that each answer after 100 ms, one of
 * which never answers: with the cluster's default deadline and node timeout ({@code oneSilent}),
 * and with a 1 s deadline ({@code oneSilentDeadline1s}); and the sequential loop other tools use
 * over 200 healthy nodes ({@code sequentialLoop}). At the end of each trial it prints how many
 * nodes answered and the most threads the client had. All nodes healthy, next to a single node:
 * {@link ClusterPairedBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true",
    "-Dlogback.configurationFile=logback-bench.xml"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ClusterFanOutBenchmark {
  @Param({"oneSilent", "oneSilentDeadline1s"})
  public String scenario;

  private SimulatedNodes nodes;
  private ClusterClient cluster;
  private Set<Thread> before;
  private long maxThreads;
  private int lastSuccesses;
  private int lastFailures;

  @Setup(Level.Trial)
  public void start() throws Exception {
    nodes = new SimulatedNodes(199, 100, true);
    before = Thread.getAllStackTraces().keySet();
    ClusterClient.Builder builder = ClusterClient.builder();
    List<String> urls = nodes.baseUrls();
    for (int i = 0; i < urls.size(); i++) {
      builder.node(Node.of("node-" + i, urls.get(i)));
    }
    builder.node(Node.of("silent", nodes.blackHoleUrl()));
    // Measure every call waiting for the silent node: normally two such calls mark it down, and
    // later calls skip it without waiting at all.
    builder.healthPolicy(HealthPolicy.builder().failuresBeforeDown(Integer.MAX_VALUE).build());
    cluster = builder.build();
  }

  @Benchmark
  public ClusterResult<JobList> clusterListJobs() {
    ClusterResult<JobList> result = scenario.equals("oneSilentDeadline1s")
        ? cluster.fanOut().withDeadline(Duration.ofSeconds(1)).listJobs()
        : cluster.fanOut().listJobs();
    long threads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(t -> t.getName().startsWith("scrapyd4j") || t.getName().startsWith("HttpClient"))
        .count();
    maxThreads = Math.max(maxThreads, threads);
    lastSuccesses = result.successes().size();
    lastFailures = result.failures().size();
    return result;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    System.out.println();
    if (lastSuccesses + lastFailures > 0) {
      System.out.println("ClusterFanOutBenchmark " + scenario + ": " + lastSuccesses
          + " nodes answered, " + lastFailures + " failed; most client threads: " + maxThreads);
    }
    cluster.close();
    nodes.close();
  }

  /** The sequential loop: one node after the other, as scripts and dashboards do today. */
  @State(Scope.Benchmark)
  public static class Sequential {
    SimulatedNodes nodes;
    List<ScrapydClient> clients = new ArrayList<>();

    @Setup(Level.Trial)
    public void start() throws Exception {
      nodes = new SimulatedNodes(200, 100, false);
      for (String url : nodes.baseUrls()) {
        clients.add(ScrapydClient.builder().baseUri(url).build());
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      clients.forEach(ScrapydClient::close);
      nodes.close();
    }
  }

  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 2)
  public int sequentialLoop(Sequential state) {
    if (!scenario.equals("oneSilent")) {
      return 0; // the loop is measured once, over 200 healthy nodes
    }
    int jobs = 0;
    for (ScrapydClient client : state.clients) {
      jobs += client.listJobs().finished().size();
    }
    return jobs;
  }
}
