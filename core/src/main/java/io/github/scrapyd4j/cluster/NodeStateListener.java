package io.github.scrapyd4j.cluster;

/**
 * Hears when a node goes up, suspect or down. Called on the cluster's threads: return quickly,
 * and do not throw (a listener's exception is logged and ignored).
 */
@FunctionalInterface
public interface NodeStateListener {
  /**
   * A node's state changed.
   *
   * @param change what changed
   */
  void onStateChange(NodeStateChange change);
}
