package io.github.scrapyd4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.examples.RecurringCrawl.Tick;
import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecurringCrawlTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

  private void state(String recording) {
    wm.stubFor(get(urlPathEqualTo("/status.json")).willReturn(Recording.load(recording).response()));
  }

  @Test
  void skipsARunWhileThePreviousCrawlIsPendingOrRunning() {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response()));
    try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).build()) {
      RecurringCrawl crawl = new RecurringCrawl(client, "quickstart", "quotes", print);

      assertThat(crawl.tick()).isEqualTo(Tick.SCHEDULED);
      state("status_project"); // pending
      assertThat(crawl.tick()).isEqualTo(Tick.SKIPPED);
      wm.stubFor(get(urlPathEqualTo("/status.json")).willReturn(Recording.json(
          "{\"currstate\": \"running\", \"status\": \"ok\", \"node_name\": \"vm\"}")));
      assertThat(crawl.tick()).isEqualTo(Tick.SKIPPED);
      state("status_ok"); // finished
      assertThat(crawl.tick()).isEqualTo(Tick.SCHEDULED);
      state("status_unknown"); // the node forgot it (restarted): run again
      assertThat(crawl.tick()).isEqualTo(Tick.SCHEDULED);
    }
    wm.verify(3, postRequestedFor(urlPathEqualTo("/schedule.json")));
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "scheduled quickstart/quotes as " + QuickstartTest.JOB,
        "skipped: " + QuickstartTest.JOB + " is still pending",
        "skipped: " + QuickstartTest.JOB + " is still running",
        "scheduled quickstart/quotes as " + QuickstartTest.JOB,
        "scheduled quickstart/quotes as " + QuickstartTest.JOB);
  }

  @Test
  void aFailedScheduleIsReportedNotRetriedAndTheNextTickTriesAgain() {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_badspider").response()));
    try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).build()) {
      RecurringCrawl crawl = new RecurringCrawl(client, "quickstart", "nosuch", print);

      assertThat(crawl.tick()).isEqualTo(Tick.FAILED);
      wm.verify(1, postRequestedFor(urlPathEqualTo("/schedule.json")));
      wm.stubFor(post(urlPathEqualTo("/schedule.json"))
          .willReturn(Recording.load("schedule_ok").response()));
      assertThat(crawl.tick()).isEqualTo(Tick.SCHEDULED);
    }
    wm.verify(2, postRequestedFor(urlPathEqualTo("/schedule.json")));
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("failed: ")
        .contains("spider");
  }

  @Test
  void runsOnAScheduledExecutorForTheGivenNumberOfTicks() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response()));
    state("status_ok");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = RecurringCrawl.run(new String[] {wm.baseUrl(), "quickstart", "quotes", "0.05", "3"},
        print, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    wm.verify(3, postRequestedFor(urlPathEqualTo("/schedule.json")));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void badArgumentsAreAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RecurringCrawl.run(new String[] {wm.baseUrl(), "quickstart", "quotes", "0"},
        print, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: RecurringCrawl").contains("EVERY_SECONDS and RUNS must be positive");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
