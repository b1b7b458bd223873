package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exit code of {@code outcome} and {@code schedule --wait} on one node follows the verdict
 * drawn from the job's log: 0 for SUCCEEDED (and IN_PROGRESS), 1 for FAILED and CRASHED. The logs
 * are what real Scrapyd jobs wrote: a clean crawl, one whose callback raised (an ERROR line, finish
 * reason {@code finished}), one cancelled (finish reason {@code shutdown}), one killed (no stats
 * dump, no {@code Spider closed}).
 */
class OutcomeExitCodesTest {
  private static final String LISTED = "{\"pending\": [], \"running\": [], \"finished\":"
      + " [{\"id\": \"j-1\", \"project\": \"shop\", \"spider\": \"s\","
      + " \"start_time\": \"2026-12-05 23:45:01.900116\", \"end_time\":"
      + " \"2026-12-05 23:45:09.358107\", \"log_url\": \"/logs/shop/s/j-1.log\","
      + " \"items_url\": \"/items/shop/s/j-1.jl\"}], \"status\": \"ok\", \"node_name\": \"vm\"}";
  private static final String LOG = "/logs/shop/s/j-1.log";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path temp;

  CliTestSupport cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(LISTED)));
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response())); // finished
    wm.stubFor(post(urlPathEqualTo("/schedule.json")).willReturn(Recording.json(
        "{\"node_name\": \"vm\", \"status\": \"ok\", \"jobid\": \"j-1\"}")));
  }

  /** A log from src/test/resources: quickstart/ (the examples') or this package's. */
  static byte[] log(String name) {
    String path = name.startsWith("quotes") ? "/quickstart/" + name
        : "/io/github/scrapyd4j/cli/" + name;
    try (InputStream in = OutcomeExitCodesTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void serveLog(String name) {
    wm.stubFor(get(urlPathEqualTo(LOG)).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain").withBody(log(name))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "quotes-3.log        | 0 | j-1: SUCCEEDED",
      "quotes-failed.log   | 1 | j-1: FAILED (1 ERROR/CRITICAL log line; the first: ",
      "slow-cancelled.log  | 1 | j-1: FAILED (finish reason 'shutdown' (stopped by a signal:",
      "quotes-killed.log   | 1 | j-1: CRASHED (the log has no 'Dumping Scrapy stats:' block"})
  void outcomeExitsWithTheVerdict(String log, int exitCode, String line) {
    serveLog(log);

    assertThat(cli.run("outcome", "j-1", "-p", "shop", "--url", wm.baseUrl()))
        .as(cli.err()).isEqualTo(exitCode);

    assertThat(cli.out()).startsWith(line);
    assertThat(cli.err()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "quotes-3.log        | 0 | j-1: SUCCEEDED",
      "quotes-failed.log   | 1 | j-1: FAILED (1 ERROR/CRITICAL log line; the first: ",
      "slow-cancelled.log  | 1 | j-1: FAILED (finish reason 'shutdown' (stopped by a signal:",
      "quotes-killed.log   | 1 | j-1: CRASHED (the log has no 'Dumping Scrapy stats:' block"})
  void scheduleWaitExitsWithTheVerdict(String log, int exitCode, String line) {
    serveLog(log);

    assertThat(cli.run("schedule", "-p", "shop", "s", "--wait", "--url", wm.baseUrl()))
        .as(cli.err()).isEqualTo(exitCode);

    assertThat(cli.out()).startsWith("j-1\n" + line).hasLineCount(2);
    assertThat(cli.err()).isEmpty();
    wm.verify(1, postRequestedFor(urlPathEqualTo("/schedule.json")));
  }

  @ParameterizedTest
  @CsvSource({"quotes-3.log, SUCCEEDED, 0, finished", "slow-cancelled.log, FAILED, 1, shutdown",
      "quotes-killed.log, CRASHED, 1, "})
  void scheduleWaitJsonCarriesTheVerdictAndTheExitCodeFollowsIt(String log, String verdict,
      int exitCode, String finishReason) throws Exception {
    serveLog(log);

    assertThat(cli.run("schedule", "-p", "shop", "s", "--wait", "--json", "--url", wm.baseUrl()))
        .isEqualTo(exitCode);

    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertThat(j.get("job_id").asText()).isEqualTo("j-1");
    assertThat(j.get("verdict").asText()).isEqualTo(verdict);
    if (finishReason == null) {
      assertThat(j.get("finish_reason").isNull()).isTrue();
    } else {
      assertThat(j.get("finish_reason").asText()).isEqualTo(finishReason);
    }
  }

  @Test
  void aCancelledJobsOutcomeShowsItsStats() {
    serveLog("slow-cancelled.log");

    assertThat(cli.run("outcome", "j-1", "-p", "shop", "--url", wm.baseUrl())).isEqualTo(1);

    assertThat(cli.out()).isEqualTo("j-1: FAILED (finish reason 'shutdown' (stopped by a signal:"
        + " cancelled, or the process was asked to stop))\n"
        + "finish reason: shutdown\n"
        + "items: 7\n"
        + "requests: 7\n"
        + "responses: 7\n"
        + "status counts: {200=7}\n"
        + "elapsed: 6.856 s\n"
        + "log counts: {DEBUG=15, INFO=16, WARNING=1}\n");
  }

  @Test
  void aRunningJobIsInProgressWithExitZero() {
    wm.stubFor(get(urlPathEqualTo("/status.json")).willReturn(Recording.json(
        "{\"currstate\": \"running\", \"status\": \"ok\", \"node_name\": \"vm\"}")));
    serveLog("quotes-killed.log"); // the log so far: the spider opened, nothing closed yet

    assertThat(cli.run("outcome", "j-1", "-p", "shop", "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).startsWith("j-1: IN_PROGRESS (the node says the job is running)\n");
  }

  @ParameterizedTest
  @CsvSource({"outcome, j-1", "log, j-1", "items, j-1", "schedule, s"})
  void aNodeThatCannotBeReachedIsExitCodeThreeInOneLine(String command, String arg)
      throws Exception {
    String dead = "http://127.0.0.1:" + ReadCommandsTest.deadPort();
    String[] args = command.equals("schedule")
        ? new String[] {command, "-p", "shop", arg, "--wait", "--url", dead}
        : new String[] {command, arg, "-p", "shop", "--url", dead};

    assertThat(cli.run(args)).isEqualTo(3);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().strip()).startsWith("scrapyd4j: ").doesNotContain("\n")
        .contains("connection refused");
  }

  @Test
  void scheduleWaitThatRunsOutOfTimeIsExitOneAndLeavesTheJob() {
    wm.stubFor(get(urlPathEqualTo("/status.json")).willReturn(Recording.json(
        "{\"currstate\": \"running\", \"status\": \"ok\", \"node_name\": \"vm\"}")));

    assertThat(cli.run("schedule", "-p", "shop", "s", "--wait", "--timeout", "PT1S",
        "--url", wm.baseUrl())).isEqualTo(1);

    assertThat(cli.out()).isEqualTo("j-1\n");
    assertThat(cli.err().strip()).startsWith("scrapyd4j: ").doesNotContain("\n")
        .contains("j-1");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/cancel.json")));
  }

  @Test
  void scheduleWaitWhoseNodeStopsAnsweringIsExitThree() {
    wm.stubFor(get(urlPathEqualTo("/status.json")).willReturn(
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThat(cli.run("schedule", "-p", "shop", "s", "--wait", "--url", wm.baseUrl()))
        .isEqualTo(3);

    assertThat(cli.out()).isEqualTo("j-1\n");
    assertThat(cli.err().strip()).startsWith("scrapyd4j: ").doesNotContain("\n");
    wm.verify(1, postRequestedFor(urlPathEqualTo("/schedule.json")));
  }
}
