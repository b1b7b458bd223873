package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.NodeResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The outcome of a deploy: the version, the egg, a {@link Verdict}, and each node's part as the
 * cluster's {@link ClusterResult}: a node where the version is deployed has a {@link NodeDeploy}
 * value, any other node fails with a {@link NodeDeployException}. A deploy returns it when every
 * node is deployed; otherwise it throws a {@link DeployException} that carries it.
 *
 * <pre>{@code
 * DeployReport report = deployer.deploy(cluster, "shop", "1700000000", egg);
 * report.nodes().successes().forEach((node, d) -> System.out.println(node + ": "
 *     + d.spiders().getAsInt() + " spiders" + (d.latest() ? "" : " (NOT the latest version)")));
 * }</pre>
 *
 * <p>Immutable.
 */
public final class DeployReport {
  /** What the deploy achieved as a whole. */
  public enum Verdict {
    /** Every node holds the new version. */
    DEPLOYED,
    /**
     * Some nodes hold it and some do not: with {@link DeployPolicy#BEST_EFFORT}, or when {@link
     * DeployPolicy#ALL_OR_NOTHING} could not roll back a node (see its warnings).
     */
    PARTIAL,
    /** No node holds it: every node failed, or the nodes that took it were rolled back. */
    FAILED
  }

  private final String version;
  private final String storedVersion;
  private final DeployPolicy policy;
  private final String eggSha256;
  private final int eggSize;
  private final EggSummary eggSummary;
  private final List<String> warnings;
  private final ClusterResult<NodeDeploy> nodes;

  DeployReport(String version, String storedVersion, DeployPolicy policy, Egg egg,
      List<String> warnings, ClusterResult<NodeDeploy> nodes) {
    this(version, storedVersion, policy, egg.sha256(), egg.size(), egg.summary(), warnings,
        nodes);
  }

  private DeployReport(String version, String storedVersion, DeployPolicy policy,
      String eggSha256, int eggSize, EggSummary eggSummary, List<String> warnings,
      ClusterResult<NodeDeploy> nodes) {
    this.version = version;
    this.storedVersion = storedVersion;
    this.policy = policy;
    this.eggSha256 = eggSha256;
    this.eggSize = eggSize;
    this.eggSummary = eggSummary;
    this.warnings = List.copyOf(warnings);
    this.nodes = nodes;
  }

  /**
   * The version as sent to every node.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * The version as Scrapyd stores and lists it (characters outside {@code [A-Za-z0-9_-]} become
   * {@code _}).
   *
   * @return the stored name
   */
  public String storedVersion() {
    return storedVersion;
  }

  /**
   * The policy the deploy ran with.
   *
   * @return the policy
   */
  public DeployPolicy policy() {
    return policy;
  }

  /**
   * The SHA-256 of the egg uploaded.
   *
   * @return 64 hex digits
   */
  public String eggSha256() {
    return eggSha256;
  }

  /**
   * The size of the egg uploaded.
   *
   * @return the size in bytes
   */
  public int eggSize() {
    return eggSize;
  }

  /**
   * What the uploaded egg holds: modules, data files, bytes unpacked (see {@link Egg#summary()}).
   * The egg's own warnings ({@link Egg#warnings()}) are among {@link #warnings()}.
   *
   * @return the summary
   */
  public EggSummary eggSummary() {
    return eggSummary;
  }

  /**
   * Each node's part, in node order: a {@link NodeDeploy} where the version is deployed, a {@link
   * NodeDeployException} (holding the node's {@link NodeDeploy}) where it is not.
   *
   * @return the per-node results
   */
  public ClusterResult<NodeDeploy> nodes() {
    return nodes;
  }

  /**
   * What the deploy achieved as a whole.
   *
   * @return the verdict
   */
  public Verdict verdict() {
    int deployed = nodes.successes().size();
    if (deployed == nodes.results().size()) {
      return Verdict.DEPLOYED;
    }
    return deployed == 0 ? Verdict.FAILED : Verdict.PARTIAL;
  }

