package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.model.DaemonStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** How busy the cluster is, from every node's {@code daemonstatus}. */
public final class ClusterCapacity {
  private final Map<String, DaemonStatus> statuses;
  private final Map<String, Node> nodes;
  private final Map<String, ScrapydException> failures;

  ClusterCapacity(Map<String, DaemonStatus> statuses, Map<String, Node> nodes,
      Map<String, ScrapydException> failures) {
    this.statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    this.nodes = nodes;
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /**
   * Each answering node's status.
   *
   * @return node id to status
   */
  public Map<String, DaemonStatus> statuses() {
    return statuses;
  }

  /**
   * Pending jobs on the answering nodes.
   *
   * @return the sum
   */
  public int pending() {
    return statuses.values().stream().mapToInt(DaemonStatus::pending).sum();
  }

  /**
   * Running jobs on the answering nodes.
   *
   * @return the sum
   */
  public int running() {
    return statuses.values().stream().mapToInt(DaemonStatus::running).sum();
  }

  /**
   * Free slots on the answering nodes that have a {@linkplain Node#capacity() capacity}: capacity
   * minus running and pending, never below zero per node.
   *
   * @return the free slots, empty when no answering node has a capacity
   */
  public OptionalInt freeSlots() {
    int free = 0;
    boolean any = false;
    for (Map.Entry<String, DaemonStatus> entry : statuses.entrySet()) {
      Node node = nodes.get(entry.getKey());
      if (node != null && node.capacity().isPresent()) {
        any = true;
        free += Math.max(0, node.capacity().getAsInt() - entry.getValue().load());
      }
    }
    return any ? OptionalInt.of(free) : OptionalInt.empty();
  }

  /**
   * The nodes that did not answer.
   *
   * @return node id to failure
   */
  public Map<String, ScrapydException> failures() {
    return failures;
  }
}
