package io.github.scrapyd4j.egg;

/**
 * What a deploy to several nodes does when some of them fail. Either way the deploy as a whole
 * fails ({@link DeployException}) and every node's outcome is reported; the policies differ in
 * what stays deployed.
 *
 * <pre>{@code
 * Deployer deployer = Deployer.builder().policy(DeployPolicy.ALL_OR_NOTHING).build();
 * deployer.deploy(Map.of("eu-1", eu, "us-1", us), "shop", version, egg);
 * }</pre>
 */
public enum DeployPolicy {
  /**
   * Every node is deployed on its own: nodes that took the egg keep it, nodes that rejected it get
   * their rejected version deleted.
   */
  BEST_EFFORT,
  /**
   * All nodes or none: no egg is uploaded unless every node could be reached and listed first, and
   * if any node fails, the new version is deleted again from the nodes that took it (except where
   * that version existed before this deploy, which is reported).
   */
  ALL_OR_NOTHING
}
