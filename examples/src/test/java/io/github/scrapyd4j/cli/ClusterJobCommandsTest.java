package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code log}, {@code outcome}, {@code items} and {@code schedule --wait} on several nodes: the job
 * is found on whichever node lists it, a node that cannot be asked is passed over, and the exit
 * code follows the crawl's verdict. Logs and items are what a real Scrapyd wrote (see {@code
 * src/test/resources/quickstart/README.md}).
 */
class ClusterJobCommandsTest {
  private static final String LISTED = "{\"pending\": [], \"running\": [], \"finished\":"
      + " [{\"id\": \"q-1\", \"project\": \"quickstart\", \"spider\": \"quotes\","
      + " \"start_time\": \"2026-12-05 22:45:25.912001\", \"end_time\":"
      + " \"2026-12-05 22:45:27.412001\", \"log_url\": \"/logs/quickstart/quotes/q-1.log\","
      + " \"items_url\": \"/items/quickstart/quotes/q-1.jl\"}], \"status\": \"ok\","
      + " \"node_name\": \"vm\"}";
  private static final String NOT_LISTED = "{\"pending\": [], \"running\": [], \"finished\":"
      + " [], \"status\": \"ok\", \"node_name\": \"vm\"}";
  /** The job id in the schedule_ok recording. */
  private static final String SCHEDULED = "7e5980b6e76b11f1a91702fc00000001";

  @RegisterExtension
  static WireMockExtension n1 =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  @RegisterExtension
  static WireMockExtension n2 =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path temp;

