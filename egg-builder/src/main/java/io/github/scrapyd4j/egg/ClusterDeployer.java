package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.NodeFilter;
import io.github.scrapyd4j.egg.internal.Args;

/**
 * Deploys one egg, with one version, to every node of a {@link ClusterClient} (or the nodes a
 * {@link NodeFilter} selects), in parallel, and reports each node's outcome. The default policy is
 * {@link DeployPolicy#ALL_OR_NOTHING}: if any node fails, the new version is deleted again from
 * the nodes that took it, and a {@link DeployException} says so.
 *
 * <pre>{@code
 * Egg egg = EggBuilder.builder().findProject(Path.of(".")).build().build();
 * try {
 *   DeployResult result = ClusterDeployer.of(cluster).deploy("shop", "1795456800", egg);
 *   result.outcomes().forEach(o -> System.out.println(o.name() + ": " + o.status()));
 * } catch (DeployException e) {
 *   // no node keeps the new version; e.result() tells what happened on each
 * }
 * // only some nodes, keeping what succeeded:
 * ClusterDeployer.of(cluster)
 *     .nodes(NodeFilter.tagged("eu"))
 *     .deployer(Deployer.builder().policy(DeployPolicy.BEST_EFFORT).build())
 *     .deploy("shop", "1795456800", egg);
 * }</pre>
 *
 * <p>Down nodes are deployed to like the others: with {@code ALL_OR_NOTHING} an unreachable node
 * means no node gets the version (nothing is uploaded unless every node could be listed first).
 * Immutable; the cluster's clients are used, not closed.
 */
public final class ClusterDeployer {
  private final ClusterClient cluster;
  private final NodeFilter nodes;
  private final Deployer deployer;

  private ClusterDeployer(ClusterClient cluster, NodeFilter nodes, Deployer deployer) {
    this.cluster = cluster;
    this.nodes = nodes;
    this.deployer = deployer;
  }

  /**
   * A deployer to every node of the cluster, all or nothing.
   *
   * @param cluster the cluster
   * @return the cluster deployer
   */
  public static ClusterDeployer of(ClusterClient cluster) {
    return new ClusterDeployer(Args.notNull("cluster", cluster), NodeFilter.all(),
        Deployer.builder().policy(DeployPolicy.ALL_OR_NOTHING).build());
  }

  /**
   * The same, to the nodes a filter selects.
   *
   * @param filter which nodes
   * @return a new cluster deployer
   */
  public ClusterDeployer nodes(NodeFilter filter) {
    return new ClusterDeployer(cluster, Args.notNull("filter", filter), deployer);
  }

  /**
   * The same, with another deployer: another policy, allowing eggs without spiders, and so on.
   *
   * @param deployer the deployer
   * @return a new cluster deployer
   */
  public ClusterDeployer deployer(Deployer deployer) {
    return new ClusterDeployer(cluster, nodes, Args.notNull("deployer", deployer));
  }

  /**
   * Deploys an egg as one version of a project to the selected nodes, in parallel.
   *
   * @param project the project
   * @param version the version, the same on every node
   * @param egg the egg, built once
   * @return every node's outcome, when the deploy succeeded per the policy
   * @throws DeployException when it did not; {@link DeployException#result()} has each node's
   *     outcome and what was rolled back
   * @throws IllegalArgumentException when the filter selects no node or names one the cluster
   *     does not have
   */
  public DeployResult deploy(String project, String version, Egg egg) {
    java.util.Map<String, io.github.scrapyd4j.ScrapydClient> clients = cluster.clients(nodes);
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("no node of the cluster matches " + nodes);
    }
    return deployer.deploy(clients, project, version, egg);
  }

  @Override
  public String toString() {
    return "ClusterDeployer{nodes=" + nodes + ", " + deployer + "}";
  }
}
