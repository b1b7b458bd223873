package io.github.scrapyd4j.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.jobs.JobItems;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Streams a 1 GiB items file (4,194,304 JSON lines of 256 bytes, generated as they are sent by the
 * {@code FakeScrapyd} stand-in, {@code serve(...)} with {@link ItemLines}) through {@link JobItems#stream}, as Jackson trees and as a typed class, in a JVM
 * with a 64 MiB heap ({@code -Xmx64m}; the server runs in the same JVM). After each iteration it
 * prints the heap's peak: the sum of the heap pools' peak usage (an upper bound; the pools do not
 * peak together), the highest heap usage a 5 ms sampler saw (garbage included), and the highest
 * heap usage just after a collection (close to the live set).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ItemsStreamBenchmark {
  static final long LINES = (1L << 30) / ItemLines.LINE;
  private static final JobRef JOB = JobRef.of("bench", "items", "j");

  /** The caller's item type. */
  public static final class Item {
    public long id;
    public String name;
    public double price;
    public List<String> tags;
    @JsonProperty("in_stock")
    public boolean inStock;
    public String text;
  }

  private Path dir;
  private FakeScrapyd server;
  private ScrapydClient client;
  private JobItems items;
  private volatile boolean sampling;
  private volatile long sampledMax;
  private volatile long afterGcMax;
  private Thread sampler;
  private final List<double[]> peaks = Collections.synchronizedList(new ArrayList<>());

  @Setup(Level.Trial)
  public void start() throws IOException {
    Quiet.clientLogging();
    dir = Files.createTempDirectory("scrapyd4j-items-bench");
    server = new FakeScrapyd().withoutRequestLog();
    server.serve("/items/bench/items/j.jl", LINES * ItemLines.LINE, () -> new ItemLines(LINES));
    client = ScrapydClient.builder().baseUri(server.url()).build();
    items = JobItems.of(client);
  }

  @Setup(Level.Iteration)
  public void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    sampledMax = 0;
    afterGcMax = 0;
    sampling = true;
    sampler = new Thread(() -> {
      while (sampling) {
        sampledMax = Math.max(sampledMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
            afterGc += pool.getCollectionUsage().getUsed();
          }
        }
        afterGcMax = Math.max(afterGcMax, afterGc);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  @Benchmark
  public long streamOneGiBAsTrees() {
    long sum = 0;
    long count = 0;
    try (Stream<JsonNode> stream = items.stream(JOB)) {
      for (JsonNode item : (Iterable<JsonNode>) stream::iterator) {
        sum += item.get("id").asLong();
        count++;
      }
    }
    return check(count, sum);
  }

  @Benchmark
  public long streamOneGiBAsTypedItems() {
    long sum = 0;
    long count = 0;
    try (Stream<Item> stream = items.stream(JOB, Item.class)) {
      for (Item item : (Iterable<Item>) stream::iterator) {
        sum += item.id;
        count++;
      }
    }
    return check(count, sum);
  }

  private static long check(long count, long sum) {
    if (count != LINES || sum != LINES * (LINES - 1) / 2) {
      throw new IllegalStateException("read " + count + " items of " + LINES);
    }
    return count;
  }

  @TearDown(Level.Iteration)
  public void recordPeaks() throws InterruptedException {
    sampling = false;
    sampler.join();
    long poolPeaks = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        poolPeaks += pool.getPeakUsage().getUsed();
      }
    }
    long max = Runtime.getRuntime().maxMemory();
    peaks.add(new double[] {poolPeaks, sampledMax, afterGcMax});
    System.out.printf(Locale.ROOT, "%nItemsStreamBenchmark: heap max %.1f MiB; peak heap used %.1f MiB"
            + " (sum of pool peaks), %.1f MiB (sampled); peak heap used just after a GC %.1f MiB%n",
        max / 1048576.0, poolPeaks / 1048576.0, sampledMax / 1048576.0, afterGcMax / 1048576.0);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    server.close();
    Files.deleteIfExists(dir);
    System.out.printf(Locale.ROOT, "%nItemsStreamBenchmark summary: highest peak heap used %.1f MiB (sum of"
            + " pool peaks), %.1f MiB (sampled), %.1f MiB just after a GC, over %d iterations%n",
        LogFollowBenchmark.max(peaks, 0) / 1048576.0, LogFollowBenchmark.max(peaks, 1) / 1048576.0,
        LogFollowBenchmark.max(peaks, 2) / 1048576.0, peaks.size());
  }
}
