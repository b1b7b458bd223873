package io.github.scrapyd4j.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.jobs.JobRef;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sink against a local receiver: bodies, deadlines, caps, redirects, secrets. */
class WebhookAlertSinkTest {
  static final String SECRET_PATH = "/services/T000/B000/s3cr3tT0ken";
  static final String SECRET_QUERY = "key=qu3rys3cret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookReceiver hook;
  private String url;

  @BeforeEach
  void start() throws Exception {
    hook = new WebhookReceiver();
    url = hook.url(SECRET_PATH + "?" + SECRET_QUERY);
  }

  @AfterEach
  void stop() {
    hook.close();
  }

  static Alert alert() {
    return Alert.builder()
        .kind(AlertKind.RULE_FIRED)
        .title("rule errors>=3 fired on shop/products")
        .text("3 ERROR lines; the first: Spider error processing "
            + "<GET http://bob:hunter2@shop.example/p1>")
        .time(Instant.parse("2026-12-06T19:33:07Z"))
        .taskId("nightly")
        .job(JobRef.of("shop", "products", "job-1").onNode("node-a"))
        .putField("rule", "errors>=3")
        .putField("ERROR", "3")
        .build();
  }

  static void assertNoSecret(String text) {
    assertThat(text).doesNotContain("s3cr3tT0ken").doesNotContain("qu3rys3cret")
        .doesNotContain("hunter2").doesNotContain("T000/B000");
  }

  @Test
  void jsonBodyCarriesEveryFieldOfTheAlertWithPasswordsMasked() throws Exception {
    try (WebhookAlertSink sink = WebhookAlertSink.builder(url).build()) {
      sink.send(alert());
    }
    WebhookReceiver.Received r = hook.next();
    assertThat(r.method).isEqualTo("POST");
    assertThat(r.path).isEqualTo(SECRET_PATH + "?" + SECRET_QUERY);
    assertThat(r.contentType).startsWith("application/json");
    JsonNode body = JSON.readTree(r.body);
    assertThat(body.get("kind").asText()).isEqualTo("RULE_FIRED");
    assertThat(body.get("title").asText()).isEqualTo("rule errors>=3 fired on shop/products");
    assertThat(body.get("text").asText()).contains("http://bob:***@shop.example/p1");
    assertThat(body.get("time").asText()).isEqualTo("2026-12-06T19:33:07Z");
    assertThat(body.get("taskId").asText()).isEqualTo("nightly");
    assertThat(body.get("node").asText()).isEqualTo("node-a");
    assertThat(body.get("project").asText()).isEqualTo("shop");
    assertThat(body.get("spider").asText()).isEqualTo("products");
    assertThat(body.get("jobId").asText()).isEqualTo("job-1");
    assertThat(body.get("fields").get("rule").asText()).isEqualTo("errors>=3");
    assertThat(body.get("fields").get("ERROR").asText()).isEqualTo("3");
    assertNoSecret(r.body);
  }

  @Test
  void slackBodyIsOneTextFieldWithTitleThenText() throws Exception {
    try (WebhookAlertSink sink = WebhookAlertSink.builder(url)
        .format(WebhookAlertSink.Format.SLACK).build()) {
      sink.send(alert());
    }
    JsonNode body = JSON.readTree(hook.next().body);
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("text").asText()).isEqualTo("rule errors>=3 fired on shop/products\n"
        + "3 ERROR lines; the first: Spider error processing <GET http://bob:***@shop.example/p1>");
  }

  @Test
  void aWebhookSlowerThanTheTimeoutFailsWithinItWithoutTheSecret() {
    hook.answer(ex -> {
      Thread.sleep(10_000);
      WebhookReceiver.respond(ex, 200, "late");
    });
    try (WebhookAlertSink sink = WebhookAlertSink.builder(url)
        .timeout(Duration.ofMillis(300)).build()) {
      assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
          assertThatThrownBy(() -> sink.send(alert()))
              .isInstanceOf(AlertDeliveryException.class)
              .hasMessageContaining("did not answer within PT0.3S")
              .satisfies(e -> assertNoSecret(e.toString())));
    }
  }

  @Test
  void aBodyThatStallsAfterTheHeadersIsCutByTheDeadline() {
    hook.answer(ex -> {
      ex.sendResponseHeaders(200, 1000);
      OutputStream out = ex.getResponseBody();
      out.write("ok".getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(10_000);
    });
    try (WebhookAlertSink sink = WebhookAlertSink.builder(url)
        .timeout(Duration.ofMillis(400)).build()) {
      assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
          assertThatThrownBy(() -> sink.send(alert()))
              .isInstanceOf(AlertDeliveryException.class)
              .hasMessageContaining("did not answer within"));
    }
  }

  @Test
  void anErrorAnswerIsQuotedCappedAndScrubbedOfTheUrl() {
    hook.answer(ex -> {
      char[] big = new char[1_000_000];
      Arrays.fill(big, 'x');
      WebhookReceiver.respond(ex, 404,
          "no such hook " + ex.getRequestURI() + " " + new String(big));
    });
    try (WebhookAlertSink sink = WebhookAlertSink.builder(url).maxResponseBytes(4096).build()) {
      assertThatThrownBy(() -> sink.send(alert()))
          .isInstanceOf(AlertDeliveryException.class)
          .hasMessageStartingWith("webhook http://127.0.0.1:")
          .hasMessageContaining("/*** answered HTTP 404: no such hook /***")
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400))
          .satisfies(e -> assertNoSecret(e.getMessage()));
    }
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    try (WebhookReceiver other = new WebhookReceiver()) {
      hook.answer(ex -> {
        ex.getResponseHeaders().add("Location", other.url("/elsewhere"));
        WebhookReceiver.respond(ex, 302, "");
      });
      try (WebhookAlertSink sink = WebhookAlertSink.builder(url).build()) {
        assertThatThrownBy(() -> sink.send(alert()))
            .isInstanceOf(AlertDeliveryException.class)
            .hasMessageContaining("redirect (HTTP 302), which is not followed");
      }
      assertThat(other.all()).isEmpty();
    }
  }

  @Test
  void anUnreachableHookFailsWithoutTheSecret() {
    String dead = url;
    hook.close();
    try (WebhookAlertSink sink = WebhookAlertSink.builder(dead)
        .timeout(Duration.ofSeconds(2)).build()) {
      assertThatThrownBy(() -> sink.send(alert()))
          .isInstanceOf(AlertDeliveryException.class)
          .hasMessageContaining("could not be reached")
          .satisfies(e -> assertNoSecret(e.toString()));
    }
  }

  @Test
  void theUrlIsShownAsSchemeAndHostOnly() {
    try (WebhookAlertSink sink = WebhookAlertSink.builder(
        "https://hooks.slack.com" + SECRET_PATH + "?" + SECRET_QUERY).build()) {
      assertThat(sink.toString()).contains("https://hooks.slack.com/***");
      assertNoSecret(sink.toString());
    }
  }

  @Test
  void badUrlsAreRefusedWithoutQuotingThem() {
    assertThatThrownBy(() -> WebhookAlertSink.builder("hooks.slack.com" + SECRET_PATH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url must be an absolute http or https URL")
        .satisfies(e -> assertNoSecret(e.getMessage()));
    assertThatThrownBy(() -> WebhookAlertSink.builder("https://h/" + SECRET_PATH + " x|y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url is not a valid URI")
        .satisfies(e -> assertNoSecret(e.getMessage()));
    assertThatThrownBy(() -> WebhookAlertSink.builder(url).timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> WebhookAlertSink.builder(url).httpClient(
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redirects");
  }
}
