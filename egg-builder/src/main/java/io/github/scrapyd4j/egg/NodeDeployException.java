package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydException;
import java.util.Optional;

/**
 * Why a deploy's version is not deployed on one node: the failure of that node's {@link
 * io.github.scrapyd4j.cluster.NodeResult} in {@link DeployReport#nodes()}. The message is the
 * node's {@link NodeDeploy#error()}: what went wrong and what became of the version; {@link
 * #deploy()} has the rest (status, cleanup, Scrapyd's message). The cause, when there is one, is
 * the exception the node's call ended with (a {@link io.github.scrapyd4j.ScrapydApiException} when
 * Scrapyd rejected the egg, a transport or timeout exception when the node could not be reached).
 *
 * <pre>{@code
 * report.nodes().failures().forEach((node, e) -> {
 *   NodeDeploy d = ((NodeDeployException) e).deploy();
 *   System.err.println(node + ": " + d.status() + ", cleanup " + d.cleanup() + ": " + e.getMessage());
 * });
 * }</pre>
 */
public class NodeDeployException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The node. */
  private final String nodeId;
  /** What the deploy did on the node. */
  private final transient NodeDeploy deploy;

  /**
   * Creates the failure of one node.
   *
   * @param nodeId the node
   * @param deploy what the deploy did there; not {@link NodeDeploy.Status#DEPLOYED}
   * @param cause the exception the node's call ended with, or {@code null}
   */
  public NodeDeployException(String nodeId, NodeDeploy deploy, ScrapydException cause) {
    super(deploy.error().orElse(deploy.status().toString()), deploy.baseUri(),
        cause == null ? null : cause.endpoint().orElse(null), deploy.nodeName().orElse(null),
        cause);
    this.nodeId = nodeId;
    this.deploy = deploy;
  }

  /**
   * The node.
   *
   * @return the node id
   */
  public String nodeId() {
    return nodeId;
  }

  /**
   * What the deploy did on the node.
   *
   * @return the node's deploy
   */
  public NodeDeploy deploy() {
    return deploy;
  }

  /**
   * The exception the node's call ended with.
   *
   * @return the cause, empty when the deploy failed without one (the egg had no spider and
   *     spiders are required, the version existed, another node failed first)
   */
  public Optional<ScrapydException> scrapydFailure() {
    return Optional.ofNullable((ScrapydException) getCause());
  }
}
