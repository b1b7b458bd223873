package io.github.scrapyd4j.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.HealthPolicy;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeState;
import io.github.scrapyd4j.cluster.NodeStateChange;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node health changes become NODE_DOWN and NODE_UP alerts; a suspect node sends nothing. */
class NodeStateAlertsTest {
  private static final Instant T = Instant.parse("2026-12-06T20:00:00Z");

  private static NodeStateChange change(NodeState from, NodeState to, Throwable cause) {
    NodeStateChange.Builder b = NodeStateChange.builder().nodeId("node-a").previous(from)
        .current(to).at(T);
    if (cause != null) {
      b.cause(cause);
    }
    return b.build();
  }

  @Test
  void downThenUpSendTwoAlertsAndSuspectNone() {
    List<Alert> got = new ArrayList<>();
    NodeStateAlerts listener = NodeStateAlerts.to(got::add);

    listener.onStateChange(change(NodeState.UP, NodeState.SUSPECT,
        new IOException("connection refused")));
    listener.onStateChange(change(NodeState.SUSPECT, NodeState.DOWN,
        new IOException("connection refused to http://scrapy:hunter2@10.0.0.5:6800/")));
    listener.onStateChange(change(NodeState.DOWN, NodeState.UP, null));
    listener.onStateChange(change(NodeState.SUSPECT, NodeState.UP, null));

    assertThat(got).extracting(Alert::kind).containsExactly(AlertKind.NODE_DOWN, AlertKind.NODE_UP);
    Alert down = got.get(0);
    assertThat(down.node()).contains("node-a");
    assertThat(down.time()).isEqualTo(T);
    assertThat(down.title()).isEqualTo("node node-a is down");
    assertThat(down.text())
        .contains("IOException: connection refused to http://scrapy:***@10.0.0.5")
        .doesNotContain("hunter2");
    assertThat(got.get(1).title()).isEqualTo("node node-a is up again");
  }

  @Test
  void aRealClusterNodeGoingDownAndComingBackSendsNodeDownThenNodeUp() throws Exception {
    List<Alert> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    TestClock clock = new TestClock();
    try (FakeScrapyd node = new FakeScrapyd();
         ClusterClient cluster = ClusterClient.builder()
             .node(Node.of("a", node.url()))
             .retryPolicy(RetryPolicy.none())
             .clock(clock)
             .healthPolicy(HealthPolicy.builder().failuresBeforeDown(1)
                 .initialCoolDown(Duration.ofSeconds(10)).probeInterval(Duration.ZERO).build())
             .listener(NodeStateAlerts.to(got::add))
             .build()) {
      // twice: the JDK's client retries a GET once on a dropped connection
      node.fail("/daemonstatus.json", FakeScrapyd.Fault.DISCONNECT, 2);
      cluster.fanOut().daemonStatus();
      assertThat(cluster.state("a")).isEqualTo(NodeState.DOWN);
      clock.now = clock.now.plus(Duration.ofSeconds(10));
      cluster.checkHealth();
      assertThat(cluster.state("a")).isEqualTo(NodeState.UP);
    }
    assertThat(got).extracting(Alert::kind).containsExactly(AlertKind.NODE_DOWN, AlertKind.NODE_UP);
    assertThat(got.get(0).text()).startsWith("node a stopped answering; the last failure: ");
  }

  /** A clock the test moves. */
  static final class TestClock extends java.time.Clock {
    volatile Instant now = T;

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aThrowingSinkDoesNotReachTheCluster() {
    NodeStateAlerts listener = NodeStateAlerts.to(a -> {
      throw new IllegalStateException("sink broken");
    });
    listener.onStateChange(change(NodeState.SUSPECT, NodeState.DOWN, null)); // does not throw
    assertThat(listener.toString()).startsWith("NodeStateAlerts{");
  }
}
