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
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.egg.NodeOutcome.Cleanup;
import io.github.scrapyd4j.egg.NodeOutcome.Status;
import io.github.scrapyd4j.egg.testing.Recordings;
import io.github.scrapyd4j.egg.testing.Tree;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying one egg to several nodes under both policies, against three WireMock nodes. */
class MultiNodeDeployTest {
  @TempDir Path tmp;

  private final List<WireMockServer> servers = new ArrayList<>();
  private final Map<String, ScrapydClient> clients = new LinkedHashMap<>();
  private Egg egg;

  @BeforeEach
  void start() {
    for (String name : List.of("a", "b", "c")) {
      WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      server.start();
      servers.add(server);
      clients.put(name, ScrapydClient.builder().baseUri(server.baseUrl())
          .retryPolicy(RetryPolicy.none()).build());
      server.stubFor(get(urlPathEqualTo("/listversions.json"))
          .willReturn(Recordings.ok("\"versions\": [\"1700000000\"]")));
      server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
          "\"project\": \"labbot\", \"version\": \"1795456800\", \"spiders\": 2")));
      server.stubFor(post(urlEqualTo("/delversion.json"))
          .willReturn(Recordings.answer("delversion_ok")));
    }
    egg = EggBuilder.builder().projectDir(Tree.at(tmp.resolve("p")).scrapyProject("labbot",
        "echo").root()).environment(Map.of("HOME", "/nonexistent")).build().build();
  }

  @AfterEach
  void stop() {
    clients.values().forEach(ScrapydClient::close);
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
    DeployResult result = deployer(DeployPolicy.ALL_OR_NOTHING)
        .deploy(clients, "labbot", "1795456800", egg);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.outcomes()).extracting(NodeOutcome::name).containsExactly("a", "b", "c");
    assertThat(result.outcomes()).allSatisfy(o -> {
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

    DeployResult result = e.result();
    assertThat(result.outcome("a").orElseThrow().status()).isEqualTo(Status.DEPLOYED);
    assertThat(result.outcome("c").orElseThrow().status()).isEqualTo(Status.DEPLOYED);
    NodeOutcome b = result.outcome("b").orElseThrow();
    assertThat(b.status()).isEqualTo(Status.FAILED);
    assertThat(b.cleanup()).isEqualTo(Cleanup.DELETED);
    assertThat(result.deployed()).hasSize(2);
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

    DeployResult result = e.result();
    assertThat(result.deployed()).isEmpty();
    assertThat(result.outcome("a").orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
    assertThat(result.outcome("a").orElseThrow().cleanup()).isEqualTo(Cleanup.DELETED);
    assertThat(result.outcome("c").orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
    assertThat(result.outcome("b").orElseThrow().status()).isEqualTo(Status.FAILED);
    assertThat(e.getMessage()).contains("(ALL_OR_NOTHING)").contains("a: ROLLED_BACK");
    for (String name : List.of("a", "b", "c")) {
      node(name).verify(1, postRequestedFor(urlEqualTo("/delversion.json"))
          .withFormParam("project", equalTo("labbot"))
          .withFormParam("version", equalTo("1795456800")));
    }
  }

  @Test
  void allOrNothingUploadsNowhereWhenANodeCannotBeReachedFirst() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, ScrapydClient> withDown = new LinkedHashMap<>(clients);
    try (ScrapydClient down = ScrapydClient.builder().baseUri("http://127.0.0.1:" + port)
        .retryPolicy(RetryPolicy.none()).build()) {
      withDown.put("down", down);

      DeployException e = catchThrowableOfType(DeployException.class, () -> deployer(DeployPolicy.ALL_OR_NOTHING)
          .deploy(withDown, "labbot", "1795456800", egg));

      assertThat(e.result().outcome("down").orElseThrow().status()).isEqualTo(Status.FAILED);
      assertThat(e.result().outcomes()).filteredOn(o -> !o.name().equals("down"))
          .allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.SKIPPED));
      assertThat(uploads("a") + uploads("b") + uploads("c")).isZero();
    }
  }

  @Test
  void allOrNothingDoesNotDeleteAVersionANodeHadBefore() {
    node("a").stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recordings.ok("\"versions\": [\"1795456800\"]")));
    rejectOn("b");

    DeployException e = catchThrowableOfType(DeployException.class, () -> deployer(DeployPolicy.ALL_OR_NOTHING)
        .deploy(clients, "labbot", "1795456800", egg));

    NodeOutcome a = e.result().outcome("a").orElseThrow();
    assertThat(a.status()).isEqualTo(Status.DEPLOYED);
    assertThat(a.cleanup()).isEqualTo(Cleanup.KEPT_EXISTING);
    assertThat(a.warnings()).anyMatch(w -> w.contains("could not roll back"));
    assertThat(deletes("a")).isZero();
    assertThat(e.result().outcome("c").orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
  }

  @Test
  void destinationsMayUseDifferentProjectsAndNeedUniqueNames() {
    List<DeployDestination> destinations = List.of(
        DeployDestination.of("a", clients.get("a"), "labbot"),
        DeployDestination.of("b", clients.get("b"), "labbot-staging"));
    node("b").stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"labbot-staging\", \"version\": \"1795456800\", \"spiders\": 2")));

    DeployResult result = Deployer.builder().build().deploy(destinations, "1795456800", egg);

    assertThat(result.outcomes()).extracting(NodeOutcome::project)
        .containsExactly("labbot", "labbot-staging");
    node("b").verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withRequestBodyPart(aMultipart("project").withBody(equalTo("labbot-staging")).build()));
    assertThatThrownBy(() -> Deployer.builder().build().deploy(List.of(
        DeployDestination.of("x", clients.get("a"), "p"),
        DeployDestination.of("x", clients.get("b"), "p")), "1", egg))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique names");
  }
}
