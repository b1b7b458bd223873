package io.github.scrapyd4j.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.model.VersionList;
import io.github.scrapyd4j.testing.Recording;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FanOut#callPerNode}: a call that depends on its node and may chain requests, under the
 * cluster's request limit, per-node timeout, deadline and health; and the public factories of
 * {@link ClusterResult} and {@link NodeResult}.
 */
class FanOutPerNodeTest {
  private final List<WireMockServer> servers = new ArrayList<>();
  private ClusterClient cluster;

  @BeforeEach
  void start() {
    for (int i = 0; i < 3; i++) {
      WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
      server.start();
      server.stubFor(get(urlPathEqualTo("/listversions.json"))
          .willReturn(Recording.load("listversions").response()));
      server.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
          "{\"pending\": 0, \"running\": 0, \"finished\": 0, \"status\": \"ok\","
              + " \"node_name\": \"n\"}")));
      servers.add(server);
    }
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    servers.forEach(WireMockServer::stop);
  }

  private ClusterClient.Builder builder() {
    ClusterClient.Builder b = ClusterClient.builder().retryPolicy(RetryPolicy.none())
        .healthCheckTick(Duration.ZERO);
    for (int i = 0; i < servers.size(); i++) {
      b.node(Node.builder().id("n" + i).baseUri(servers.get(i).baseUrl()).build());
    }
    return b;
  }

  @Test
  void eachNodeIsGivenItselfSoTheCallCanDifferPerNode() {
    cluster = builder().build();
    Map<String, String> projects = Map.of("n0", "shop", "n1", "shop-staging", "n2", "shop");

    ClusterResult<VersionList> result = cluster.fanOut(NodeFilter.ids("n0", "n1"))
        .callPerNode((node, async) -> async.listVersions(projects.get(node.id())));

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.successes()).containsOnlyKeys("n0", "n1");
    servers.get(0).verify(getRequestedFor(urlEqualTo("/listversions.json?project=shop")));
    servers.get(1).verify(getRequestedFor(urlEqualTo("/listversions.json?project=shop-staging")));
    assertThat(servers.get(2).getAllServeEvents()).isEmpty();
  }

  @Test
  void chainedRequestsCountAsOneCallAgainstTheRequestLimit() {
    cluster = builder().maxConcurrentRequests(1).build();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();

    ClusterResult<String> result = cluster.fanOut().callPerNode((node, async) -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return async.listVersions("shop")
          .thenCompose(versions -> async.daemonStatus())
          .thenApply(status -> node.id())
          .whenComplete((id, error) -> inFlight.decrementAndGet());
    });

    assertThat(result.successes()).containsExactly(
        Map.entry("n0", "n0"), Map.entry("n1", "n1"), Map.entry("n2", "n2"));
    assertThat(most.get()).as("nodes in flight at once").isEqualTo(1);
    for (WireMockServer server : servers) {
      assertThat(server.getAllServeEvents()).hasSize(2);
    }
  }

  @Test
  void theWholeChainIsBoundedByTheNodeTimeoutAndTheDeadline() {
    servers.get(1).stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
        "{\"status\": \"ok\", \"pending\": 0, \"running\": 0, \"finished\": 0}")
        .withFixedDelay(3000)));
    cluster = builder().build();

    ClusterResult<String> perNode = cluster.fanOut().withNodeTimeout(Duration.ofMillis(500))
        .callPerNode((node, async) -> async.listVersions("shop")
            .thenCompose(v -> async.daemonStatus()).thenApply(s -> "ok"));
    ClusterResult<String> overall = cluster.fanOut().withDeadline(Duration.ofMillis(500))
        .callPerNode((node, async) -> async.listVersions("shop")
            .thenCompose(v -> async.daemonStatus()).thenApply(s -> "ok"));

    assertThat(perNode.successes()).containsOnlyKeys("n0", "n2");
    assertThat(perNode.failures().get("n1")).isInstanceOf(ScrapydTimeoutException.class)
        .hasMessageContaining("fan-out timeout of 500 ms");
    assertThat(overall.failures().get("n1")).isInstanceOf(ScrapydTimeoutException.class)
        .hasMessageContaining("deadline of 500 ms");
  }

  @Test
  void failuresCountInTheNodesHealthAndDownNodesAreNotCalled() throws IOException {
    int refused;
    try (ServerSocket socket = new ServerSocket(0)) {
      refused = socket.getLocalPort();
    }
    cluster = builder().node(Node.of("gone", "http://127.0.0.1:" + refused))
        .healthPolicy(HealthPolicy.builder().failuresBeforeDown(1).build()).build();
    AtomicInteger calledOnGone = new AtomicInteger();

    ClusterResult<VersionList> first = cluster.fanOut().callPerNode((node, async) -> {
      if (node.id().equals("gone")) {
        calledOnGone.incrementAndGet();
      }
      return async.listVersions("shop");
    });
    ClusterResult<VersionList> second = cluster.fanOut().callPerNode((node, async) -> {
      if (node.id().equals("gone")) {
        calledOnGone.incrementAndGet();
      }
      return async.listVersions("shop");
    });

    assertThat(first.failures().get("gone")).isInstanceOf(ScrapydConnectionException.class);
    assertThat(cluster.state("gone")).isEqualTo(NodeState.DOWN);
    assertThat(second.failures().get("gone")).isInstanceOf(NodeUnavailableException.class);
    assertThat(calledOnGone.get()).isEqualTo(1);
    assertThat(second.successes()).hasSize(3);
  }

  @Test
  void aCallThatThrowsOrReturnsNullFailsOnlyItsNode() {
    cluster = builder().maxConcurrentRequests(1).build();

    ClusterResult<VersionList> result = cluster.fanOut().callPerNode((node, async) -> {
      if (node.id().equals("n0")) {
        throw new IllegalStateException("boom");
      }
      return node.id().equals("n1") ? null : async.listVersions("shop");
    });

    assertThat(result.failures().get("n0")).hasMessageContaining("boom");
    assertThat(result.failures().get("n1")).hasMessageContaining("returned null");
    assertThat(result.successes()).containsOnlyKeys("n2");
  }

  @Test
  void resultsCanBeMadeFromNodeResultsWithEachNodeOnce() {
    ScrapydException down = new NodeUnavailableException("down", null, null);

    ClusterResult<String> result = ClusterResult.of(List.of(
        NodeResult.success("a", "deployed"), NodeResult.<String>failure("b", down)));

    assertThat(result.successes()).containsExactly(Map.entry("a", "deployed"));
    assertThat(result.failures()).containsExactly(Map.entry("b", down));
    assertThat(result.results()).extracting(NodeResult::nodeId).containsExactly("a", "b");
    assertThatThrownBy(() -> ClusterResult.of(List.of(NodeResult.success("a", 1),
        NodeResult.success("a", 2)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' is there twice");
    assertThatThrownBy(() -> NodeResult.success("a", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("value");
    assertThatThrownBy(() -> NodeResult.failure(" ", down))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeId");
  }
}
