package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.HostileServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every string a probe can make the library produce (toString, log lines at DEBUG and up with
 * their exceptions, exception messages and their causes) for a password given in base URIs,
 * valid or not, is scanned for the password, its URL-encoded form and the base64 of {@code
 * user:password} that basic auth sends.
 */
class RedactionProbeTest {
  private static final String USER = "scrapy";
  private static final String PASSWORD = "Pa55 w0rd/x?y";
  private static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
      .replace("+", "%20");
  private static final String BASIC = Base64.getEncoder()
      .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private final List<String> seen = new ArrayList<>();

  private void probe(Supplier<Object> action) {
    try {
      Object result = action.get();
      if (result != null) {
        seen.add(result.toString());
      }
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        seen.add(String.valueOf(t.getMessage()));
        seen.add(t.toString());
        for (Throwable s : t.getSuppressed()) {
          seen.add(s.toString());
        }
      }
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void noOutputHoldsThePasswordInAnyForm() throws Exception {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger("io.github.scrapyd4j");
    appender.start();
    logger.addAppender(appender);
    try (HostileServer refusing = new HostileServer((head, c) -> {
      c.head(401, "WWW-Authenticate: Basic realm=\"Scrapyd\"", "Content-Length: 12");
      byte[] body = "Unauthorized".getBytes(StandardCharsets.US_ASCII);
      c.body(body, 0, body.length);
    })) {
      String withPassword = "http://" + USER + ":" + ENCODED + "@127.0.0.1:" + refusing.port() + "/";
      String closed = "http://" + USER + ":" + ENCODED + "@127.0.0.1:" + closedPort() + "/";

      // one client: toString, a 401, a refused connection, a schedule with no node
      try (ScrapydClient client = ScrapydClient.builder().baseUri(withPassword).build()) {
        probe(client::toString);
        probe(client::daemonStatus);
        probe(() -> client.async().listProjects().join());
        probe(() -> client.schedule(ScheduleRequest.of("p", "s")));
      }
      try (ScrapydClient client = ScrapydClient.builder().baseUri(closed)
          .retryPolicy(RetryPolicy.none()).build()) {
        probe(client::daemonStatus);
        probe(() -> client.schedule(ScheduleRequest.of("p", "s")));
      }
      // bad base URIs
      for (String bad : List.of(
          "http://" + USER + ":" + PASSWORD + "@x@127.0.0.1/",
          "http://" + USER + ":" + ENCODED + "@x@127.0.0.1/",
          "http://" + USER + ":" + PASSWORD + "@127.0.0.1/",
          "ftp://" + USER + ":" + ENCODED + "@127.0.0.1/",
          "http://" + USER + ":" + ENCODED + "@127.0.0.1/?q=1",
          "http://" + USER + ":" + ENCODED + "@/path")) {
        probe(() -> ScrapydClient.builder().baseUri(bad).build());
        probe(() -> Node.builder().id("bad").baseUri(bad).build());
      }
      // a cluster: nodes with the password in their URI, up and down
      Node up = Node.builder().id("n1").baseUri(withPassword).build();
      Node down = Node.builder().id("n2").baseUri(closed).build();
      probe(up::toString);
      try (ClusterClient cluster = ClusterClient.builder().node(up).node(down)
          .retryPolicy(RetryPolicy.none()).healthCheckTick(Duration.ZERO).build()) {
        probe(cluster::toString);
        probe(() -> cluster.fanOut().daemonStatus().failures());
        probe(() -> cluster.schedule(ScheduleRequest.of("p", "s")));
        probe(() -> {
          cluster.addNode(Node.builder().id("n3").baseUri(withPassword).build());
          return cluster.nodes();
        });
        probe(cluster::checkHealth);
        probe(cluster::states);
      }
    } finally {
      logger.detachAppender(appender);
    }
    for (ILoggingEvent event : appender.list) {
      seen.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        seen.add(t.getMessage());
      }
    }

    assertThat(seen).as("strings probed").hasSizeGreaterThan(30);
    assertThat(String.join("\n", seen)).as("a 401, a TLS-less URI and a node added were seen")
        .contains("401").contains("node n3 added (http://scrapy:***@127.0.0.1:")
        .contains("Node{id=n1, baseUri=http://scrapy:***@127.0.0.1:");
    for (String text : seen) {
      assertThat(text).doesNotContain(PASSWORD).doesNotContain(ENCODED).doesNotContain(BASIC)
          .doesNotContain("Pa55");
    }
  }
}
