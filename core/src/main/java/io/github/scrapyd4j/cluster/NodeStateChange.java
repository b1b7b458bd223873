package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A node's health changed: what {@link NodeStateListener}s hear. */
@Value.Immutable
@ScrapydStyle
public abstract class NodeStateChange {
  NodeStateChange() {}

  /**
   * The node.
   *
   * @return the node id
   */
  public abstract String nodeId();

  /**
   * The state before.
   *
   * @return the previous state
   */
  public abstract NodeState previous();

  /**
   * The state now.
   *
   * @return the current state
   */
  public abstract NodeState current();

  /**
   * When it changed, by the cluster's clock.
   *
   * @return the time of the change
   */
  public abstract Instant at();

  /**
   * The failure that made the node suspect or down.
   *
   * @return the cause, empty when the node came up
   */
  public abstract Optional<Throwable> cause();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NodeStateChange} values. */
  public static final class Builder extends ImmutableNodeStateChange.Builder {
    Builder() {}
  }
}
