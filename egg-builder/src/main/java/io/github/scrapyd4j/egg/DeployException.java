package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.NodeResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A deploy failed on at least one node. The message says, per node, what went wrong (with
 * Scrapyd's own message when it rejected the egg) and what became of the version; {@link
 * #result()} is the whole {@link DeployReport}, each node's part included.
 *
 * <pre>{@code
 * try {
 *   deployer.deploy(client, "shop", version, egg);
 * } catch (DeployException e) {
 *   NodeDeploy node = e.result().node();
 *   log.error("Deploy failed: {}", node.serverMessage().orElse(e.getMessage()));
 *   if (node.cleanup() == NodeDeploy.Cleanup.FAILED) {
 *     // the rejected version is still stored
 *   }
 * }
 * }</pre>
 */
public class DeployException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The report of every node. */
  private final transient DeployReport result;

  /**
   * Creates an exception for a deploy that did not succeed everywhere.
   *
   * @param result the report; at least one node is not deployed
   */
  public DeployException(DeployReport result) {
    super(message(result), single(result).flatMap(NodeDeployException::baseUri).orElse(null),
        single(result).flatMap(NodeDeployException::scrapydFailure)
            .flatMap(ScrapydException::endpoint).orElse(null),
        single(result).flatMap(NodeDeployException::nodeName).orElse(null),
        single(result).flatMap(NodeDeployException::scrapydFailure).orElse(null));
    this.result = result;
  }

  private static Optional<NodeDeployException> single(DeployReport result) {
    List<NodeDeployException> failed = failed(result);
    return failed.size() == 1 ? Optional.of(failed.get(0)) : Optional.empty();
  }

  private static List<NodeDeployException> failed(DeployReport result) {
    return result.nodes().results().stream().filter(r -> !r.isSuccess())
        .map(r -> (NodeDeployException) r.failure().get()).collect(Collectors.toList());
  }

  private static String message(DeployReport result) {
    List<NodeDeployException> failed = failed(result);
    StringBuilder m = new StringBuilder("deploy of version ").append(result.version());
    if (!result.storedVersion().equals(result.version())) {
      m.append(" (stored as ").append(result.storedVersion()).append(')');
    }
    List<NodeResult<NodeDeploy>> all = result.nodes().results();
    if (all.size() == 1) {
      NodeDeployException e = failed.get(0);
      m.append(" of project ").append(e.deploy().project()).append(" to ").append(e.nodeId())
          .append(" failed: ").append(e.getMessage());
      return m.toString();
    }
    m.append(" failed on ").append(failed.size()).append(" of ").append(all.size())
        .append(" nodes (").append(result.policy()).append(')');
    for (Map.Entry<String, NodeDeploy> e : result.details().entrySet()) {
      m.append("\n  ").append(e.getKey()).append(": ").append(e.getValue().status());
      e.getValue().error().ifPresent(error -> m.append(" - ").append(error));
    }
    return m.toString();
  }

  /**
   * The report of every node.
   *
   * @return the report
   */
  public DeployReport result() {
    return result;
  }

  /**
   * Scrapyd's own message, when exactly one node failed because Scrapyd rejected the egg.
   *
   * @return the server's message (usually a Python traceback)
   */
  public Optional<String> serverMessage() {
    return single(result).flatMap(e -> e.deploy().serverMessage());
  }

  /**
   * Whether Scrapyd itself rejected the egg on some node (as opposed to the node being
   * unreachable).
   *
   * @return true if a node failed with a {@link ScrapydApiException}
   */
  public boolean rejectedByScrapyd() {
    return failed(result).stream().anyMatch(e -> e.scrapydFailure()
        .filter(f -> f instanceof ScrapydApiException).isPresent());
  }
}
