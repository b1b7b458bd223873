package io.github.scrapyd4j.cluster;

import java.time.Duration;
import java.time.Instant;

/** One node's health: its state, failures in a row, and when to probe it next. Thread-safe. */
final class NodeHealth {
  private final String nodeId;
  private final HealthPolicy policy;
  private NodeState state = NodeState.UP;
  private int failuresInARow;
  private Duration coolDown;
  private Instant nextProbe;

  NodeHealth(String nodeId, HealthPolicy policy, Instant now) {
    this.nodeId = nodeId;
    this.policy = policy;
    this.nextProbe = now.plus(policy.probeInterval());
  }

  synchronized NodeState state() {
    return state;
  }

  /** The node answered: it is up. Returns the change, or null. */
  synchronized NodeStateChange succeeded(Instant now) {
    failuresInARow = 0;
    coolDown = null;
    nextProbe = now.plus(policy.probeInterval());
    return moveTo(NodeState.UP, now, null);
  }

  /** The node could not be reached. Returns the change, or null. */
  synchronized NodeStateChange failed(Instant now, Throwable cause) {
    failuresInARow++;
    if (state == NodeState.DOWN) {
      coolDown = min(coolDown.multipliedBy(2), policy.maxCoolDown());
      nextProbe = now.plus(coolDown);
      return null;
    }
    if (failuresInARow >= policy.failuresBeforeDown()) {
      coolDown = policy.initialCoolDown();
      nextProbe = now.plus(coolDown);
      return moveTo(NodeState.DOWN, now, cause);
    }
    nextProbe = now; // a suspect node is probed at the next health check
    return moveTo(NodeState.SUSPECT, now, cause);
  }

  /** Whether a health check at {@code now} should probe this node. */
  synchronized boolean probeDue(Instant now) {
    if (state == NodeState.UP && policy.probeInterval().isZero()) {
      return false;
    }
    return !now.isBefore(nextProbe);
  }

  /** Marks a probe as under way so that overlapping checks do not send another. */
  synchronized void probing(Instant now, Duration timeout) {
    nextProbe = now.plus(timeout);
  }

  private NodeStateChange moveTo(NodeState next, Instant now, Throwable cause) {
    if (state == next) {
      return null;
    }
    NodeStateChange change = NodeStateChange.builder()
        .nodeId(nodeId)
        .previous(state)
        .current(next)
        .at(now)
        .cause(java.util.Optional.ofNullable(cause))
        .build();
    state = next;
    return change;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