  /**
   * Whether every node is deployed.
   *
   * @return true when the verdict is {@link Verdict#DEPLOYED}
   */
  public boolean succeeded() {
    return verdict() == Verdict.DEPLOYED;
  }

  /**
   * What the deploy did on every node, deployed or not, in node order.
   *
   * @return node id to its deploy
   */
  public Map<String, NodeDeploy> details() {
    Map<String, NodeDeploy> out = new LinkedHashMap<>();
    for (NodeResult<NodeDeploy> r : nodes.results()) {
      out.put(r.nodeId(), detail(r));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * What the deploy did on one node.
   *
   * @param nodeId the node
   * @return its deploy, if such a node took part
   */
  public Optional<NodeDeploy> node(String nodeId) {
    return Optional.ofNullable(details().get(nodeId));
  }

  /**
   * The only node's deploy, for a deploy to one client.
   *
   * @return the first node's deploy
   */
  public NodeDeploy node() {
    return detail(nodes.results().get(0));
  }

  /**
   * The nodes where the version is deployed.
   *
   * @return their ids, in node order
   */
  public List<String> deployed() {
    return new ArrayList<>(nodes.successes().keySet());
  }

  /**
   * The nodes where it is not: failed, rolled back or skipped.
   *
   * @return their ids, in node order
   */
  public List<String> notDeployed() {
    return new ArrayList<>(nodes.failures().keySet());
  }

  /**
   * The nodes that took the egg and had it deleted again because another node failed under
   * {@link DeployPolicy#ALL_OR_NOTHING}.
   *
   * @return their ids, in node order
   */
  public List<String> rolledBack() {
    return details().entrySet().stream()
        .filter(e -> e.getValue().status() == NodeDeploy.Status.ROLLED_BACK)
        .map(Map.Entry::getKey).collect(Collectors.toList());
  }

  /**
   * Warnings about the deploy as a whole (per-node ones are in {@link NodeDeploy#warnings()}).
   *
   * @return the warnings
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Every warning, of the deploy and of each node (prefixed with the node's id).
   *
   * @return the warnings
   */
  public List<String> allWarnings() {
    List<String> all = new ArrayList<>(warnings);
    details().forEach((node, d) -> d.warnings().forEach(w -> all.add(node + ": " + w)));
    return all;
  }

  /** The same report with more deploy-wide warnings. */
  DeployReport withWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new DeployReport(version, storedVersion, policy, eggSha256, eggSize, eggSummary, all,
        nodes);
  }

  /** The same report with the node deploys a function returns (the same value: unchanged). */
  DeployReport mapNodes(BiFunction<String, NodeDeploy, NodeDeploy> change) {
    boolean changed = false;
    List<NodeResult<NodeDeploy>> out = new ArrayList<>();
    for (NodeResult<NodeDeploy> r : nodes.results()) {
      NodeDeploy before = detail(r);
      NodeDeploy after = change.apply(r.nodeId(), before);
      if (after == before) {
        out.add(r);
        continue;
      }
      changed = true;
      out.add(r.isSuccess() ? NodeResult.success(r.nodeId(), after)
          : NodeResult.failure(r.nodeId(), new NodeDeployException(r.nodeId(), after,
              cause(r).orElse(null))));
    }
    return !changed ? this : new DeployReport(version, storedVersion, policy, eggSha256, eggSize,
        eggSummary, warnings, ClusterResult.of(out));
  }

  /** The exception a node's call ended with, when it failed. */
  static Optional<ScrapydException> cause(NodeResult<NodeDeploy> r) {
    return r.failure().flatMap(f -> f instanceof NodeDeployException
        ? ((NodeDeployException) f).scrapydFailure() : Optional.of(f));
  }

  private static NodeDeploy detail(NodeResult<NodeDeploy> r) {
    return r.value().orElseGet(() -> ((NodeDeployException) r.failure().get()).deploy());
  }

  @Override
  public String toString() {
    return "DeployReport{version=" + version + ", policy=" + policy + ", verdict=" + verdict()
        + ", nodes=" + nodes + "}";
  }
}
