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
}
