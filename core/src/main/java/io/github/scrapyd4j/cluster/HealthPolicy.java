package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How the cluster client judges node health. A call that cannot reach a node (connection refused,
 * reset, timeout) makes it {@link NodeState#SUSPECT}; {@code failuresBeforeDown} of those in a
 * row make it {@link NodeState#DOWN}. Any answer (even a Scrapyd error) makes it {@link
 * NodeState#UP}. A down node is probed with {@code daemonstatus} after {@code initialCoolDown},
 * then after twice as long each time it still fails, up to {@code maxCoolDown}. Nodes that are up
 * are probed every {@code probeInterval} when probing runs on its own.
 */
@Value.Immutable
@ScrapydStyle
public abstract class HealthPolicy {
  HealthPolicy() {}

  /**
   * Failed calls in a row that make a node down.
   *
   * @return 1 or more; 2 by default
   */
  @Value.Default
  public int failuresBeforeDown() {
    return 2;
  }

  /**
   * The wait before a down node is probed the first time.
   *
   * @return the first cool-down; 5 s by default
   */
  @Value.Default
  public Duration initialCoolDown() {
    return Duration.ofSeconds(5);
  }

  /**
   * The longest wait between probes of a down node.
   *
   * @return the cool-down cap; 2 minutes by default
   */
  @Value.Default
  public Duration maxCoolDown() {
    return Duration.ofMinutes(2);
  }

  /**
   * How often nodes that are up or suspect are probed when the cluster probes on its own; zero
   * for never (down nodes are still probed after their cool-down).
   *
   * @return the probe interval; 30 s by default
   */
  @Value.Default
  public Duration probeInterval() {
    return Duration.ofSeconds(30);
  }

  /**
   * The defaults.
   *
   * @return the default policy
   */
  public static HealthPolicy defaults() {
    return builder().build();
  }

  /**
   * Starts a builder; unset values keep their defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    if (failuresBeforeDown() < 1) {
      throw new IllegalArgumentException(
          "failuresBeforeDown must be 1 or more, but was " + failuresBeforeDown());
    }
    if (initialCoolDown().isNegative() || initialCoolDown().isZero()
        || maxCoolDown().compareTo(initialCoolDown()) < 0) {
      throw new IllegalArgumentException(
          "initialCoolDown must be positive and maxCoolDown no shorter, but were "
              + initialCoolDown() + " and " + maxCoolDown());
    }
    if (probeInterval().isNegative()) {
      throw new IllegalArgumentException("probeInterval must not be negative");
    }
  }

  /** Builds {@link HealthPolicy} values. */
  public static final class Builder extends ImmutableHealthPolicy.Builder {
    Builder() {}
  }
}
