package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class JobCommandsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path temp;

  CliTestSupport cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
  }

  static String logBody() {
    return Recording.load("log_full").bodyText();
  }

  @Test
  void logFindsTheSpiderWithListjobsAndPrintsTheWholeLog() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log"))
        .willReturn(Recording.load("log_full").response()));

    assertThat(cli.run("log", "myjob-1", "-p", "labbot", "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).isEqualTo(logBody().endsWith("\n") ? logBody() : logBody() + "\n");
    assertThat(cli.err()).isEmpty();
    wm.verify(1, getRequestedFor(urlPathEqualTo("/listjobs.json"))
        .withQueryParam("project", equalTo("labbot")));
    wm.verify(1, getRequestedFor(urlPathEqualTo("/logs/labbot/pages/myjob-1.log")));
  }

  @Test
  void logWithSpiderSkipsListjobs() {
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log"))
        .willReturn(Recording.load("log_full").response()));

    assertThat(cli.run("log", "myjob-1", "-p", "labbot", "--spider", "pages",
        "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).startsWith("2026-11-23 18:27:10 [scrapy.utils.log] INFO: Scrapy 2.8.0");
    wm.verify(0, getRequestedFor(urlPathEqualTo("/listjobs.json")));
  }

  @Test
  void logTailPrintsTheLastLinesWithARangeRequest() {
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log"))
        .willReturn(Recording.load("log_full").response()));

    assertThat(cli.run("log", "myjob-1", "-p", "labbot", "--spider", "pages", "--tail", "2",
        "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).isEqualTo(
        " 'start_time': datetime.datetime(2026, 11, 23, 18, 27, 11, 83225)}\n"
        + "2026-11-23 18:27:14 [scrapy.core.engine] INFO: Spider closed (finished)\n");
    wm.verify(1, getRequestedFor(urlPathEqualTo("/logs/labbot/pages/myjob-1.log"))
        .withHeader("Range", com.github.tomakehurst.wiremock.client.WireMock.matching(
            "bytes=-[0-9]+")));
  }

  @Test
  void logOfAJobNotListedIsOneLineAndExitCode1() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));

    assertThat(cli.run("log", "nosuch", "-p", "labbot", "--url", wm.baseUrl())).isEqualTo(1);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).startsWith("scrapyd4j: no job nosuch in project labbot");
    assertThat(cli.err().strip()).doesNotContain("\n");
  }

  @Test
  void missingLogIsOneLineAndExitCode1() {
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/nosuch.log"))
        .willReturn(Recording.load("log_missing").response()));

    assertThat(cli.run("log", "nosuch", "-p", "labbot", "--spider", "pages",
        "--url", wm.baseUrl())).isEqualTo(1);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).startsWith("scrapyd4j: ");
    assertThat(cli.err().strip()).doesNotContain("\n");
    wm.verify(1, getRequestedFor(urlPathEqualTo("/logs/labbot/pages/nosuch.log")));
  }

  @Test
  void logTailOfZeroIsAUsageError() {
    assertThat(cli.run("log", "j", "-p", "labbot", "--spider", "pages", "--tail", "0",
        "--url", wm.baseUrl())).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("scrapyd4j: --tail must be 1 or more, but was 0\n");
  }

  @Test
  void outcomePrintsTheVerdictAndStats() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log"))
        .willReturn(Recording.load("log_full").response()));

    assertThat(cli.run("outcome", "myjob-1", "-p", "labbot", "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).startsWith("myjob-1: SUCCEEDED");
    assertThat(cli.out()).contains("finish reason: finished\n", "items: 31\n",
        "requests: 32\n", "responses: 32\n", "elapsed: 3.335 s\n");
    assertThat(cli.err()).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo("/status.json"))
        .withQueryParam("job", equalTo("myjob-1")));
    wm.verify(getRequestedFor(urlPathEqualTo("/logs/labbot/pages/myjob-1.log")));
  }

  @Test
  void outcomeAsJson() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log"))
        .willReturn(Recording.load("log_full").response()));

    assertThat(cli.run("outcome", "myjob-1", "-p", "labbot", "--json", "--url", wm.baseUrl()))
        .isZero();

    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
    assertThat(j.get("verdict").asText()).isEqualTo("SUCCEEDED");
    assertThat(j.get("spider").asText()).isEqualTo("pages");
    assertThat(j.get("finish_reason").asText()).isEqualTo("finished");
    assertThat(j.get("stats").get("items").asLong()).isEqualTo(31);
    assertThat(j.get("stats").get("status_counts").get("404").asLong()).isEqualTo(1);
  }

  @Test
  void outcomeOfAJobNotListedIsExitCode1() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));

    assertThat(cli.run("outcome", "nosuch", "-p", "labbot", "--url", wm.baseUrl())).isEqualTo(1);
    assertThat(cli.err()).startsWith("scrapyd4j: no job nosuch in project labbot");
  }

  @Test
  void itemsPrintsOneJsonLineEachFromTheListedItemsUrl() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));
    wm.stubFor(get(urlPathEqualTo("/items/labbot/echo/7e5980b6e76b11f1a91702fc00000001.jl"))
        .willReturn(Recording.load("items_full").response()));

    assertThat(cli.run("items", "7e5980b6e76b11f1a91702fc00000001", "-p", "labbot",
        "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).isEqualTo("{\"args\":{\"_job\":\"7e5980b6e76b11f1a91702fc00000001\","
        + "\"foo\":\"bar\",\"uni\":\"h\u00e9llo w\u00f6rld\"},\"setting_DOWNLOAD_DELAY\":\"2\","
        + "\"setting_USER_AGENT\":\"lab/1.0\"}\n");
    assertThat(cli.err()).isEmpty();
    wm.verify(1, getRequestedFor(
        urlPathEqualTo("/items/labbot/echo/7e5980b6e76b11f1a91702fc00000001.jl")));
  }

  @Test
  void missingItemsIsOneLineAndExitCode1() {
    wm.stubFor(get(urlPathEqualTo("/items/labbot/echo/nosuch.jl"))
        .willReturn(Recording.load("log_missing").response()));

    assertThat(cli.run("items", "nosuch", "-p", "labbot", "--spider", "echo",
        "--url", wm.baseUrl())).isEqualTo(1);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).startsWith("scrapyd4j: ");
    assertThat(cli.err().strip()).doesNotContain("\n");
  }

  @Test
  void scheduleWaitWaitsThenPrintsTheOutcome() {
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
        urlPathEqualTo("/schedule.json")).willReturn(Recording.load("schedule_jobid").response()));
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log"))
        .willReturn(Recording.load("log_full").response()));

    assertThat(cli.run("schedule", "-p", "labbot", "pages", "--jobid", "myjob-1", "--wait",
        "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).isEqualTo("myjob-1\nmyjob-1: SUCCEEDED\n");
    assertThat(cli.err()).isEmpty();
    wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/schedule.json")));
    wm.verify(getRequestedFor(urlPathEqualTo("/status.json"))
        .withQueryParam("job", equalTo("myjob-1")));
    wm.verify(getRequestedFor(urlPathEqualTo("/logs/labbot/pages/myjob-1.log")));
  }

  private static void stubFinishedLogForFollow() {
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log")).atPriority(5)
        .willReturn(Recording.load("log_full").response()));
    wm.stubFor(get(urlPathEqualTo("/logs/labbot/pages/myjob-1.log")).atPriority(1)
        .withHeader("Range", com.github.tomakehurst.wiremock.client.WireMock.matching(
            "bytes=[1-9][0-9]*-"))
        .willReturn(Recording.load("log_range_past").response()));
  }

  @Test
  void logFollowPrintsTheLogOfAFinishedJobAndEnds() {
    stubFinishedLogForFollow();

    assertThat(cli.run("log", "myjob-1", "-p", "labbot", "--spider", "pages", "--follow",
        "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).startsWith("2026-11-23 18:27:10 [scrapy.utils.log] INFO: Scrapy 2.8.0");
    assertThat(cli.out()).endsWith("INFO: Spider closed (finished)\n");
    assertThat(cli.err()).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo("/status.json"))
        .withQueryParam("job", equalTo("myjob-1")));
  }

  @Test
  void scheduleFollowPrintsTheLogThenTheOutcome() {
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
        urlPathEqualTo("/schedule.json")).willReturn(Recording.load("schedule_jobid").response()));
    stubFinishedLogForFollow();

    assertThat(cli.run("schedule", "-p", "labbot", "pages", "--jobid", "myjob-1", "--follow",
        "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).startsWith("myjob-1\n2026-11-23 18:27:10 [scrapy.utils.log] INFO:");
    assertThat(cli.out()).endsWith(
        "INFO: Spider closed (finished)\nmyjob-1: SUCCEEDED\n");
    assertThat(cli.err()).isEmpty();
  }
}
