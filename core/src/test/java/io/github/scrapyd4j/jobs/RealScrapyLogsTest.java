package io.github.scrapyd4j.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.jobs.support.ScrapyPython;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ScrapyLogAnalyzer;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs and items written by real Scrapy (Debian's python3-scrapy) running the spiders under {@code
 * src/test/resources/logs/spiders/}: a good crawl, one raising in a callback, one killed mid-run,
 * and one followed over HTTP while it writes. Skipped, with the reason, where Scrapy is absent.
 */
class RealScrapyLogsTest {
  @TempDir
  static Path dir;

  private static Path goodLog;
  private static Path boomLog;
  private static Path goodItems;

  /** Skips each test, with the reason, where Scrapy is absent; runs the two crawls once. */
  @BeforeEach
  void crawlOnce() throws Exception {
    ScrapyPython.require();
    synchronized (RealScrapyLogsTest.class) {
      if (goodLog == null) {
        crawl();
      }
    }
  }

  private static void crawl() throws Exception {
    goodLog = dir.resolve("good.log");
    goodItems = dir.resolve("good.jl");
    boomLog = dir.resolve("boom.log");
    assertThat(ScrapyPython.run(dir, "good", goodLog, goodItems)).isZero();
    assertThat(ScrapyPython.run(dir, "boom", boomLog, dir.resolve("boom.jl"))).isZero();
  }

  private static LogSummary analyze(Path log) throws Exception {
    try (InputStream in = Files.newInputStream(log)) {
      return ScrapyLogAnalyzer.analyze(in);
    }
  }

  @Test
  void aGoodCrawlSucceedsWithItsStats() throws Exception {
    LogSummary summary = analyze(goodLog);
    JobOutcome outcome = OutcomePolicy.defaults().classify(summary);

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(outcome.finishReason()).contains("finished");
    ScrapyStats stats = summary.stats().orElseThrow();
    assertThat(stats.itemsScraped()).isEqualTo(5);
    assertThat(stats.requests()).isEqualTo(5);
    assertThat(stats.responseStatusCounts()).containsEntry(200, 5L);
    assertThat(stats.elapsed()).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(stats.startTime().get()).isBefore(stats.finishTime().get());
    assertThat(summary.count("INFO")).isGreaterThanOrEqualTo(5 + 10);
    assertThat(summary.errorCount()).isZero();
  }

