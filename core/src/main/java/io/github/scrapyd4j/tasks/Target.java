package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.cluster.NodeSelector;
import io.github.scrapyd4j.cluster.NodeSelectors;
import io.github.scrapyd4j.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@link CrawlTask} runs: any node (the cluster's own placement, or the one node of a
 * scheduler built on a {@code ScrapydClient}), one named node, or the nodes carrying all of some
 * tags. Immutable.
 *
 * <pre>{@code
 * Target.anyNode();                  // the cluster's selector (least loaded by default)
 * Target.node("eu-1");               // only eu-1; no failover
 * Target.tagged("eu", "big");        // nodes tagged both eu and big, least loaded first
 * }</pre>
 */
public final class Target {
  private static final Target ANY = new Target(null, Set.of());

  private final String nodeId;
  private final Set<String> tags;

  private Target(String nodeId, Set<String> tags) {
    this.nodeId = nodeId;
    this.tags = tags;
  }

  /**
   * Any node: the cluster's default selector places the run.
   *
   * @return the target
   */
  public static Target anyNode() {
    return ANY;
  }

  /**
   * One node of the cluster, by id. When it cannot be reached, the run fails to schedule.
   *
   * @param nodeId the node id
   * @return the target
   */
  public static Target node(String nodeId) {
    return new Target(Checks.notBlank("nodeId", nodeId), Set.of());
  }

  /**
   * The nodes carrying every one of the tags, least loaded first.
   *
   * @param tags one tag or more
   * @return the target
   */
  public static Target tagged(String... tags) {
    Checks.notNull("tags", tags);
    return tagged(List.of(tags));
  }

  /**
   * The nodes carrying every one of the tags, least loaded first.
   *
   * @param tags one tag or more
   * @return the target
   */
  public static Target tagged(Iterable<String> tags) {
    Checks.notNull("tags", tags);
    Set<String> set = new LinkedHashSet<>();
    for (String tag : tags) {
      set.add(Checks.notBlank("tags", tag));
    }
    if (set.isEmpty()) {
      throw new IllegalArgumentException("tags must name at least one tag");
    }
    return new Target(null, Collections.unmodifiableSet(set));
  }

  /**
   * The node, for a target of one node.
   *
   * @return the node id
   */
  public Optional<String> nodeId() {
    return Optional.ofNullable(nodeId);
  }

  /**
   * The tags a node must all carry; empty unless built with {@link #tagged}.
   *
   * @return the tags
   */
  public Set<String> tags() {
    return tags;
  }

  /**
   * Whether any node will do.
   *
   * @return true for {@link #anyNode()}
   */
  public boolean isAnyNode() {
    return nodeId == null && tags.isEmpty();
  }

  /** The selector for a cluster, or empty for the cluster's default. */
  Optional<NodeSelector> selector() {
    if (nodeId != null) {
      return Optional.of(NodeSelectors.pinned(nodeId));
    }
    if (tags.isEmpty()) {
      return Optional.empty();
    }
    List<String> list = new ArrayList<>(tags);
    NodeSelector selector = NodeSelectors.leastLoaded();
    for (int i = list.size() - 1; i >= 0; i--) {
      selector = NodeSelectors.tagged(list.get(i), selector);
    }
    return Optional.of(selector);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Target && Objects.equals(((Target) other).nodeId, nodeId)
        && ((Target) other).tags.equals(tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nodeId, tags);
  }

  @Override
  public String toString() {
    return nodeId != null ? "node(" + nodeId + ")" : tags.isEmpty() ? "anyNode" : "tagged" + tags;
  }
}
