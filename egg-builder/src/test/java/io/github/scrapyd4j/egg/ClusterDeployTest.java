package io.github.scrapyd4j.egg;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeFilter;
import io.github.scrapyd4j.egg.NodeDeploy.Status;
import io.github.scrapyd4j.egg.testing.Recordings;
import io.github.scrapyd4j.egg.testing.Tree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying to a ClusterClient's nodes: one egg, one version, all or nothing by default. */
class ClusterDeployTest {
  @TempDir Path tmp;

  private final List<WireMockServer> servers = new ArrayList<>();
  private ClusterClient cluster;
  private Egg egg;

  @BeforeEach
  void start() {
    ClusterClient.Builder builder = ClusterClient.builder()
        .healthCheckTick(Duration.ZERO).retryPolicy(RetryPolicy.none());
    for (int i = 0; i < 4; i++) {
      WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      server.start();
      servers.add(server);
      server.stubFor(get(urlPathEqualTo("/listversions.json"))
          .willReturn(Recordings.ok("\"versions\": [\"1700000000\"]")));
      server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
          "\"project\": \"labbot\", \"version\": \"1795456800\", \"spiders\": 1")));
      server.stubFor(post(urlEqualTo("/delversion.json")).willReturn(Recordings.answer("delversion_ok")));
      builder.node(Node.builder().id("n" + i).baseUri(server.baseUrl()).addTag(i < 2 ? "eu" : "us").build());
    }
    cluster = builder.build();
    egg = EggBuilder.builder().projectDir(Tree.at(tmp.resolve("p")).scrapyProject("labbot", "echo").root())
        .environment(Map.of("HOME", "/nonexistent")).build().build();
  }

  @AfterEach
  void stop() {
    cluster.close();
    servers.forEach(WireMockServer::stop);
  }

  private int uploads(int node) {
    return servers.get(node).findAll(postRequestedFor(urlEqualTo("/addversion.json"))).size();
  }

  private int deletes(int node) {
    return servers.get(node).findAll(postRequestedFor(urlEqualTo("/delversion.json"))).size();
  }

  @Test
  void everyNodeGetsTheSameEggAndVersion() {
    DeployReport result = Deployer.builder().build().deploy(cluster, "labbot", "1795456800", egg);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.nodes().results()).extracting(r -> r.nodeId()).containsExactly("n0", "n1", "n2", "n3");
    for (WireMockServer server : servers) {
      server.verify(1, postRequestedFor(urlEqualTo("/addversion.json"))
          .withRequestBodyPart(aMultipart("egg").withBody(binaryEqualTo(egg.bytes())).build()));
    }
  }

  @Test
  void byDefaultOneRejectingNodeRollsBackTheOthers() {
    servers.get(2).stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.answer("addversion_noentry")));

    DeployException failure = catchThrowableOfType(DeployException.class,
        () -> Deployer.builder().build().deploy(cluster, "labbot", "1795456800", egg));

    assertThat(failure.result().policy()).isEqualTo(DeployPolicy.ALL_OR_NOTHING);
    assertThat(failure.result().node("n2").get().status()).isEqualTo(Status.FAILED);
    assertThat(failure.result().deployed()).isEmpty();
    for (int node = 0; node < 4; node++) {
      assertThat(uploads(node)).as("upload to n%d", node).isEqualTo(1);
      assertThat(deletes(node)).as("the new version deleted again from n%d", node).isEqualTo(1);
    }
  }

  @Test
  void bestEffortKeepsWhatSucceeded() {
    servers.get(2).stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.answer("addversion_noentry")));

    DeployException failure = catchThrowableOfType(DeployException.class, () ->
        Deployer.builder().policy(DeployPolicy.BEST_EFFORT).build()
            .deploy(cluster, "labbot", "1795456800", egg));

    assertThat(failure.result().deployed()).containsExactly("n0", "n1", "n3");
    assertThat(deletes(0)).isZero();
    assertThat(deletes(2)).as("the rejected version is cleaned up").isEqualTo(1);
  }

  @Test
  void onlyTheSelectedNodesAreTouched() {
    DeployReport result = Deployer.builder().build()
        .deploy(cluster, NodeFilter.tagged("eu"), "labbot", "1795456800", egg);

    assertThat(result.details()).containsOnlyKeys("n0", "n1");
    assertThat(uploads(2) + uploads(3)).isZero();
    assertThatThrownBy(() -> Deployer.builder().build()
        .deploy(cluster, NodeFilter.ids("nope"), "labbot", "1", egg))
        .hasMessageContaining("no node with id 'nope'");
  }
}
