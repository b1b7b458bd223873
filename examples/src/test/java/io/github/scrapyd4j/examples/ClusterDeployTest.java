package io.github.scrapyd4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterDeployTest {
  @RegisterExtension
  static WireMockExtension busy = node();
  @RegisterExtension
  static WireMockExtension idle = node();
  @RegisterExtension
  static WireMockExtension busier = node();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static WireMockExtension node() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().extensions(new EchoAddVersion())).build();
  }

  private int run(String... args) {
    return ClusterDeploy.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String id(WireMockExtension node) {
    return "localhost:" + URI.create(node.baseUrl()).getPort();
  }

  private void stubLoads() {
    for (WireMockExtension node : List.of(busy, idle, busier)) {
      QuickstartTest.stubNode(node, QuickstartTest.resource("quotes-3.log"));
      node.stubFor(post(urlPathEqualTo("/delversion.json"))
          .willReturn(Recording.load("delversion_ok").response()));
    }
    // daemonstatus_busy: 0 pending, 1 running
    idle.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
        "{\"node_name\": \"vm\", \"status\": \"ok\", \"pending\": 0, \"running\": 0, \"finished\": 9}")));
    busier.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
        "{\"node_name\": \"vm\", \"status\": \"ok\", \"pending\": 3, \"running\": 2, \"finished\": 0}")));
  }

  private String urls() {
    return busy.baseUrl() + "," + idle.baseUrl() + "," + busier.baseUrl();
  }

  @Test
  void deploysEverywhereThenSchedulesOnTheLeastLoadedNode() {
    stubLoads();

    assertThat(run(urls())).isZero();

    for (WireMockExtension node : List.of(busy, idle, busier)) {
      node.verify(1, postRequestedFor(urlPathEqualTo("/addversion.json")));
      node.verify(0, postRequestedFor(urlPathEqualTo("/delversion.json")));
    }
    String version = busy.findAll(postRequestedFor(urlPathEqualTo("/addversion.json"))).get(0)
        .getPart("version").getBody().asString();
    assertThat(idle.findAll(postRequestedFor(urlPathEqualTo("/addversion.json"))).get(0)
        .getPart("version").getBody().asString()).isEqualTo(version);
    idle.verify(1, postRequestedFor(urlPathEqualTo("/schedule.json")));
    busy.verify(0, postRequestedFor(urlPathEqualTo("/schedule.json")));
    busier.verify(0, postRequestedFor(urlPathEqualTo("/schedule.json")));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern(id(busier) + " +DEPLOYED version " + version)
        .containsPattern(id(busier) + " +2 running, 3 pending")
        .contains("Scheduled job " + QuickstartTest.JOB + " on " + id(idle));
  }

  @Test
  void oneNodeRejectingTheEggRollsBackTheOthersAndSchedulesNothing() {
    stubLoads();
    busier.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(Recording.load("addversion_noentry").response()));

    assertThat(run(urls())).isEqualTo(1);

    // The version is deleted again from the nodes that took it, and from the one that stored
    // the rejected egg.
    for (WireMockExtension node : List.of(busy, idle, busier)) {
      node.verify(1, postRequestedFor(urlPathEqualTo("/delversion.json")));
      node.verify(0, postRequestedFor(urlPathEqualTo("/schedule.json")));
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Deploy failed: ")
        .containsPattern(id(busy) + " +ROLLED_BACK");
  }

  @Test
  void withoutUrlsItSaysHowToRunIt() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage: ClusterDeploy URL");
  }
}
