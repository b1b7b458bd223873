package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The outcome of a deploy: the version, the egg, and one {@link NodeOutcome} per node. A deploy
 * method returns it when every node is deployed; otherwise it throws a {@link DeployException}
 * that carries it.
 *
 * <pre>{@code
 * DeployResult result = deployer.deploy(client, "shop", "1700000000", egg);
 * NodeOutcome node = result.outcome();
 * System.out.println("stored as " + node.storedVersion() + ", " + node.spiders().getAsInt()
 *     + " spiders" + (node.latest() ? "" : " (NOT the latest version)"));
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class DeployResult {
  DeployResult() {}

  /**
   * The version as sent to every node.
   *
   * @return the version
   */
  public abstract String version();

  /**
   * The version as Scrapyd stores and lists it (characters outside {@code [A-Za-z0-9_-]} become
   * {@code _}).
   *
   * @return the stored name
   */
  public abstract String storedVersion();

  /**
   * The policy the deploy ran with.
   *
   * @return the policy
   */
  public abstract DeployPolicy policy();

  /**
   * The SHA-256 of the egg uploaded.
   *
   * @return 64 hex digits
   */
  public abstract String eggSha256();

  /**
   * The size of the egg uploaded.
   *
   * @return the size in bytes
   */
  public abstract int eggSize();

  /**
   * What the uploaded egg holds: modules, data files, bytes unpacked (see {@link Egg#summary()}).
   * The egg's own warnings ({@link Egg#warnings()}) are among {@link #warnings()}.
   *
   * @return the summary, empty for results made without an egg
   */
  public abstract Optional<EggSummary> eggSummary();

  /**
   * One outcome per node, in the order the nodes were given.
   *
   * @return the outcomes
   */
  public abstract List<NodeOutcome> outcomes();

  /**
   * Warnings about the deploy as a whole (per-node ones are in {@link NodeOutcome#warnings()}).
   *
   * @return the warnings
   */
  public abstract List<String> warnings();

  /**
   * Whether every node is deployed.
   *
   * @return true when all outcomes are {@link NodeOutcome.Status#DEPLOYED}
   */
  public boolean succeeded() {
    return outcomes().stream().allMatch(NodeOutcome::isDeployed);
  }

  /**
   * The nodes where the version is deployed.
   *
   * @return those outcomes
   */
  public List<NodeOutcome> deployed() {
    return outcomes().stream().filter(NodeOutcome::isDeployed).collect(Collectors.toList());
  }

  /**
   * The nodes where it is not: failed, rolled back or skipped.
   *
   * @return those outcomes
   */
  public List<NodeOutcome> notDeployed() {
    return outcomes().stream().filter(o -> !o.isDeployed()).collect(Collectors.toList());
  }

  /**
   * The first (for a one-node deploy, the only) outcome.
   *
   * @return the outcome
   */
  public NodeOutcome outcome() {
    return outcomes().get(0);
  }

  /**
   * The outcome of a node by name.
   *
   * @param name the node's name in this deploy
   * @return the outcome, if such a node took part
   */
  public Optional<NodeOutcome> outcome(String name) {
    return outcomes().stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /**
   * Every warning, of the deploy and of each node (prefixed with the node's name).
   *
   * @return the warnings
   */
  public List<String> allWarnings() {
    List<String> all = new java.util.ArrayList<>(warnings());
    for (NodeOutcome o : outcomes()) {
      for (String w : o.warnings()) {
        all.add(o.name() + ": " + w);
      }
    }
    return all;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DeployResult} values. */
  public static final class Builder extends ImmutableDeployResult.Builder {
    Builder() {}
  }
}
