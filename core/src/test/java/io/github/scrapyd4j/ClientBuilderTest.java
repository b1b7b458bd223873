package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientBuilderTest {
  private static URI baseOf(String uri) {
    try (ScrapydClient client = ScrapydClient.builder().baseUri(uri).build()) {
      return client.baseUri();
    }
  }

  @Test
  void baseUriIsNormalisedToEndWithASlash() {
    assertThat(baseOf("http://host:6800")).isEqualTo(URI.create("http://host:6800/"));
    assertThat(baseOf("http://host:6800/")).isEqualTo(URI.create("http://host:6800/"));
    assertThat(baseOf("https://host/scrapyd")).isEqualTo(URI.create("https://host/scrapyd/"));
    assertThat(baseOf("https://host/scrapyd/")).isEqualTo(URI.create("https://host/scrapyd/"));
    assertThat(baseOf("HTTPS://host/a/b ".strip())).isEqualTo(URI.create("https://host/a/b/"));
  }

  @Test
  void defaultBaseUriIsLocalhost6800() {
    try (ScrapydClient client = ScrapydClient.builder().build()) {
      assertThat(client.baseUri()).isEqualTo(URI.create("http://localhost:6800/"));
    }
  }

  @Test
  void badBaseUrisAreRejectedWithTheReason() {
    assertThatThrownBy(() -> baseOf("ftp://host/")).hasMessageContaining("must start with http:// or https://");
    assertThatThrownBy(() -> baseOf("localhost:6800")).hasMessageContaining("must start with http://");
    assertThatThrownBy(() -> baseOf("http://host/?x=1")).hasMessageContaining("query or fragment");
    assertThatThrownBy(() -> baseOf("http://host/#top")).hasMessageContaining("query or fragment");
    assertThatThrownBy(() -> baseOf("http:///path")).hasMessageContaining("has no host");
    assertThatThrownBy(() -> baseOf("http://ho st/")).hasMessageContaining("not a valid URI");
    assertThatThrownBy(() -> baseOf(" ")).hasMessageContaining("baseUri must not be blank");
    assertThatThrownBy(() -> ScrapydClient.builder().baseUri((URI) null)).hasMessage("baseUri must not be null");
  }

  @Test
  void badOptionsAreRejectedWithTheirNames() {
    ScrapydClient.Builder builder = ScrapydClient.builder();
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout must be positive");
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ofSeconds(-1))).hasMessageContaining("requestTimeout must be positive");
    assertThatThrownBy(() -> builder.spiderListingTimeout(null)).hasMessage("spiderListingTimeout must not be null");
    assertThatThrownBy(() -> builder.maxConcurrentRequests(0)).hasMessageContaining("maxConcurrentRequests must be 1 or more");
    assertThatThrownBy(() -> builder.userAgent("")).hasMessageContaining("userAgent must not be blank");
    assertThatThrownBy(() -> builder.credentials("a:b", "pw")).hasMessageContaining("username must not contain ':'");
    assertThatThrownBy(() -> builder.credentials("", "pw")).hasMessageContaining("username must not be empty");
    assertThatThrownBy(() -> builder.credentials("u", null)).hasMessage("password must not be null");
  }

  @Test
  void credentialsGivenTwiceDifferentlyAreRejected() {
    assertThatThrownBy(() -> ScrapydClient.builder().baseUri("http://a:b@host/").credentials("c", "d").build())
        .hasMessageContaining("give them once")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("b@"));
  }

  @Test
  void toStringShowsTheConfigurationButNeverThePassword() {
    try (ScrapydClient client = ScrapydClient.builder()
        .baseUri("https://host/scrapyd")
        .credentials("admin", "hunter2-secret")
        .requestTimeout(Duration.ofSeconds(7))
        .build()) {
      assertThat(client.toString())
          .contains("https://host/scrapyd/")
          .contains("username=admin")
          .contains("requestTimeout=PT7S")
          .doesNotContain("hunter2");
    }
    assertThat(Credentials.of("admin", "hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void basicAuthorizationEncodesUtf8AndColonsInThePassword() {
    assertThat(Credentials.of("us", "pä:ss").basicAuthorization())
        .isEqualTo("Basic " + java.util.Base64.getEncoder()
            .encodeToString("us:pä:ss".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void closedClientRefusesCalls() {
    ScrapydClient client = ScrapydClient.builder().build();
    client.close();
    client.close(); // idempotent
    assertThatThrownBy(client::daemonStatus)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    assertThatThrownBy(() -> client.async().listProjects())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
  }
}
