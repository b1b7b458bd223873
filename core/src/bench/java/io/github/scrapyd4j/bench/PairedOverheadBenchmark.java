package io.github.scrapyd4j.bench;

import static io.github.scrapyd4j.bench.Samples.median;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The same comparison as {@link ClientOverheadBenchmark}, interleaved: each invocation makes one
 * call of each variant (client, bare bytes, bare tree) in an order that rotates, timing each, so
 * that a machine whose load drifts (shared, noisy) weighs on all three alike. At the end of the
 * trial it prints each variant's median and the median of the per-round ratios client / bare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true",
    "-Dlogback.configurationFile=logback-bench.xml"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 8, time = 3)
public class PairedOverheadBenchmark {
  private static final int MAX_ROUNDS = 2_000_000;

  @Param({"listjobs", "daemonstatus"})
  public String endpoint;

  private FakeScrapyd server;
  private ScrapydClient client;
  private HttpClient bare;
  private HttpRequest request;
  private final ObjectMapper mapper = new ObjectMapper();
  private long[][] samples;
  private int rounds;
  private boolean measuring;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new FakeScrapyd().withoutRequestLog()
        .answer("/listjobs.json", Bodies.listJobs(1000))
        .answer("/daemonstatus.json", Bodies.DAEMON_STATUS);
    client = ScrapydClient.builder().baseUri(server.url()).build();
    bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    String uri = endpoint.equals("listjobs")
        ? server.url() + "listjobs.json?project=labbot"
        : server.url() + "daemonstatus.json";
    request = HttpRequest.newBuilder(URI.create(uri)).version(HttpClient.Version.HTTP_1_1)
        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
        .header("User-Agent", "bare").GET().build();
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

  @TearDown(Level.Trial)
  public void report() {
    long[] clientNs = Arrays.copyOf(samples[0], rounds);
    long[] bytesNs = Arrays.copyOf(samples[1], rounds);
    long[] treeNs = Arrays.copyOf(samples[2], rounds);
    double[] vsTree = Samples.ratios(clientNs, treeNs);
    double[] vsBytes = Samples.ratios(clientNs, bytesNs);
    System.out.println();
    System.out.printf("PAIRED %s rounds=%d median_us client=%.1f bare_bytes=%.1f bare_tree=%.1f"
            + " median_ratio client/bare_tree=%.3f client/bare_bytes=%.3f%n",
        endpoint, rounds, median(clientNs) / 1000.0, median(bytesNs) / 1000.0,
        median(treeNs) / 1000.0, median(vsTree), median(vsBytes));
    client.close();
    server.close();
  }

  @Benchmark
  public Object round() throws Exception {
    int r = rounds < MAX_ROUNDS ? rounds : MAX_ROUNDS - 1;
    Object last = null;
    for (int k = 0; k < 3; k++) {
      int variant = (r + k) % 3;
      long start = System.nanoTime();
      if (variant == 0) {
        last = endpoint.equals("listjobs") ? client.listJobs("labbot") : client.daemonStatus();
      } else if (variant == 1) {
        last = bare.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
      } else {
        last = mapper.readTree(bare.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
      }
      samples[variant][r] = System.nanoTime() - start;
    }
    rounds = r + 1;
    return last;
  }
}
