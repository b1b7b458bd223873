package io.github.scrapyd4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.alerts.Alert;
import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.alerts.WebhookAlertSink;
import io.github.scrapyd4j.alerts.WebhookReceiver;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Rules on jobs of FakeScrapyd nodes whose logs grow (real Scrapy 2.8 logs, appended piece by
 * piece), with alerts to a local webhook receiver.
 */
class JobMonitorTest {
  static final Polling QUICK = Polling.builder().initialInterval(Duration.ofMillis(30))
      .maxInterval(Duration.ofMillis(60)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "/services/T000/B000/s3cr3tT0ken";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void capture() {
    logger = (Logger) LoggerFactory.getLogger("io.github.scrapyd4j");
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  static String fixture(String name) throws Exception {
    try (InputStream in = JobMonitorTest.class.getResourceAsStream("/logs/real/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("waited 10 s for: " + what);
      }
      Thread.sleep(10);
    }
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-06T19:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void anErrorThresholdOnAClusterCancelsOnTheJobsNodeWithItsSignalAndAlerts() throws Exception {
    String log = fixture("errs-logstats.log");
    int second = log.indexOf("ERROR: Spider error processing <GET data:,page5>");
    int third = log.indexOf("ERROR: Spider error processing <GET data:,page8>");
    try (FakeScrapyd a = new FakeScrapyd(); FakeScrapyd b = new FakeScrapyd();
         WebhookReceiver hook = new WebhookReceiver();
         ClusterClient cluster = ClusterClient.builder()
             .node(Node.of("a", a.url())).node(Node.of("b", b.url())).build();
         WebhookAlertSink webhook = WebhookAlertSink.builder(hook.url(SECRET)).build();
         JobMonitor monitor = JobMonitor.builder(cluster)
             .jobs(Jobs.builderOfNodes(cluster::client).polling(QUICK).build())
             .alerts(webhook).build()) {
      b.job("p", "errs", "j1", "running");
      b.put("/logs/p/errs/j1.log", log.substring(0, second));
      JobWatch watch = monitor.watch(MonitorRequest.builder()
          .job(JobRef.of("p", "errs", "j1").onNode("b"))
          .addRules(MonitorRule.logLevelAtLeast("error", 2).thenCancel(Signal.KILL))
          .taskId("nightly")
          .build());

      await("the first error read", () -> watch.report().summary().count("ERROR") == 1);
      assertThat(watch.report().firings()).isEmpty();
      assertThat(b.cancels()).isEmpty();

      b.append("/logs/p/errs/j1.log", log.substring(second, third));
      await("the cancel", () -> !b.cancels().isEmpty());
      b.append("/logs/p/errs/j1.log", log.substring(third));
      assertThat(b.cancels()).containsExactly("j1 KILL");
      assertThat(a.cancels()).isEmpty();

      JsonNode alert = JSON.readTree(hook.next().body);
      assertThat(alert.get("kind").asText()).isEqualTo("RULE_FIRED");
      assertThat(alert.get("title").asText())
          .isEqualTo("rule 'ERROR>=2' fired on p/errs (job j1 on b)");
      assertThat(alert.get("text").asText())
          .startsWith("2 ERROR records (threshold 2); the first: 2026-12-06 19:33:04 "
              + "[scrapy.core.scraper] ERROR: Spider error processing <GET data:,page2>")
          .contains("cancelling the job with signal KILL");
      assertThat(alert.get("node").asText()).isEqualTo("b");
      assertThat(alert.get("taskId").asText()).isEqualTo("nightly");
      assertThat(alert.get("fields").get("cancel").asText()).isEqualTo("KILL");

      MonitorReport last = watch.done().get(10, TimeUnit.SECONDS); // the cancel finished the job
      assertThat(last.finished()).isTrue();
      assertThat(last.summary().count("ERROR")).isEqualTo(4);
      assertThat(last.progress().pages()).isEqualTo(9);
      assertThat(last.firings()).singleElement().satisfies(f -> {
        assertThat(f.cancelSent()).isTrue();
        assertThat(f.cancelError()).isEmpty();
        assertThat(f.rule().name()).isEqualTo("ERROR>=2");
      });
      assertThat(b.cancels()).hasSize(1); // fired once
      assertThat(monitor.activeWatches()).isZero();
    }
  }

  @Test
  void noProgressAndRunTimeFireOnTheClockOnceEach() throws Exception {
    String log = fixture("slow-logstats.log");
    int cut = log.indexOf("Crawled 5 pages");
    TestClock clock = new TestClock();
    List<Alert> alerts = new CopyOnWriteArrayList<>();
    try (FakeScrapyd node = new FakeScrapyd();
         ScrapydClient client = ScrapydClient.builder().baseUri(node.url()).build();
         JobMonitor monitor = JobMonitor.builder(client)
             .jobs(Jobs.builder(client).polling(QUICK).build())
             .alerts(alerts::add).clock(clock).tick(Duration.ofMillis(20)).build()) {
      node.job("p", "slow", "j1", "running");
      node.put("/logs/p/slow/j1.log", log.substring(0, cut));
      JobWatch watch = monitor.watch(MonitorRequest.builder()
          .job(JobRef.of("p", "slow", "j1"))
          .addRules(MonitorRule.noProgressFor(Duration.ofMinutes(5)))
          .addRules(MonitorRule.runTimeOver(Duration.ofHours(1)).thenCancel(Signal.TERM))
          .startedAt(clock.instant().minus(Duration.ofMinutes(30)))
          .build());
      await("the log read", () -> watch.report().progress().crawledLines() == 5);

      clock.advance(Duration.ofMinutes(4));
      Thread.sleep(100);
      assertThat(watch.report().firings()).isEmpty();
      clock.advance(Duration.ofMinutes(2));
      await("no progress", () -> watch.report().firings().size() == 1);
      assertThat(watch.report().firings().get(0).reason())
          .isEqualTo("no new page or item for PT6M (limit PT5M)");
      assertThat(node.cancels()).isEmpty();

      node.append("/logs/p/slow/j1.log", log.substring(cut));
      await("progress again", () -> watch.report().progress().pages() == 21);
      clock.advance(Duration.ofMinutes(30));
      await("run time", () -> watch.report().firings().size() == 2);
      assertThat(watch.report().firings().get(1).reason())
          .isEqualTo("running for PT1H6M (limit PT1H)");
      await("the cancel", () -> !node.cancels().isEmpty());
      assertThat(node.cancels()).containsExactly("j1 TERM");
      await("two alerts", () -> alerts.size() == 2);
      assertThat(alerts).extracting(Alert::kind).containsOnly(AlertKind.RULE_FIRED);
      assertThat(alerts.get(0).fields()).containsEntry("rule", "no progress for PT5M")
          .doesNotContainKey("cancel");
      assertThat(alerts.get(1).text()).contains("cancelling the job with signal TERM")
          .contains("progress: 21 pages (at 240 pages/min), 21 items (at 300 items/min)");
      Thread.sleep(100);
      assertThat(watch.report().firings()).hasSize(2);
      assertThat(watch.done().get(10, TimeUnit.SECONDS).finished()).isTrue();
    }
  }

  @Test
  void aHangingWebhookNeverHoldsUpRulesCancelsOrOtherJobs() throws Exception {
    String log = "2026-12-06 19:33:04 [scrapy.core.scraper] ERROR: Spider error processing "
        + "<GET http://bob:hunter2@shop.example/p1> (referer: None)\n"
        + fixture("errs-logstats.log");
    CountDownLatch hold = new CountDownLatch(1);
    try (FakeScrapyd node = new FakeScrapyd(); WebhookReceiver hook = new WebhookReceiver();
         ScrapydClient client = ScrapydClient.builder().baseUri(node.url()).build();
         WebhookAlertSink webhook = WebhookAlertSink.builder(hook.url(SECRET))
             .timeout(Duration.ofSeconds(30)).build()) {
      hook.answer(ex -> {
        hold.await(30, TimeUnit.SECONDS);
        WebhookReceiver.respond(ex, 500, "too late " + ex.getRequestURI());
      });
      JobMonitor monitor = JobMonitor.builder(client)
          .jobs(Jobs.builder(client).polling(QUICK).build()).alerts(webhook).build();
      try {
        node.job("p", "errs", "j1", "running");
        node.job("p", "errs", "j2", "running");
        node.put("/logs/p/errs/j1.log", log);
        JobWatch first = monitor.watch(JobRef.of("p", "errs", "j1"),
            List.of(MonitorRule.logLevelAtLeast("ERROR", 1).thenCancel(Signal.INT),
                MonitorRule.logLevelAtLeast("ERROR", 3)));
        assertThat(hook.next()).isNotNull(); // the first alert is held by the webhook
        await("both rules and the cancel",
            () -> first.report().firings().size() == 2 && !node.cancels().isEmpty());
        assertThat(node.cancels()).containsExactly("j1 INT");

        node.put("/logs/p/errs/j2.log", log);
        JobWatch second = monitor.watch(JobRef.of("p", "errs", "j2"),
            List.of(MonitorRule.logLevelAtLeast("ERROR", 5)));
        await("the other job", () -> second.report().firings().size() == 1);
        assertThat(first.report().firings().get(0).reason())
            .contains("<GET http://bob:***@shop.example/p1>");
      } finally {
        hold.countDown();
        monitor.close();
      }
      String text = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
          .collect(Collectors.joining("\n"));
      assertThat(text).contains("answered HTTP 500: too late /***");
      assertThat(text).doesNotContain("s3cr3tT0ken").doesNotContain("T000")
          .doesNotContain("hunter2");
      for (WebhookReceiver.Received r : hook.all()) {
        assertThat(r.body).doesNotContain("hunter2").contains("bob:***@");
      }
    }
  }

  @Test
  void stopEndsTheWatchWithoutCancellingAndReadsNoMore() throws Exception {
    try (FakeScrapyd node = new FakeScrapyd();
         ScrapydClient client = ScrapydClient.builder().baseUri(node.url()).build();
         JobMonitor monitor = JobMonitor.builder(client)
             .jobs(Jobs.builder(client).polling(QUICK).build()).build()) {
      node.job("p", "slow", "j1", "running");
      node.put("/logs/p/slow/j1.log", fixture("slow-logstats.log").substring(0, 4000));
      JobWatch watch = monitor.watch(JobRef.of("p", "slow", "j1"),
          List.of(MonitorRule.runTimeOver(Duration.ofHours(1)).thenCancel(Signal.KILL)));
      await("the log read", () -> watch.report().summary().lines() > 10);
      watch.stop();
      MonitorReport last = watch.done().get(5, TimeUnit.SECONDS);
      assertThat(last.finished()).isFalse();
      assertThat(monitor.activeWatches()).isZero();
      Thread.sleep(100);
      long reads = node.count("GET /logs/");
      Thread.sleep(300);
      assertThat(node.count("GET /logs/")).isEqualTo(reads);
      assertThat(node.cancels()).isEmpty();
    }
  }

  @Test
  void aPendingJobIsWaitedForAndOneThatEndsWithoutALogFailsItsWatch() throws Exception {
    try (FakeScrapyd node = new FakeScrapyd();
         ScrapydClient client = ScrapydClient.builder().baseUri(node.url()).build();
         JobMonitor monitor = JobMonitor.builder(client)
             .jobs(Jobs.builder(client).polling(QUICK).build()).build()) {
      node.job("p", "slow", "j1", "pending");
      JobWatch watch = monitor.watch(JobRef.of("p", "slow", "j1"),
          List.of(MonitorRule.logLevelAtLeast("ERROR", 1)));
      Thread.sleep(200);
      assertThat(watch.done()).isNotDone();
      node.state("j1", "finished");
      assertThatThrownBy(() -> watch.done().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(io.github.scrapyd4j.jobs.LogNotFoundException.class);
      assertThat(monitor.activeWatches()).isZero();
    }
  }

  @Test
  void aClusterJobWithoutNodeAndBadRulesAreRefused() throws Exception {
    try (FakeScrapyd a = new FakeScrapyd();
         ClusterClient cluster = ClusterClient.builder().node(Node.of("a", a.url())).build();
         JobMonitor monitor = JobMonitor.builder(cluster).build()) {
      assertThatThrownBy(() -> monitor.watch(JobRef.of("p", "s", "j1"), List.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no node");
    }
    assertThatThrownBy(() -> MonitorRule.logLevelAtLeast("ERROR", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count must be 1");
    assertThatThrownBy(() -> MonitorRule.noProgressFor(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration must be");
    assertThat(MonitorRule.logLevelAtLeast("warn", 3).level()).contains("WARNING");
    assertThat(MonitorRule.runTimeOver(Duration.ofHours(2)).named("too long").name())
        .isEqualTo("too long");
    assertThat(MonitorRule.noProgressFor(Duration.ofMinutes(1)).withoutAlert().alert()).isFalse();
  }
}
