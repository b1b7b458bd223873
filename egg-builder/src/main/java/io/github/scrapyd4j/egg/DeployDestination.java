package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydNames;
import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.model.ScrapydStyle;
import org.immutables.value.Value;

/**
 * One node to deploy to: a name for reports (a {@code scrapy.cfg} target name, a node id), the
 * client that reaches it, and the project to deploy as there.
 *
 * <pre>{@code
 * List<DeployDestination> nodes = List.of(
 *     DeployDestination.of("eu-1", euClient, "shop"),
 *     DeployDestination.of("us-1", usClient, "shop"));
 * DeployResult result = Deployer.builder().policy(DeployPolicy.ALL_OR_NOTHING).build()
 *     .deploy(nodes, "1700000000", egg);
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class DeployDestination {
  DeployDestination() {}

  /**
   * The name the outcome reports this node under.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The client for the node. It is used, not closed.
   *
   * @return the client
   */
  @Value.Auxiliary
  public abstract ScrapydClient client();

  /**
   * The Scrapyd project to deploy to.
   *
   * @return the project name
   */
  public abstract String project();

  /**
   * A destination.
   *
   * @param name the name reports use
   * @param client the client for the node
   * @param project the project
   * @return the destination
   */
  public static DeployDestination of(String name, ScrapydClient client, String project) {
    return builder()
        .name(Args.notBlank("name", name))
        .client(Args.notNull("client", client))
        .project(ScrapydNames.checkNewProject(project))
        .build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DeployDestination} values. */
  public static final class Builder extends ImmutableDeployDestination.Builder {
    Builder() {}
  }
}
