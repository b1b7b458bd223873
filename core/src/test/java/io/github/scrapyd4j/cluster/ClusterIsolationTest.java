package io.github.scrapyd4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydMalformedResponseException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.testing.HostileServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three hostile nodes (a gigabyte answer, a drip, a reset) among three healthy ones: each hostile
 * node's call ends alone with its own exception, by the request timeout; the healthy ones answer
 * as if the others were not there, in this fan-out and in the next.
 */
class ClusterIsolationTest {
  private static final long GIGABYTE = 1L << 30;

  private final List<HostileServer> servers = new ArrayList<>();
  private ClusterClient cluster;

  private HostileServer server(HostileServer.Answer answer) throws Exception {
    HostileServer server = new HostileServer(answer);
    servers.add(server);
    return server;
  }

  @BeforeEach
  void start() throws Exception {
    ClusterClient.Builder builder = ClusterClient.builder()
        .requestTimeout(Duration.ofSeconds(2))
        .maxResponseBytes(8 << 20)
        .retryPolicy(RetryPolicy.none())
        .healthCheckTick(Duration.ZERO);
    for (int i = 1; i <= 3; i++) {
      int running = i;
      builder.node(Node.of("healthy-" + i, server((head, c) -> c.json("{\"status\": \"ok\","
          + " \"running\": " + running + ", \"pending\": 0, \"finished\": 0,"
          + " \"node_name\": \"h\"}")).baseUrl()));
    }
    builder.node(Node.of("gigabyte", server((head, c) -> {
      c.head(200, "Content-Type: application/json", "Transfer-Encoding: chunked");
      byte[] chunk = ("10000\r\n" + "x".repeat(65536) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (long sent = 0; sent < GIGABYTE; sent += 65536) {
        c.body(chunk, 0, chunk.length);
      }
    }).baseUrl()));
    builder.node(Node.of("drip", server((head, c) -> {
      c.head(200, "Content-Type: application/json", "Content-Length: 100000");
      c.drip(new byte[100000], 1000);
    }).baseUrl()));
    builder.node(Node.of("reset", server((head, c) -> c.reset()).baseUrl()));
    cluster = builder.build();
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    for (HostileServer server : servers) {
      server.close();
    }
  }

  @Test
  void hostileNodesFailAloneAndHealthyOnesAnswer() {
    for (int round = 1; round <= 2; round++) {
      long start = System.nanoTime();
      ClusterResult<DaemonStatus> status = cluster.fanOut().daemonStatus();
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

      assertThat(status.successes()).containsOnlyKeys("healthy-1", "healthy-2", "healthy-3");
      assertThat(status.successes().get("healthy-3").running()).isEqualTo(3);
      assertThat(status.failures().get("gigabyte"))
          .isInstanceOf(ScrapydMalformedResponseException.class)
          .hasMessageContaining("8388608 bytes");
      assertThat(status.failures().get("drip")).isInstanceOf(ScrapydTimeoutException.class)
          .hasMessageContaining("no complete answer within 2 s");
      assertThat(status.failures().get("reset")).isInstanceOf(ScrapydConnectionException.class);
      assertThat(millis).as("round %d ends by the request timeout, not the fan-out's", round)
          .isLessThan(Duration.ofSeconds(2 + 3).toMillis());
    }
  }
}
