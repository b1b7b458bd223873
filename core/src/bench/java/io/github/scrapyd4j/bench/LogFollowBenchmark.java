package io.github.scrapyd4j.bench;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.jobs.FollowResult;
import io.github.scrapyd4j.jobs.JobLogs;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Follows a log while a writer thread grows it to 200 MiB (64 KiB blocks of Scrapy-like lines,
 * with multi-byte characters, about 1 ms apart), through the {@code FakeScrapyd} stand-in (the file
 * mounted from disk, {@code bytesSent} counting every byte of its answers): how many bytes crossed the wire (log answers and status.json answers, status lines and
 * headers included) per byte written. The time is the time to follow the whole growth, which the
 * writer's pace dominates. Each iteration prints its figures; the trial prints the medians.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class LogFollowBenchmark {
  static final long TARGET = 200L << 20;
  private static final byte[] BLOCK = block();

  private Path dir;
  private Path log;
  private FakeScrapyd server;
  private ScrapydClient client;
  private JobLogs logs;
  private final List<double[]> figures = Collections.synchronizedList(new ArrayList<>());

  private static byte[] block() {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (true) {
      String line = String.format(Locale.ROOT,
          "2026-11-23 18:27:%02d [scrapy.core.scraper] DEBUG: Scraped from <200 https://shop.example/p/%06d>"
              + " {'name': 'caf\u00e9 cr\u00e8me \u2615', 'price': %d.99}%n", i % 60, i, i % 100);
      if (b.length() + line.length() * 2 > 65536) {
        break;
      }
      b.append(line);
      i++;
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Setup(Level.Iteration)
  public void start() throws IOException {
    Quiet.clientLogging();
    dir = Files.createTempDirectory("scrapyd4j-follow-bench");
    log = Files.createFile(dir.resolve("j.log"));
    server = new FakeScrapyd().withoutRequestLog();
    server.mount("/logs/bench/grow/", dir);
    server.job("bench", "grow", "j", "running");
    client = ScrapydClient.builder().baseUri(server.url()).build();
    logs = Jobs.builder(client).polling(Polling.builder()
        .initialInterval(Duration.ofMillis(20))
        .maxInterval(Duration.ofMillis(200))
        .build()).build().logs();
  }

  @Benchmark
  public long followGrowingLogTo200MiB() throws Exception {
    Thread writer = new Thread(() -> {
      try (FileOutputStream out = new FileOutputStream(log.toFile(), true)) {
        for (long written = 0; written < TARGET; written += BLOCK.length) {
          out.write(BLOCK);
          Thread.sleep(1);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.state("j", "finished");
    }, "log-writer");
    AtomicLong chars = new AtomicLong();
    writer.start();
    FollowResult result = logs.follow(JobRef.of("bench", "grow", "j"), text -> chars.addAndGet(text.length()),
        Duration.ofMinutes(10));
    writer.join();
    long written = Files.size(log);
    long expectedChars = (written / BLOCK.length) * new String(BLOCK, StandardCharsets.UTF_8).length();
    if (result.bytes() != written || chars.get() != expectedChars) {
      throw new IllegalStateException("followed " + result.bytes() + " bytes / " + chars.get()
          + " chars of " + written + " / " + expectedChars);
    }
    long logSent = server.bytesSent("/logs/");
    long statusSent = server.bytesSent("/status.json");
    long logRequests = server.hits("/logs/bench/grow/j.log");
    long statusRequests = server.hits("/status.json");
    long sent = logSent + statusSent;
    double ratio = (double) sent / written;
    double bodyRatio = (double) server.bodyBytesSent() / written;
    figures.add(new double[] {ratio, bodyRatio, logRequests, statusRequests, sent - written});
    System.out.printf(Locale.ROOT, "%nLogFollowBenchmark: written %d B, sent %d B (log %d B in %d answers,"
            + " status.json %d B in %d answers): %.6f x written (log bodies %.6f x)%n",
        written, sent, logSent, logRequests, statusSent, statusRequests, ratio, bodyRatio);
    return result.bytes();
  }

  @TearDown(Level.Iteration)
  public void stop() throws IOException {
    client.close();
    server.close();
    Files.deleteIfExists(log);
    Files.deleteIfExists(dir);
  }

  @TearDown(Level.Trial)
  public void report() {
    List<double[]> measured = new ArrayList<>(figures.subList(Math.min(1, figures.size()), figures.size()));
    if (measured.isEmpty()) {
      return;
    }
    System.out.printf(Locale.ROOT, "%nLogFollowBenchmark summary over %d measured iterations: median %.6f x"
            + " bytes written on the wire (max %.6f), log bodies median %.6f x, median %d log requests and %d"
            + " status requests, median overhead %d B%n",
        measured.size(), median(measured, 0), max(measured, 0), median(measured, 1),
        (long) median(measured, 2), (long) median(measured, 3), (long) median(measured, 4));
  }

  static double median(List<double[]> rows, int column) {
    double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static double max(List<double[]> rows, int column) {
    return rows.stream().mapToDouble(r -> r[column]).max().orElse(Double.NaN);
  }
}
