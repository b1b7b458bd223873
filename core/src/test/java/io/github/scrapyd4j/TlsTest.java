package io.github.scrapyd4j;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.testing.Recording;
import io.github.scrapyd4j.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS nodes whose certificate is signed by a private authority (a self-signed certificate made
 * for the test run): reachable with the caller's SSLContext or HttpClient, on one client, on a
 * cluster and per node, and refused without them; nothing JVM-wide is set.
 */
class TlsTest {
  private static WireMockServer server;
  private static String httpsUrl;

  @BeforeAll
  static void start() {
    TestTls tls = TestTls.get();
    server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
        .keystorePath(tls.keyStore().toString()).keystoreType("PKCS12")
        .keystorePassword(TestTls.PASSWORD).keyManagerPassword(TestTls.PASSWORD));
    server.start();
    server.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response()));
    httpsUrl = "https://127.0.0.1:" + server.httpsPort() + "/";
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static HttpClient callersClient() {
    return HttpClient.newBuilder().sslContext(TestTls.get().trusting()).build();
  }

  @Test
  void withoutTheCallersTrustTheNodeIsATlsFailure() {
    try (ScrapydClient client = ScrapydClient.builder().baseUri(httpsUrl)
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(client::daemonStatus)
          .isInstanceOfSatisfying(ScrapydConnectionException.class,
              e -> assertThat(e.getMessage()).contains("TLS failed"));
    }
  }

  @Test
  void clientWithSslContextReachesThePrivateCaNode() {
    try (ScrapydClient client = ScrapydClient.builder().baseUri(httpsUrl)
        .sslContext(TestTls.get().trusting()).build()) {
      assertThat(client.daemonStatus().running()).isEqualTo(1);
      assertThat(client.async().daemonStatus().join().running()).isEqualTo(1);
      assertThat(client.toString()).contains("sslContext=caller's");
    }
  }

  @Test
  void clusterWithSslContextReachesThePrivateCaNode() {
    try (ClusterClient cluster = ClusterClient.builder().node(Node.of("n1", httpsUrl))
        .sslContext(TestTls.get().trusting()).healthCheckTick(Duration.ZERO).build()) {
      ClusterResult<DaemonStatus> status = cluster.fanOut().daemonStatus();
      assertThat(status.failures()).isEmpty();
      assertThat(status.successes().get("n1").running()).isEqualTo(1);
    }
  }

  @Test
  void clusterWithTheCallersHttpClientUsesItAndLeavesItOpen() throws Exception {
    HttpClient http = callersClient();
    try (ClusterClient cluster = ClusterClient.builder().node(Node.of("n1", httpsUrl))
        .httpClient(http).healthCheckTick(Duration.ZERO).build()) {
      assertThat(cluster.fanOut().daemonStatus().successes()).containsKey("n1");
    }
    HttpResponse<String> after = http.send(
        HttpRequest.newBuilder(URI.create(httpsUrl + "daemonstatus.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(200);
  }

  @Test
  void nodeOptionsOverrideTheClusters() {
    Node trusted = Node.builder().id("trusted").baseUri(httpsUrl)
        .sslContext(TestTls.get().trusting()).build();
    Node ownClient = Node.builder().id("own").baseUri(httpsUrl).httpClient(callersClient()).build();
    Node plain = Node.of("plain", httpsUrl);
    try (ClusterClient cluster = ClusterClient.builder().node(trusted).node(ownClient).node(plain)
        .retryPolicy(RetryPolicy.none()).healthCheckTick(Duration.ZERO).build()) {
      ClusterResult<DaemonStatus> status = cluster.fanOut().daemonStatus();
      assertThat(status.successes()).containsOnlyKeys("trusted", "own");
      assertThat(status.failures()).containsOnlyKeys("plain");
      assertThat(status.failures().get("plain").getMessage()).contains("TLS failed");
    }
    assertThat(trusted.toString()).contains("sslContext=caller's");
  }

  @Test
  void sslContextAndHttpClientTogetherAreRefused() {
    assertThatThrownBy(() -> ScrapydClient.builder().sslContext(TestTls.get().trusting())
        .httpClient(callersClient()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sslContext and httpClient are both given");
    assertThatThrownBy(() -> ClusterClient.builder().node(Node.of("n1", httpsUrl))
        .sslContext(TestTls.get().trusting()).httpClient(callersClient()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sslContext and httpClient are both given");
    assertThatThrownBy(() -> Node.builder().id("n1").baseUri(httpsUrl)
        .sslContext(TestTls.get().trusting()).httpClient(callersClient()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node n1: sslContext and httpClient are both given");
    assertThatThrownBy(() -> ScrapydClient.builder().sslContext(null))
        .hasMessage("sslContext must not be null");
  }
}
