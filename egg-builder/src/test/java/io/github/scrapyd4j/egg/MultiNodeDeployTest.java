package io.github.scrapyd4j.egg;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeState;
import io.github.scrapyd4j.cluster.NodeUnavailableException;
import io.github.scrapyd4j.egg.NodeDeploy.Cleanup;
import io.github.scrapyd4j.egg.NodeDeploy.Status;
import io.github.scrapyd4j.egg.testing.Recordings;
import io.github.scrapyd4j.egg.testing.Tree;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploying one egg to the three WireMock nodes of a cluster under both policies, through the
 * cluster's fan-out.
 */
class MultiNodeDeployTest {
  @TempDir Path tmp;

  private final List<WireMockServer> servers = new ArrayList<>();
  private final List<ClusterClient> clusters = new ArrayList<>();
  private ClusterClient clients;
  private Egg egg;

  @BeforeEach
  void start() {
    for (String name : List.of("a", "b", "c")) {
      WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      server.start();
      servers.add(server);
      server.stubFor(get(urlPathEqualTo("/listversions.json"))
          .willReturn(Recordings.ok("\"versions\": [\"1700000000\"]")));
      server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
          "\"project\": \"labbot\", \"version\": \"1795456800\", \"spiders\": 2")));
      server.stubFor(post(urlEqualTo("/delversion.json"))
          .willReturn(Recordings.answer("delversion_ok")));
    }
    egg = EggBuilder.builder().projectDir(Tree.at(tmp.resolve("p")).scrapyProject("labbot",
        "echo").root()).environment(Map.of("HOME", "/nonexistent")).build().build();
    clients = cluster(ClusterClient.builder(), List.of());
  }

  /** A cluster of the nodes a, b, c, and more nodes given. */
  private ClusterClient cluster(ClusterClient.Builder builder, List<Node> more) {
    builder.retryPolicy(RetryPolicy.none()).healthCheckTick(Duration.ZERO);
    for (String name : List.of("a", "b", "c")) {
      builder.node(Node.of(name, node(name).baseUrl()));
    }
    more.forEach(builder::node);
    ClusterClient cluster = builder.build();
    clusters.add(cluster);
    return cluster;
  }

  private Node down() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return Node.of("down", "http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @AfterEach
  void stop() {
    clusters.forEach(ClusterClient::close);
    servers.forEach(WireMockServer::stop);
  }

  private WireMockServer node(String name) {
    return servers.get(List.of("a", "b", "c").indexOf(name));
  }

  private void rejectOn(String name) {
    node(name).stubFor(post(urlEqualTo("/addversion.json"))
        .willReturn(Recordings.answer("addversion_noentry")));
  }

  private int deletes(String name) {
    return node(name).findAll(postRequestedFor(urlEqualTo("/delversion.json"))).size();
  }

  private int uploads(String name) {
    return node(name).findAll(postRequestedFor(urlEqualTo("/addversion.json"))).size();
  }

  private static Deployer deployer(DeployPolicy policy) {
    return Deployer.builder().policy(policy).build();
  }

  @Test
  void allNodesTakeTheSameEggAndVersion() {
    DeployReport result = deployer(DeployPolicy.ALL_OR_NOTHING)
        .deploy(clients, "labbot", "1795456800", egg);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.nodes().successes()).containsOnlyKeys("a", "b", "c");
    assertThat(result.nodes().results()).extracting(r -> r.nodeId())
        .containsExactly("a", "b", "c");
    assertThat(result.nodes().successes().values()).allSatisfy(o -> {
      assertThat(o.status()).isEqualTo(Status.DEPLOYED);
      assertThat(o.latest()).isTrue();
      assertThat(o.spiders()).hasValue(2);
    });
    for (WireMockServer server : servers) {
      server.verify(1, postRequestedFor(urlEqualTo("/addversion.json"))
          .withRequestBodyPart(aMultipart("version").withBody(equalTo("1795456800")).build())
          .withRequestBodyPart(aMultipart("egg").withBody(binaryEqualTo(egg.bytes())).build()));
    }
  }

  @Test
  void bestEffortKeepsTheNodesThatTookTheEggAndCleansTheOneThatRejectedIt() {
    rejectOn("b");

    DeployException e = catchThrowableOfType(DeployException.class, () -> deployer(DeployPolicy.BEST_EFFORT)
        .deploy(clients, "labbot", "1795456800", egg));

    DeployReport result = e.result();
    assertThat(result.node("a").orElseThrow().status()).isEqualTo(Status.DEPLOYED);
    assertThat(result.node("c").orElseThrow().status()).isEqualTo(Status.DEPLOYED);
    NodeDeploy b = result.node("b").orElseThrow();
    assertThat(b.status()).isEqualTo(Status.FAILED);
    assertThat(b.cleanup()).isEqualTo(Cleanup.DELETED);
    assertThat(result.deployed()).containsExactly("a", "c");
    assertThat(result.verdict()).isEqualTo(DeployReport.Verdict.PARTIAL);
    assertThat(result.nodes().failures().get("b")).isInstanceOf(NodeDeployException.class)
        .hasMessageStartingWith("Scrapyd rejected the egg");
    assertThat(e.getMessage()).contains("failed on 1 of 3 nodes (BEST_EFFORT)")
        .contains("a: DEPLOYED").contains("b: FAILED - Scrapyd rejected the egg")
        .contains("c: DEPLOYED");
    assertThat(deletes("a")).isZero();
    assertThat(deletes("b")).isEqualTo(1);
    assertThat(deletes("c")).isZero();
  }

  @Test
  void allOrNothingRollsBackTheNodesThatTookTheEgg() {
    rejectOn("b");

    DeployException e = catchThrowableOfType(DeployException.class, () -> deployer(DeployPolicy.ALL_OR_NOTHING)
        .deploy(clients, "labbot", "1795456800", egg));

    DeployReport result = e.result();
    assertThat(result.deployed()).isEmpty();
    assertThat(result.verdict()).isEqualTo(DeployReport.Verdict.FAILED);
    assertThat(result.rolledBack()).containsExactly("a", "c");
    assertThat(result.node("a").orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
    assertThat(result.node("a").orElseThrow().cleanup()).isEqualTo(Cleanup.DELETED);
    assertThat(result.node("c").orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
    assertThat(result.node("b").orElseThrow().status()).isEqualTo(Status.FAILED);
    assertThat(e.getMessage()).contains("(ALL_OR_NOTHING)").contains("a: ROLLED_BACK");
    for (String name : List.of("a", "b", "c")) {
      node(name).verify(1, postRequestedFor(urlEqualTo("/delversion.json"))
          .withFormParam("project", equalTo("labbot"))
          .withFormParam("version", equalTo("1795456800")));
    }
  }

  @Test
  void allOrNothingUploadsNowhereWhenANodeCannotBeReachedFirst() throws Exception {
    ClusterClient withDown = cluster(ClusterClient.builder(), List.of(down()));

    DeployException e = catchThrowableOfType(DeployException.class, () -> deployer(DeployPolicy.ALL_OR_NOTHING)
        .deploy(withDown, "labbot", "1795456800", egg));

    assertThat(e.result().node("down").orElseThrow().status()).isEqualTo(Status.FAILED);
    assertThat(e.result().details()).hasSize(4);
    assertThat(e.result().details()).allSatisfy((id, o) -> {
      if (!id.equals("down")) {
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
      }
    });
    assertThat(uploads("a") + uploads("b") + uploads("c")).isZero();
  }

  @Test
  void aNodeTheClusterKnowsIsDownIsNotCalledAndFailsTheDeploy() throws Exception {
    ClusterClient withDown = cluster(ClusterClient.builder().healthPolicy(
        io.github.scrapyd4j.cluster.HealthPolicy.builder().failuresBeforeDown(1).build()),
        List.of(down()));
    withDown.fanOut().daemonStatus(); // the refused connection takes it down
    assertThat(withDown.state("down")).isEqualTo(NodeState.DOWN);

    DeployException e = catchThrowableOfType(DeployException.class, () -> deployer(DeployPolicy.BEST_EFFORT)
        .deploy(withDown, "labbot", "1795456800", egg));

    assertThat(e.result().nodes().failures().get("down").getCause())
        .isInstanceOf(NodeUnavailableException.class);
    assertThat(e.result().deployed()).containsExactly("a", "b", "c");
  }

  @Test
  void uploadsStayWithinTheClustersRequestLimit() {
    for (WireMockServer server : servers) {
      server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
          "\"project\": \"labbot\", \"version\": \"1795456800\", \"spiders\": 2")
          .withFixedDelay(400)));
    }
    ClusterClient oneAtATime = cluster(ClusterClient.builder().maxConcurrentRequests(1),
        List.of());

    long start = System.nanoTime();
    DeployReport result = deployer(DeployPolicy.ALL_OR_NOTHING)
        .deploy(oneAtATime, "labbot", "1795456800", egg);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.succeeded()).isTrue();
    assertThat(took).as("three uploads of 400 ms one after the other")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void anUploadPastItsTimeoutFailsTheNodeAndItsVersionIsDeletedAgain() {
    node("b").stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"labbot\", \"version\": \"1795456800\", \"spiders\": 2")
        .withFixedDelay(3000)));

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder()
        .policy(DeployPolicy.BEST_EFFORT).uploadTimeout(Duration.ofMillis(500)).build()
        .deploy(clients, "labbot", "1795456800", egg));

    NodeDeploy b = e.result().node("b").orElseThrow();
    assertThat(b.status()).isEqualTo(Status.FAILED);
    assertThat(b.cleanup()).isEqualTo(Cleanup.DELETED);
    assertThat(b.error()).hasValueSatisfying(m -> assertThat(m)
        .contains("the upload got no answer in time").contains("deleted again"));
    assertThat(e.result().nodes().failures().get("b").getCause())
        .isInstanceOf(ScrapydTimeoutException.class);
    assertThat(e.result().deployed()).containsExactly("a", "c");
    assertThat(deletes("b")).isEqualTo(1);
  }

  @Test
  void allOrNothingDoesNotDeleteAVersionANodeHadBefore() {
    node("a").stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recordings.ok("\"versions\": [\"1795456800\"]")));
    rejectOn("b");

    DeployException e = catchThrowableOfType(DeployException.class, () -> deployer(DeployPolicy.ALL_OR_NOTHING)
        .deploy(clients, "labbot", "1795456800", egg));

    NodeDeploy a = e.result().node("a").orElseThrow();
    assertThat(a.status()).isEqualTo(Status.DEPLOYED);
    assertThat(a.cleanup()).isEqualTo(Cleanup.KEPT_EXISTING);
    assertThat(a.warnings()).anyMatch(w -> w.contains("could not roll back"));
    assertThat(deletes("a")).isZero();
    assertThat(e.result().node("c").orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
    assertThat(e.result().verdict()).isEqualTo(DeployReport.Verdict.PARTIAL);
  }

  @Test
  void aClustersNodesAreAllOrNothingUnlessAPolicyIsSet() {
    rejectOn("b");

    DeployException byDefault = catchThrowableOfType(DeployException.class, () ->
        Deployer.builder().build().deploy(clients, "labbot", "1795456800", egg));

    assertThat(byDefault.result().policy()).isEqualTo(DeployPolicy.ALL_OR_NOTHING);
    assertThat(byDefault.result().rolledBack()).containsExactly("a", "c");
  }

  @Test
  void aNodeThatLeavesTheClusterDuringTheDeployIsReportedNotLost() throws Exception {
    node("c").stubFor(post(urlEqualTo("/addversion.json"))
        .willReturn(Recordings.answer("addversion_noentry").withFixedDelay(1500)));
    java.util.concurrent.CompletableFuture<Boolean> removed = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> clients.removeNode("a"), java.util.concurrent.CompletableFuture
            .delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS));

    DeployException e = catchThrowableOfType(DeployException.class, () ->
        deployer(DeployPolicy.ALL_OR_NOTHING).deploy(clients, "labbot", "1795456800", egg));

    assertThat(removed.join()).isTrue();
    NodeDeploy a = e.result().node("a").orElseThrow();
    assertThat(a.status()).as("took the egg, could not be rolled back").isEqualTo(Status.DEPLOYED);
    assertThat(a.cleanup()).isEqualTo(Cleanup.FAILED);
    assertThat(a.warnings()).anyMatch(w -> w.contains("could not roll back")
        && w.contains("left the cluster"));
    assertThat(e.result().node("b").orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
    assertThat(deletes("a")).isZero();
  }
}
