package io.github.scrapyd4j.cluster;

/** A node's health as the cluster client sees it. */
public enum NodeState {
  /** Answering. */
  UP,
  /** The last call could not reach it; still used, after the nodes that are up. */
  SUSPECT,
  /**
   * Unreachable several times in a row: skipped by placement and fan-out until a probe, after a
   * cool-down, finds it answering again.
   */
  DOWN
}
