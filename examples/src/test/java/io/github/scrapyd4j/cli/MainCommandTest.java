package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command: {@code java -jar examples/target/scrapyd4j.jar URL}. */
class MainCommandTest {
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

  @Test
  void aUrlAloneShowsTheNodesStatusProjectsAndJobs() {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response()));
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));
    wm.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions2").response()));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_pending").response()));

    assertThat(cli.run(wm.baseUrl())).isZero();

    assertThat(cli.out())
        .contains("Scrapyd node vm at " + wm.baseUrl() + "/: 0 pending, 1 running, 3 finished")
        .contains("Project labbot (versions: noep, r1, r2)")
        .containsPattern("running +slow-1 +slow");
    assertThat(cli.err()).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo("/daemonstatus.json")));
  }

  @Test
  void noScrapydAnsweringSaysHowToStartOneWithExitThree() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThat(cli.run("http://127.0.0.1:" + port)).isEqualTo(3);

    assertThat(cli.err().strip()).doesNotContain("\n")
        .startsWith("No Scrapyd answers at http://127.0.0.1:" + port + " (connection refused)")
        .contains("pip install scrapyd && scrapyd");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    assertThat(cli.run("--help")).isZero();

    assertThat(cli.out()).contains("Usage: scrapyd4j").contains("projects").contains("jobs")
        .contains("Exit codes:").contains("3   a Scrapyd node could not be reached");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(cli.run("nosuch", "x")).isEqualTo(2);
    assertThat(cli.err()).startsWith("scrapyd4j: ");
  }

  @Test
  void versionPrintsToStdoutAndExitsZero() {
    assertThat(cli.run("--version")).isZero();
    assertThat(cli.out()).startsWith("scrapyd4j ");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void everyCommandsHelpGoesToStdoutWithExitZero() {
    for (String command : new String[] {"targets", "projects", "versions", "spiders", "jobs",
        "status", "schedule", "cancel", "log", "outcome", "items", "delversion", "delproject",
        "deploy"}) {
      assertThat(cli.run(command, "--help")).as(command).isZero();
      assertThat(cli.out()).as(command).startsWith("Usage: scrapyd4j " + command);
      assertThat(cli.err()).as(command).isEmpty();
      assertThat(cli.run("help", command)).as("help " + command).isZero();
      assertThat(cli.out()).as("help " + command).startsWith("Usage: scrapyd4j " + command);
    }
    assertThat(cli.run("schedule", "-h")).isZero();
    assertThat(cli.out()).contains("--wait").contains("--place");
  }

  @Test
  void anUnknownOptionIsAUsageErrorOnStderr() {
    assertThat(cli.run("jobs", "--nosuch", "--url", "http://localhost:1")).isEqualTo(2);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines().findFirst()).contains("scrapyd4j: Unknown option: '--nosuch'");
    assertThat(cli.err()).contains("Try 'scrapyd4j jobs --help'");
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertThat(cli.run("status", "--url", "http://localhost:1")).isEqualTo(2);
    assertThat(cli.err()).startsWith("scrapyd4j: Missing required parameter: 'JOB'");
  }
}
