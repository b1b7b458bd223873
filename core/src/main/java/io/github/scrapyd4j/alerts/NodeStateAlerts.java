package io.github.scrapyd4j.alerts;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.cluster.NodeState;
import io.github.scrapyd4j.cluster.NodeStateChange;
import io.github.scrapyd4j.cluster.NodeStateListener;
import io.github.scrapyd4j.internal.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a cluster's node health changes into alerts: {@link AlertKind#NODE_DOWN} when a node is
 * marked down, {@link AlertKind#NODE_UP} when a node that was down answers again. A node merely
 * suspect (one failed call) sends nothing.
 *
 * <pre>{@code
 * AlertFanOut alerts = AlertFanOut.builder().sink(webhook).build();
 * ClusterClient cluster = ClusterClient.builder()
 *     .nodes(nodes)
 *     .listener(NodeStateAlerts.to(alerts))
 *     .build();
 * }</pre>
 *
 * <p>Listeners run on the cluster's threads and must return quickly: give it a sink that does not
 * block, such as an {@link AlertFanOut}. A sink's exception is logged, never thrown.
 */
public final class NodeStateAlerts implements NodeStateListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.alerts");

  private final AlertSink sink;

  private NodeStateAlerts(AlertSink sink) {
    this.sink = sink;
  }

  /**
   * A listener sending node alerts to a sink.
   *
   * @param sink the sink, best one that does not block (an {@link AlertFanOut})
   * @return the listener
   */
  public static NodeStateAlerts to(AlertSink sink) {
    return new NodeStateAlerts(Checks.notNull("sink", sink));
  }

  @Override
  public void onStateChange(NodeStateChange change) {
    Alert alert;
    if (change.current() == NodeState.DOWN && change.previous() != NodeState.DOWN) {
      String cause = change.cause()
          .map(c -> c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": "
              + c.getMessage()))
          .orElse("no answer");
      alert = Alert.builder()
          .kind(AlertKind.NODE_DOWN)
          .title("node " + change.nodeId() + " is down")
          .text(Redaction.uri("node " + change.nodeId() + " stopped answering; the last failure: "
              + cause))
          .time(change.at())
          .node(change.nodeId())
          .putField("previous", change.previous().name())
          .build();
    } else if (change.previous() == NodeState.DOWN && change.current() == NodeState.UP) {
      alert = Alert.builder()
          .kind(AlertKind.NODE_UP)
          .title("node " + change.nodeId() + " is up again")
          .text("node " + change.nodeId() + " answers again")
          .time(change.at())
          .node(change.nodeId())
          .build();
    } else {
      return;
    }
    try {
      sink.send(alert);
    } catch (RuntimeException e) {
      LOG.warn("alert {} for node {} not delivered to {}: {}", alert.kind(), change.nodeId(), sink,
          Redaction.uri(String.valueOf(e.getMessage())));
    }
  }

  @Override
  public String toString() {
    return "NodeStateAlerts{" + sink + "}";
  }
}
