package io.github.scrapyd4j.bench;

import static io.github.scrapyd4j.bench.Samples.median;
import static io.github.scrapyd4j.bench.Samples.percentile;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.model.JobList;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A cluster-wide {@code listjobs} over 200 simulated nodes that each answer after 100 ms, with the
 * cluster client's default settings, next to the same call on one node, and the same 200 requests
 * sent at once with a bare {@code HttpClient}: each round times one call of each, in an order that
 * rotates, so that a shared machine's drifting load weighs on all three alike. At the end it
 * prints each variant's median, the medians of the per-round ratios to the single node, and the
 * most threads the cluster client had (its pools', its HTTP client's and the JDK's timer for
 * timeouts, started after the other two clients were built).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m",
    "-Dlogback.configurationFile=logback-bench.xml"})
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 10, time = 5)
public class ClusterPairedBenchmark {
  private static final int NODES = 200;
  private static final int MAX_ROUNDS = 100_000;

  private SimulatedNodes nodes;
  private ClusterClient cluster;
  private ScrapydClient single;
  private HttpClient bare;
  private List<HttpRequest> requests;
  private Set<Thread> before;
  private long maxThreads;
  private List<String> maxThreadNames = List.of();
  private long[][] samples;
  private int rounds;
  private boolean measuring;
  private int lastAnswered;

  @Setup(Level.Trial)
  public void start() throws Exception {
    nodes = new SimulatedNodes(NODES, 100, false);
    List<String> urls = nodes.baseUrls();
    // The single-node client and the bare one first, their workers named apart, so that the
    // threads counted are the cluster client's own.
    single = ScrapydClient.builder().baseUri(urls.get(0)).build();
    bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "bare-worker");
          t.setDaemon(true);
          return t;
        }))
        .build();
    before = Thread.getAllStackTraces().keySet();
    ClusterClient.Builder builder = ClusterClient.builder();
    for (int i = 0; i < urls.size(); i++) {
      builder.node(Node.of("node-" + i, urls.get(i)));
    }
    cluster = builder.build();
    requests = new ArrayList<>();
    for (String url : urls) {
      requests.add(HttpRequest.newBuilder(URI.create(url + "listjobs.json")).GET().build());
    }
    samples = new long[3][MAX_ROUNDS];
  }

  /** Samples of warmup iterations are dropped: rounds restart at the first measurement. */
  @Setup(Level.Iteration)
  public void iteration(IterationParams params) {
    if (params.getType() == IterationType.MEASUREMENT && !measuring) {
      measuring = true;
      rounds = 0;
    }
  }

  @Benchmark
  public Object round() {
    int r = rounds < MAX_ROUNDS ? rounds : MAX_ROUNDS - 1;
    Object last = null;
    for (int k = 0; k < 3; k++) {
      int variant = (r + k) % 3;
      long start = System.nanoTime();
      if (variant == 0) {
        last = single.listJobs();
      } else if (variant == 1) {
        ClusterResult<JobList> result = cluster.fanOut().listJobs();
        lastAnswered = result.successes().size();
        last = result;
        List<String> threads = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t))
            .filter(t -> t.getName().startsWith("scrapyd4j") || t.getName().startsWith("HttpClient")
                || t.getName().equals("CompletableFutureDelayScheduler"))
            .map(Thread::getName).sorted().collect(Collectors.toList());
        if (threads.size() > maxThreads) {
          maxThreads = threads.size();
          maxThreadNames = threads;
        }
      } else {
        List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
        for (HttpRequest request : requests) {
          calls.add(bare.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).join();
        last = calls;
      }
      samples[variant][r] = System.nanoTime() - start;
    }
    rounds = r + 1;
    return last;
  }

  @TearDown(Level.Trial)
  public void report() throws Exception {
    long[] singleNs = Arrays.copyOf(samples[0], rounds);
    long[] clusterNs = Arrays.copyOf(samples[1], rounds);
    long[] bareNs = Arrays.copyOf(samples[2], rounds);
    double[] clusterRatio = Samples.ratios(clusterNs, singleNs);
    double[] bareRatio = Samples.ratios(bareNs, singleNs);
    System.out.println();
    System.out.printf("CLUSTER-PAIRED nodes=%d rounds=%d median_ms single=%.1f cluster=%.1f"
            + " bare=%.1f p90_ms cluster=%.1f median_ratio cluster/single=%.3f bare/single=%.3f"
            + " answered=%d most_client_threads=%d%n",
        NODES, rounds, median(singleNs) / 1e6, median(clusterNs) / 1e6, median(bareNs) / 1e6,
        percentile(clusterNs, 0.9) / 1e6, median(clusterRatio), median(bareRatio), lastAnswered,
        maxThreads);
    System.out.println("CLUSTER-PAIRED client threads: " + maxThreadNames);
    cluster.close();
    single.close();
    nodes.close();
  }
}
