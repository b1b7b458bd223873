package io.github.scrapyd4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusExampleTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return StatusExample.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsStatusProjectsAndJobsOfANode() {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.load("daemonstatus_busy").response()));
    wm.stubFor(get(urlPathEqualTo("/listprojects.json")).willReturn(Recording.load("listprojects").response()));
    wm.stubFor(get(urlPathEqualTo("/listversions.json")).willReturn(Recording.load("listversions2").response()));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("listjobs_pending").response()));

    assertThat(run(wm.baseUrl())).isZero();

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("Scrapyd node vm at " + wm.baseUrl() + "/: 0 pending, 1 running, 3 finished");
    assertThat(printed).contains("Project labbot (versions: noep, r1, r2)");
    assertThat(printed).containsPattern("pending +slowq-7 +slow");
    assertThat(printed).containsPattern("running +slow-1 +slow +started 2026-11-23T18:27:19.221008");
    assertThat(printed).containsPattern("finished +myjob-1 +pages +2026-11-23T18:27:14.536343, ran 4s");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void saysInOneLineWhenNoScrapydAnswers() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThat(run("http://127.0.0.1:" + port)).isEqualTo(3);

    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(message).doesNotContain("\n")
        .startsWith("No Scrapyd answers at http://127.0.0.1:" + port)
        .contains("pip install scrapyd && scrapyd");
  }

  @Test
  void badUrlIsAUsageError() {
    assertThat(run("ftp://nowhere")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("must start with http:// or https://");
  }
}
