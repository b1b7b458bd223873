package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.model.DaemonStatus;
import java.util.Optional;

/** A node a {@link NodeSelector} may place a job on, with what the cluster knows of it. */
public final class Candidate {
  private final Node node;
  private final NodeState state;
  private final DaemonStatus status;

  Candidate(Node node, NodeState state, DaemonStatus status) {
    this.node = node;
    this.state = state;
    this.status = status;
  }

  /**
   * The node.
   *
   * @return the node
   */
  public Node node() {
    return node;
  }

  /**
   * Its health: {@link NodeState#UP} or {@link NodeState#SUSPECT} (down nodes are never
   * candidates).
   *
   * @return the state
   */
  public NodeState state() {
    return state;
  }

  /**
   * Its {@code daemonstatus}, fetched just before placement when the selector {@linkplain
   * NodeSelector#needsStatus() asks for it}.
   *
   * @return the status, empty when not fetched or the node did not answer
   */
  public Optional<DaemonStatus> status() {
    return Optional.ofNullable(status);
  }

  @Override
  public String toString() {
    return node.id() + "(" + state + (status == null ? "" : ", load " + status.load()) + ")";
  }
}
