package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.Api.Mode;
import io.github.scrapyd4j.testing.HostileServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Answers that would cost the host its memory or its threads: a gigabyte JSON answer (generated,
 * never stored), with or without a length, a gigabyte error page, a body dripped a byte a second.
 * Each ends the call with its typed exception, reads no more than its cap, and closes the
 * connection, on both paths.
 */
class BoundsTest {
  private static final long GIGABYTE = 1L << 30;
  private static final byte[] JSON_START =
      "{\"status\": \"ok\", \"node_name\": \"".getBytes(StandardCharsets.US_ASCII);

  private HostileServer server;
  private ScrapydClient client;

  @AfterEach
  void close() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Api api(Mode mode, ScrapydClient.Builder builder) {
    client = builder.baseUri(server.baseUrl()).retryPolicy(RetryPolicy.none()).build();
    return mode.of(client);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void gigabyteJsonAnswerFailsAtTheCapAndClosesTheConnection(Mode mode) throws Exception {
    server = new HostileServer((head, c) -> {
      c.head(200, "Content-Type: application/json", "Content-Length: " + GIGABYTE);
      c.generate(GIGABYTE, JSON_START, (byte) 'x');
    });
    Api api = api(mode, ScrapydClient.builder().maxResponseBytes(1 << 20));

    assertThatThrownBy(api::daemonStatus)
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class, e -> {
          assertThat(e.getMessage()).contains("daemonstatus.json").contains("1048576 bytes")
              .contains("maxResponseBytes");
          assertThat(e.body()).isEmpty();
        });
    assertThat(server.awaitClosedByClient(10_000)).as("the client closed the connection").isTrue();
    assertThat(server.written()).as("bytes the server got out before the close")
        .isLessThan(64L << 20);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void gigabyteChunkedJsonAnswerFailsAtTheCap(Mode mode) throws Exception {
    server = new HostileServer((head, c) -> {
      c.head(200, "Content-Type: application/json", "Transfer-Encoding: chunked");
      byte[] chunk = new byte[65536 + 10];
      byte[] size = "10000\r\n".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(size, 0, chunk, 0, size.length);
      java.util.Arrays.fill(chunk, size.length, size.length + 65536, (byte) 'x');
      chunk[size.length + 65536] = '\r';
      chunk[size.length + 65537] = '\n';
      for (long sent = 0; sent < GIGABYTE; sent += 65536) {
        c.body(chunk, 0, size.length + 65538);
      }
    });
    Api api = api(mode, ScrapydClient.builder().maxResponseBytes(1 << 20));

    assertThatThrownBy(api::listProjects)
        .isInstanceOf(ScrapydMalformedResponseException.class)
        .hasMessageContaining("1048576 bytes");
    assertThat(server.awaitClosedByClient(10_000)).isTrue();
    assertThat(server.written()).isLessThan(64L << 20);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void gigabyteErrorPageIsReadOnlyUpToItsCap(Mode mode) throws Exception {
    server = new HostileServer((head, c) -> {
      c.head(502, "Content-Type: text/html", "Content-Length: " + GIGABYTE);
      c.generate(GIGABYTE, "<html>bad gateway".getBytes(StandardCharsets.US_ASCII), (byte) ' ');
    });
    Api api = api(mode, ScrapydClient.builder().maxErrorBodyBytes(4096));

    assertThatThrownBy(api::daemonStatus)
        .isInstanceOfSatisfying(ScrapydHttpException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.body()).startsWith("<html>bad gateway").hasSizeLessThanOrEqualTo(4096);
        });
    assertThat(server.awaitClosedByClient(10_000)).isTrue();
    assertThat(server.written()).isLessThan(64L << 20);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void dripFedBodyEndsAtTheRequestTimeoutAndClosesTheConnection(Mode mode) throws Exception {
    server = new HostileServer((head, c) -> {
      byte[] body = new byte[1000];
      java.util.Arrays.fill(body, (byte) ' ');
      c.head(200, "Content-Type: application/json", "Content-Length: " + body.length);
      c.drip(body, 200);
    });
    Api api = api(mode, ScrapydClient.builder().requestTimeout(Duration.ofSeconds(1)));

    long start = System.nanoTime();
    assertThatThrownBy(api::listProjects)
        .isInstanceOfSatisfying(ScrapydTimeoutException.class, e -> {
          assertThat(e.getMessage()).contains("no complete answer within 1 s")
              .contains("connection was closed");
          assertThat(e.isConnectTimeout()).isFalse();
          assertThat(e.mayHaveReachedServer()).isTrue();
        });
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(millis).as("time to fail").isBetween(900L, 2500L);
    assertThat(server.awaitClosedByClient(5_000)).as("the client closed the connection").isTrue();
    assertThat(server.written()).isLessThan(30);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void headersThatNeverComeEndAtTheRequestTimeout(Mode mode) throws Exception {
    server = new HostileServer((head, c) -> Thread.sleep(20_000));
    Api api = api(mode, ScrapydClient.builder().requestTimeout(Duration.ofMillis(800)));

    long start = System.nanoTime();
    assertThatThrownBy(api::daemonStatus).isInstanceOf(ScrapydTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(700L, 2500L);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void answersUnderTheCapsAreRead(Mode mode) throws Exception {
    server = new HostileServer((head, c) -> c.json(
        "{\"status\": \"ok\", \"projects\": [\"a\", \"b\"], \"node_name\": \"n\"}"));
    Api api = api(mode, ScrapydClient.builder().maxResponseBytes(64));

    assertThat(api.listProjects().projects()).containsExactly("a", "b");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void capsAreCheckedWhenSet(Mode mode) {
    ScrapydClient.Builder builder = ScrapydClient.builder();
    assertThatThrownBy(() -> builder.maxResponseBytes(0))
        .hasMessage("maxResponseBytes must be 1 or more, but was 0");
    assertThatThrownBy(() -> builder.maxErrorBodyBytes(-1))
        .hasMessage("maxErrorBodyBytes must be 1 or more, but was -1");
    assertThatThrownBy(() -> builder.maxLineBytes(0))
        .hasMessage("maxLineBytes must be 1 or more, but was 0");
  }
}