  @Test
  void aCrawlRaisingInACallbackFailsWithItsErrorLine() throws Exception {
    LogSummary summary = analyze(boomLog);
    JobOutcome outcome = OutcomePolicy.defaults().classify(summary);

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.FAILED);
    assertThat(outcome.finishReason()).contains("finished");
    assertThat(outcome.reasons()).singleElement().asString()
        .startsWith("1 ERROR/CRITICAL log line; the first: ").contains("Spider error processing <GET data:,page1>");
    assertThat(summary.stats().get().spiderExceptions()).containsEntry("ValueError", 1L);
    assertThat(summary.stats().get().itemsScraped()).isEqualTo(2);
    assertThat(OutcomePolicy.builder().maxErrorLines(1).build().classify(summary).verdict())
        .isEqualTo(JobOutcome.Verdict.SUCCEEDED);
  }

  @Test
  void aCrawlKilledMidRunIsACrash() throws Exception {
    Path log = dir.resolve("killed.log");
    Process crawl = ScrapyPython.start(dir, "slow", log, dir.resolve("killed.jl"),
        "DOWNLOAD_DELAY=0.1", "arg:pages=500");
    try {
      waitForText(log, "page 3:", crawl);
    } finally {
      crawl.destroyForcibly(); // SIGKILL: no chance to dump stats
      crawl.waitFor(30, TimeUnit.SECONDS);
    }

    LogSummary summary = analyze(log);
    JobOutcome outcome = OutcomePolicy.defaults().classify(summary);

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.CRASHED);
    assertThat(summary.stats()).isEmpty();
    assertThat(summary.closeReason()).isEmpty();
    assertThat(summary.count("DEBUG")).isPositive();
    assertThat(outcome.reasons()).first().asString().contains("no 'Dumping Scrapy stats:' block");
  }

  @Test
  void realLogsAndItemsReadOverHttpDecodeTheirNonAsciiText() throws Exception {
    try (FakeScrapyd node = new FakeScrapyd();
         ScrapydClient client = ScrapydClient.builder().baseUri(node.url()).build()) {
      node.mount("/logs/p/good/", dir);
      node.mount("/items/p/good/", dir);
      node.job("p", "good", "good", "finished");
      JobRef job = JobRef.of("p", "good", "good");
      List<String> lines = new ArrayList<>();

      JobLogs.of(client).read(job, LogConsumer.lines(lines::add));
      JobOutcome outcome = JobLogs.of(client).outcome(job);
      List<JsonNode> items;
      try (Stream<JsonNode> stream = JobItems.of(client).stream(job)) {
        items = stream.collect(Collectors.toList());
      }

      assertThat(lines).containsExactlyElementsOf(Files.readAllLines(goodLog, StandardCharsets.UTF_8));
      assertThat(lines).anySatisfy(l -> assertThat(l).endsWith("parsed page 4: héllo wörld ✓ 日本"));
      assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
      assertThat(items).hasSize(5).allSatisfy(i -> assertThat(i.get("uni").asText()).isEqualTo("héllo wörld ✓ 日本"));
    }
  }

  @Test
  void followingACrawlWhileItWritesGivesEveryByteOnce() throws Exception {
    Path crawlDir = dir.resolve("follow");
    Files.createDirectories(crawlDir);
    Path log = crawlDir.resolve("j1.log");
    Path items = crawlDir.resolve("j1.jl");
    try (FakeScrapyd node = new FakeScrapyd();
         ScrapydClient client = ScrapydClient.builder().baseUri(node.url()).build()) {
      node.mount("/logs/p/slow/", crawlDir);
      node.mount("/items/p/slow/", crawlDir);
      node.job("p", "slow", "j1", "running");
      Polling quick = Polling.builder().initialInterval(Duration.ofMillis(50))
          .maxInterval(Duration.ofMillis(200)).build();
      JobRef job = JobRef.of("p", "slow", "j1");
      StringBuilder followed = new StringBuilder();
      List<JsonNode> followedItems = Collections.synchronizedList(new ArrayList<>());

      CompletableFuture<FollowResult> logFollow = Jobs.builder(client).polling(quick).build().logs()
          .followAsync(job, followed::append);
      CompletableFuture<FollowResult> itemFollow = Jobs.builder(client).polling(quick).build().items()
          .followAsync(job, followedItems::add);
      Process crawl = ScrapyPython.start(crawlDir, "slow", log, items, "DOWNLOAD_DELAY=0.05",
          "arg:pages=30", "FEED_EXPORT_BATCH_ITEM_COUNT=0");
      assertThat(crawl.waitFor(2, TimeUnit.MINUTES)).isTrue();
      node.state("j1", "finished");
      FollowResult result = logFollow.get(2, TimeUnit.MINUTES);
      FollowResult itemResult = itemFollow.get(2, TimeUnit.MINUTES);

      byte[] written = Files.readAllBytes(log);
      assertThat(followed.toString()).isEqualTo(new String(written, StandardCharsets.UTF_8));
      assertThat(followed.toString()).contains("page 29: café ☕").contains("Spider closed (finished)");
      assertThat(result.bytes()).isEqualTo(written.length);
      assertThat(result.bytesReceived()).isEqualTo(written.length);
      assertThat(result.fileRequests()).isGreaterThanOrEqualTo(2);
      assertThat(followedItems).hasSize(30);
      assertThat(itemResult.items()).isEqualTo(30);
      assertThat(itemResult.malformedLines()).isZero();
    }
  }

  private static void waitForText(Path file, String text, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("scrapy ended before writing '" + text + "'");
      }
      Thread.sleep(100);
    }
    throw new AssertionError("scrapy did not write '" + text + "' within 2 minutes");
  }
}
