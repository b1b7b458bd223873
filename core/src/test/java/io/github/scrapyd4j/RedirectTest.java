package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.testing.HostileServer;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that redirects to another port: the credentials never follow. A caller's HttpClient
 * that follows redirects is refused; the client's own does not follow them.
 */
class RedirectTest {
  private HostileServer elsewhere;
  private HostileServer redirecting;

  @BeforeEach
  void start() throws Exception {
    elsewhere = new HostileServer((head, c) -> c.json("{\"status\": \"ok\", \"running\": 0,"
        + " \"pending\": 0, \"finished\": 0, \"node_name\": \"elsewhere\"}"));
    redirecting = new HostileServer((head, c) -> c.head(302,
        "Location: " + elsewhere.baseUrl() + "daemonstatus.json", "Content-Length: 0"));
  }

  @AfterEach
  void stop() throws Exception {
    elsewhere.close();
    redirecting.close();
  }

  @Test
  void callersHttpClientThatFollowsRedirectsIsRefused() {
    HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .build();

    assertThatThrownBy(() -> ScrapydClient.builder().httpClient(following))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("httpClient must not follow redirects")
        .hasMessageContaining("NORMAL");
    assertThatThrownBy(() -> ClusterClient.builder().httpClient(following))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("httpClient must not follow redirects");
    assertThatThrownBy(() -> Node.builder().id("n1").baseUri(redirecting.baseUrl())
        .httpClient(following).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("node n1: httpClient must not follow redirects");
  }

  @Test
  void redirectToAnotherPortIsNotFollowedWithTheClientsOwnHttpClient() {
    try (ScrapydClient client = ScrapydClient.builder().baseUri(redirecting.baseUrl())
        .credentials("scrapy", "secret").build()) {
      assertThatThrownBy(client::daemonStatus)
          .isInstanceOfSatisfying(ScrapydHttpException.class,
              e -> assertThat(e.statusCode()).isEqualTo(302))
          .hasMessageContaining("redirected to " + elsewhere.baseUrl());
    }
    assertThat(redirecting.requests()).singleElement().asString().contains("Authorization: Basic");
    assertThat(elsewhere.requests()).as("requests that reached the other port").isEmpty();
  }

  @Test
  void redirectToAnotherPortIsNotFollowedWithACallersHttpClient() {
    HttpClient never = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    try (ClusterClient cluster = ClusterClient.builder().httpClient(never)
        .node(Node.builder().id("n1").baseUri(redirecting.baseUrl())
            .credentials(Credentials.of("scrapy", "secret")).build())
        .healthCheckTick(Duration.ZERO).build()) {
      assertThat(cluster.fanOut().daemonStatus().failures().get("n1"))
          .isInstanceOf(ScrapydHttpException.class);
    }
    assertThat(elsewhere.requests()).isEmpty();
  }
}
