package io.github.scrapyd4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobMonitorTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws InterruptedException {
    return JobMonitor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static final String RUNNING = "{\"pending\": [], \"running\": [{\"id\": \"q-1\","
      + " \"project\": \"quickstart\", \"spider\": \"quotes\", \"pid\": 8776, \"start_time\":"
      + " \"2026-12-05 22:45:25.912001\", \"log_url\": \"/logs/quickstart/quotes/q-1.log\","
      + " \"items_url\": \"/items/quickstart/quotes/q-1.jl\"}], \"finished\": [],"
      + " \"status\": \"ok\", \"node_name\": \"vm\"}";
  private static final String FINISHED = "{\"pending\": [], \"running\": [], \"finished\":"
      + " [{\"id\": \"q-1\", \"project\": \"quickstart\", \"spider\": \"quotes\", \"start_time\":"
      + " \"2026-12-05 22:45:25.912001\", \"end_time\": \"2026-12-05 22:45:27.412001\","
      + " \"log_url\": \"/logs/quickstart/quotes/q-1.log\","
      + " \"items_url\": \"/items/quickstart/quotes/q-1.jl\"}], \"status\": \"ok\","
      + " \"node_name\": \"vm\"}";

  @Test
  void printsJobsAppearingAndFinishingWithTheirVerdictAndADeadNodeOnce() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).inScenario("job")
        .whenScenarioStateIs(STARTED).willSetStateTo("finished")
        .willReturn(Recording.json(RUNNING)));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).inScenario("job")
        .whenScenarioStateIs("finished")
        .willReturn(Recording.json(FINISHED)));
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));
    wm.stubFor(get(urlPathEqualTo("/logs/quickstart/quotes/q-1.log")).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain")
        .withBody(QuickstartTest.resource("quotes-3.log"))));
    int dead;
    try (ServerSocket socket = new ServerSocket(0)) {
      dead = socket.getLocalPort();
    }
    String node = "localhost:" + URI.create(wm.baseUrl()).getPort();

    // Polls every second: six seconds leave room for two polls of each node on a slow machine.
    assertThat(run(wm.baseUrl() + ",http://127.0.0.1:" + dead, "6")).isZero();

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("Watching " + node + ", 127.0.0.1:" + dead)
        .containsPattern(node + " +APPEARED +quickstart/quotes q-1\n")
        .containsPattern(node + " +FINISHED +quickstart/quotes q-1 SUCCEEDED after 1.5s, 3 item\\(s\\)");
    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(errors.lines()).hasSize(1);
    assertThat(errors).contains("127.0.0.1:" + dead + " ").contains("not answering")
        .contains("connection refused");
  }

  @Test
  void withAProjectItListsThatProjectsJobsAsScrapyd12Needs() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(RUNNING)));

    assertThat(run(wm.baseUrl(), "2", "quickstart")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("APPEARED +quickstart/quotes q-1\n");
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/listjobs.json"))))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.queryParameter("project").firstValue())
            .isEqualTo("quickstart"));
  }

  @Test
  void badSecondsAreAUsageError() throws Exception {
    assertThat(run(wm.baseUrl(), "soon")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage: JobMonitor");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