  CliTestSupport cli;
  String dead;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    dead = "http://127.0.0.1:" + ReadCommandsTest.deadPort();
    n1.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(NOT_LISTED)));
    n2.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(LISTED)));
    for (WireMockExtension n : new WireMockExtension[] {n1, n2}) {
      n.stubFor(get(urlPathEqualTo("/status.json"))
          .willReturn(Recording.load("status_ok").response()));
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = ClusterJobCommandsTest.class.getResourceAsStream("/quickstart/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void serveLog(WireMockExtension node, String job, String file) {
    node.stubFor(get(urlPathEqualTo("/logs/quickstart/quotes/" + job + ".log"))
        .willReturn(aResponse().withHeader("Content-Type", "text/plain")
            .withHeader("Accept-Ranges", "bytes").withBody(resource(file))));
  }

  @Test
  void logIsReadFromTheNodeThatListsTheJob() {
    serveLog(n2, "q-1", "quotes-3.log");

    assertThat(cli.run("log", "q-1", "-p", "quickstart", "--url", n1.baseUrl() + "," + n2.baseUrl()))
        .isZero();

    assertThat(cli.out()).contains("[scrapy.core.engine] INFO: Spider closed (finished)");
    assertThat(cli.err()).isEmpty();
    n1.verify(0, getRequestedFor(urlPathEqualTo("/logs/quickstart/quotes/q-1.log")));
  }

  @Test
  void outcomePassesOverANodeThatCannotBeAskedWithAWarning() {
    serveLog(n2, "q-1", "quotes-3.log");
    String deadId = "127.0.0.1:" + dead.substring(dead.lastIndexOf(':') + 1);
    String n2Id = "localhost:" + n2.getPort();

    assertThat(cli.run("outcome", "q-1", "-p", "quickstart", "--url", dead + "," + n2.baseUrl()))
        .isZero();

    assertThat(cli.out()).startsWith("q-1: SUCCEEDED\nnode: " + n2Id + "\n")
        .contains("items: 3\n");
    assertThat(cli.err().strip()).doesNotContain("\n")
        .startsWith("scrapyd4j: warning: " + deadId + " could not be asked for job q-1, passed"
            + " over: ")
        .contains("connection refused");
  }

  @ParameterizedTest
  @ValueSource(strings = {"log", "outcome", "items"})
  void aJobOnTheNodeThatAnsweredIsFoundWhileAnotherIsDown(String command) {
    serveLog(n2, "q-1", "quotes-3.log");
    n2.stubFor(get(urlPathEqualTo("/items/quickstart/quotes/q-1.jl")).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain").withBody(resource("quotes-3.jl"))));

    assertThat(cli.run(command, "q-1", "-p", "quickstart", "--url", n2.baseUrl() + "," + dead))
        .as(cli.err()).isZero();

    assertThat(cli.out()).isNotEmpty();
    assertThat(cli.err()).startsWith("scrapyd4j: warning: ");
  }

  @Test
  void outcomeOfAJobOnSeveralNodesTellsEachAndExitsWithTheWorst() {
    // As after schedule --place all: the same job id on both nodes, one failed.
    n1.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(LISTED)));
    serveLog(n1, "q-1", "quotes-3.log");
    serveLog(n2, "q-1", "quotes-failed.log");

    assertThat(cli.run("outcome", "q-1", "-p", "quickstart", "--url", n1.baseUrl() + ","
        + n2.baseUrl())).isEqualTo(1);

    assertThat(cli.out()).startsWith("q-1: SUCCEEDED\nnode: localhost:" + n1.getPort() + "\n")
        .contains("\n\nq-1: FAILED (1 ERROR/CRITICAL log line; the first: ")
        .contains("node: localhost:" + n2.getPort() + "\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void outcomeJsonOnSeveralNodesIsPerNode() throws Exception {
    n1.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(LISTED)));
    serveLog(n1, "q-1", "quotes-3.log");
    serveLog(n2, "q-1", "quotes-killed.log");

    assertThat(cli.run("outcome", "q-1", "-p", "quickstart", "--json", "--url", n1.baseUrl()
        + "," + n2.baseUrl() + "," + dead)).isEqualTo(1);

    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertThat(j.get("nodes").get("localhost:" + n1.getPort()).get("verdict").asText())
        .isEqualTo("SUCCEEDED");
    assertThat(j.get("nodes").get("localhost:" + n2.getPort()).get("verdict").asText())
        .isEqualTo("CRASHED");
    assertThat(j.get("nodes").get("localhost:" + n2.getPort()).get("stats").isNull()).isTrue();
    assertThat(j.get("failures").get("127.0.0.1:" + dead.substring(dead.lastIndexOf(':') + 1))
        .get("error").asText()).isEqualTo("ScrapydConnectionException");
  }

  @ParameterizedTest
  @ValueSource(strings = {"log", "items"})
  void logOrItemsOfAJobOnSeveralNodesAsksForOneNode(String command) {
    n1.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(LISTED)));

    assertThat(cli.run(command, "q-1", "-p", "quickstart", "--url", n1.baseUrl() + ","
        + n2.baseUrl())).isEqualTo(2);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).isEqualTo("scrapyd4j: job q-1 is listed on 2 nodes (localhost:"
        + n1.getPort() + ", localhost:" + n2.getPort() + "): give one of them with -t or --url\n");
    for (WireMockExtension n : new WireMockExtension[] {n1, n2}) {
      n.verify(0, getRequestedFor(urlPathMatching("/(logs|items)/.*")));
    }
  }

  @Test
  void aSpiderDoesNotFindAnUnlistedJobOnSeveralNodesAndSaysWhy() {
    n2.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(NOT_LISTED)));

    assertThat(cli.run("log", "q-1", "-p", "quickstart", "--spider", "quotes", "--url",
        n1.baseUrl() + "," + n2.baseUrl())).isEqualTo(1);

    assertThat(cli.err()).isEqualTo("scrapyd4j: no job q-1 in project quickstart on any node"
        + " (Scrapyd lists finished jobs only up to finished_to_keep; with --spider, give the one"
        + " node that ran the job)\n");
  }

  @Test
  void aSpiderOnSeveralNodesStillFindsTheListedJob() {
    serveLog(n2, "q-1", "quotes-3.log");

    assertThat(cli.run("log", "q-1", "-p", "quickstart", "--spider", "quotes", "--tail", "1",
        "--url", n1.baseUrl() + "," + n2.baseUrl())).isZero();

    assertThat(cli.out()).isEqualTo(
        "2026-12-05 22:45:26 [scrapy.core.engine] INFO: Spider closed (finished)\n");
  }

  @ParameterizedTest
  @CsvSource({"quotes-3.log, SUCCEEDED, 0", "quotes-failed.log, FAILED, 1",
      "quotes-killed.log, CRASHED, 1"})
  void outcomeExitCodeFollowsTheVerdict(String log, String verdict, int exitCode) {
    serveLog(n2, "q-1", log);

    assertThat(cli.run("outcome", "q-1", "-p", "quickstart", "--url", n1.baseUrl() + "," + n2.baseUrl()))
        .isEqualTo(exitCode);

    assertThat(cli.out()).startsWith("q-1: " + verdict);
  }

  @Test
  void itemsComeFromTheNodeThatListsTheJob() {
    n2.stubFor(get(urlPathEqualTo("/items/quickstart/quotes/q-1.jl")).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain").withBody(resource("quotes-3.jl"))));

    assertThat(cli.run("items", "q-1", "-p", "quickstart", "--url", n1.baseUrl() + "," + n2.baseUrl()))
        .isZero();

    assertThat(cli.out().lines()).hasSize(3)
        .allMatch(line -> line.startsWith("{\"text\":\"") && line.contains("\"author\":"));
  }

  @Test
  void aJobNoNodeListsIsExitCodeOne() {
    n2.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(NOT_LISTED)));

    assertThat(cli.run("outcome", "q-1", "-p", "quickstart", "--url", n1.baseUrl() + "," + n2.baseUrl()))
        .isEqualTo(1);

    assertThat(cli.err()).isEqualTo("scrapyd4j: no job q-1 in project quickstart on any node\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"log", "outcome", "items"})
  void aJobNotFoundWhileANodeCouldNotBeAskedIsExitCodeThree(String command) {
    assertThat(cli.run(command, "q-1", "-p", "quickstart", "--url", n1.baseUrl() + "," + dead))
        .isEqualTo(3);

    assertThat(cli.out()).isEmpty();
    String err = cli.err().strip();
    assertThat(err).doesNotContain("\n")
        .startsWith("scrapyd4j: no job q-1 in project quickstart on the nodes that answered;"
            + " not asked: 127.0.0.1:" + dead.substring(dead.lastIndexOf(':') + 1))
        .contains("connection refused");
  }

  @ParameterizedTest
  @CsvSource({"quotes-3.log, SUCCEEDED, 0", "quotes-failed.log, FAILED, 1",
      "quotes-killed.log, CRASHED, 1"})
  void scheduleWaitOnSeveralNodesWaitsOnTheNodeItPlacedTheJob(String log, String verdict,
      int exitCode) {
    n1.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response())); // 1 running
    n2.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
        "{\"node_name\": \"vm\", \"status\": \"ok\", \"pending\": 0, \"running\": 0,"
            + " \"finished\": 0}")));
    n2.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response()));
    serveLog(n2, SCHEDULED, log);

    assertThat(cli.run("schedule", "-p", "quickstart", "quotes", "--arg", "count=3", "--wait",
        "--url", n1.baseUrl() + "," + n2.baseUrl())).isEqualTo(exitCode);

    assertThat(cli.out()).startsWith(SCHEDULED + "\n")
        .contains(SCHEDULED + ": " + verdict);
    n1.verify(0, postRequestedFor(urlPathEqualTo("/schedule.json")));
    n2.verify(1, postRequestedFor(urlPathEqualTo("/schedule.json")));
  }

  @Test
  void scheduleWaitOnSeveralNodesPassesOverAnUnreachableNode() {
    n2.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
        "{\"node_name\": \"vm\", \"status\": \"ok\", \"pending\": 0, \"running\": 0,"
            + " \"finished\": 0}")));
    n2.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response()));
    serveLog(n2, SCHEDULED, "quotes-failed.log");

    assertThat(cli.run("schedule", "-p", "quickstart", "quotes", "--wait",
        "--url", dead + "," + n2.baseUrl())).isEqualTo(1);

    assertThat(cli.out()).isEqualTo(SCHEDULED + "\n" + SCHEDULED + ": FAILED (1 ERROR/CRITICAL"
        + " log line; the first: 2026-12-05 23:21:04 [scrapy.core.scraper] ERROR: Spider error"
        + " processing <GET data:text/html,%3Cp%3Ex%3C/p%3E> (referer: None))\n");
    n2.verify(1, postRequestedFor(urlPathEqualTo("/schedule.json")));
  }
}
