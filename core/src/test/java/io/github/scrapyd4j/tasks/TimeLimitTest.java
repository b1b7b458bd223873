package io.github.scrapyd4j.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.alerts.Alert;
import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.model.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run past its time limit, against a WireMock node that keeps the job running through the
 * first cancel (as a spider that ignores SIGTERM does) and finishes it on KILL: cancel with the
 * task's signal, then KILL after the grace, and no re-run of a run the scheduler cancelled.
 */
class TimeLimitTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String CRASHED_LOG =
      "2026-11-23 12:01:02 [scrapy.utils.log] INFO: Scrapy 2.11.2 started (bot: shop)\n"
      + "2026-11-23 12:01:03 [scrapy.core.engine] INFO: Spider opened\n";

  ScrapydClient client;
  VirtualTime time;
  InMemoryRunStore store = new InMemoryRunStore();
  TaskScheduler scheduler;
  final List<Alert> alerts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    client = ScrapydClient.builder().baseUri(wm.baseUrl()).build();
    time = new VirtualTime(Instant.parse("2026-11-23T12:00:00Z"));
    time.watch(() -> wm.getAllServeEvents().size());
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(okJson("{\"node_name\": \"wm\", \"status\": \"ok\", \"jobid\": \"job-1\"}")));
    wm.stubFor(get(urlPathEqualTo("/status.json")).inScenario("job").whenScenarioStateIs(STARTED)
        .willReturn(okJson("{\"currstate\": \"running\", \"status\": \"ok\", \"node_name\": \"wm\"}")));
    wm.stubFor(get(urlPathEqualTo("/status.json")).inScenario("job").whenScenarioStateIs("killed")
        .willReturn(okJson("{\"currstate\": \"finished\", \"status\": \"ok\", \"node_name\": \"wm\"}")));
    wm.stubFor(post(urlPathEqualTo("/cancel.json")).atPriority(5)
        .willReturn(okJson("{\"prevstate\": \"running\", \"status\": \"ok\", \"node_name\": \"wm\"}")));
    wm.stubFor(post(urlPathEqualTo("/cancel.json")).atPriority(1)
        .withRequestBody(containing("signal=KILL")).inScenario("job")
        .willSetStateTo("killed")
        .willReturn(okJson("{\"prevstate\": \"running\", \"status\": \"ok\", \"node_name\": \"wm\"}")));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(okJson(
        "{\"node_name\": \"wm\", \"status\": \"ok\", \"pending\": [], \"running\": [],"
            + " \"finished\": []}")));
    int size = CRASHED_LOG.getBytes(StandardCharsets.UTF_8).length;
    wm.stubFor(get(urlPathEqualTo("/logs/shop/products/job-1.log")).atPriority(1)
        .withHeader("Range", equalTo("bytes=0-"))
        .willReturn(aResponse().withStatus(206)
            .withHeader("Content-Range", "bytes 0-" + (size - 1) + "/" + size)
            .withHeader("Content-Type", "text/plain").withBody(CRASHED_LOG)));
    wm.stubFor(get(urlPathEqualTo("/logs/shop/products/job-1.log")).atPriority(5)
        .willReturn(aResponse().withStatus(416).withHeader("Content-Range", "bytes */" + size)));
  }

  @AfterEach
  void tearDown() {
    if (scheduler != null) {
      scheduler.close();
    }
    client.close();
  }

  @Test
  void aRunPastItsTimeLimitIsCancelledThenKilledAndNotReRun() {
    scheduler = TaskScheduler.builder()
        .client(client)
        .store(store)
        .alertSink(alerts::add)
        .clock(time.clock())
        .timer(time)
        .executor(Runnable::run)
        .instanceId("t-1")
        .polling(Polling.builder().initialInterval(Duration.ofSeconds(1))
            .maxInterval(Duration.ofSeconds(20)).build())
        .task(CrawlTask.builder().id("slow").project("shop").spider("products")
            .trigger(Trigger.once(Instant.parse("2026-11-23T12:01:00Z")))
            .timeLimit(Duration.ofMinutes(30))
            .cancelSignal(Signal.TERM)
            .killAfter(Duration.ofMinutes(2))
            .maxReruns(2)
            .build())
        .build();
    scheduler.start();

    time.advanceTo(Instant.parse("2026-11-23T12:30:59Z"));
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/cancel.json")))).isEmpty();
    time.advanceTo(Instant.parse("2026-11-23T12:31:00Z"));
    List<LoggedRequest> cancels = wm.findAll(postRequestedFor(urlPathEqualTo("/cancel.json")));
    assertThat(cancels).singleElement().satisfies(r ->
        assertThat(r.getBodyAsString()).contains("signal=TERM").contains("job=job-1"));

    time.runUntil(() -> run().status().isDone(), Instant.parse("2026-11-23T12:40:00Z"));

    cancels = wm.findAll(postRequestedFor(urlPathEqualTo("/cancel.json")));
    assertThat(cancels).hasSize(2);
    assertThat(cancels.get(1).getBodyAsString()).contains("signal=KILL");
    TaskRun run = run();
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.verdict()).contains(JobOutcome.Verdict.CRASHED);
    assertThat(run.reasons()).contains("time limit of PT30M reached: cancelled with TERM",
        "still going PT2M after the cancel: killed");
    assertThat(alerts).singleElement().extracting(Alert::kind).isEqualTo(AlertKind.RUN_CRASHED);
    assertThat(store.history(Optional.of("slow"), 10)).as("no re-run of a cancelled run")
        .hasSize(1);
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/schedule.json")))).hasSize(1);
  }

  TaskRun run() {
    return store.history(Optional.of("slow"), 10).get(0);
  }
}
