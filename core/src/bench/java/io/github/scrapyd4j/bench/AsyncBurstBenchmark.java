package io.github.scrapyd4j.bench;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

/**
 * 1,000 concurrent async daemonstatus calls against {@code FakeScrapyd} answering each after 20 ms
 * ({@code latency}, no thread held): the time for the whole burst, and (printed at the end) the most threads the client had while
 * the calls were in flight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=logback-bench.xml")
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class AsyncBurstBenchmark {
  private FakeScrapyd server;
  private ScrapydClient client;
  private Set<Thread> before;
  private long maxClientThreads;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new FakeScrapyd().withoutRequestLog().latency(Duration.ofMillis(20))
        .answer("/daemonstatus.json", Bodies.DAEMON_STATUS);
    before = Thread.getAllStackTraces().keySet();
    client = ScrapydClient.builder().baseUri(server.url()).build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    System.out.println();
    System.out.println("AsyncBurstBenchmark: most client threads during a 1,000-call burst: "
        + maxClientThreads + " (" + Runtime.getRuntime().availableProcessors() + " processors)");
    client.close();
    server.close();
  }

  @Benchmark
  public int thousandConcurrentDaemonStatus() {
    CompletableFuture<?>[] calls = new CompletableFuture<?>[1000];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = client.async().daemonStatus();
    }
    long threads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(t -> !t.getName().startsWith("fake-scrapyd"))
        .collect(Collectors.counting());
    maxClientThreads = Math.max(maxClientThreads, threads);
    CompletableFuture.allOf(calls).join();
    return calls.length;
  }
}
