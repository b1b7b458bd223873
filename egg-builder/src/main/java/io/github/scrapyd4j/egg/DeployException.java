package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydException;
import java.util.List;
import java.util.Optional;

/**
 * A deploy failed on at least one node. The message says, per node, what went wrong (with
 * Scrapyd's own message when it rejected the egg) and what became of the version; {@link
 * #result()} has every node's {@link NodeOutcome}.
 *
 * <pre>{@code
 * try {
 *   deployer.deploy(client, "shop", version, egg);
 * } catch (DeployException e) {
 *   NodeOutcome node = e.result().outcome();
 *   log.error("Deploy failed: {}", node.serverMessage().orElse(e.getMessage()));
 *   if (node.cleanup() == NodeOutcome.Cleanup.FAILED) {
 *     // the rejected version is still stored
 *   }
 * }
 * }</pre>
 */
public class DeployException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The outcome of every node. */
  private final transient DeployResult result;

  /**
   * Creates an exception for a deploy that did not succeed everywhere.
   *
   * @param result the outcomes; at least one is not {@link NodeOutcome.Status#DEPLOYED}
   */
  public DeployException(DeployResult result) {
    super(message(result), single(result).map(o -> o.baseUri()).orElse(null),
        single(result).flatMap(o -> o.failure()).flatMap(f -> f.endpoint()).orElse(null),
        single(result).flatMap(o -> o.nodeName()).orElse(null),
        single(result).flatMap(o -> o.failure()).orElse(null));
    this.result = result;
  }

  private static Optional<NodeOutcome> single(DeployResult result) {
    List<NodeOutcome> failed = result.notDeployed();
    return failed.size() == 1 ? Optional.of(failed.get(0)) : Optional.empty();
  }

  private static String message(DeployResult result) {
    List<NodeOutcome> failed = result.notDeployed();
    StringBuilder m = new StringBuilder("deploy of version ").append(result.version());
    if (!result.storedVersion().equals(result.version())) {
      m.append(" (stored as ").append(result.storedVersion()).append(')');
    }
    if (result.outcomes().size() == 1) {
      NodeOutcome o = failed.get(0);
      m.append(" of project ").append(o.project()).append(" to ").append(o.name())
          .append(" failed: ").append(o.error().orElse(o.status().toString()));
      return m.toString();
    }
    m.append(" failed on ").append(failed.size()).append(" of ").append(result.outcomes().size())
        .append(" nodes (").append(result.policy()).append(')');
    for (NodeOutcome o : result.outcomes()) {
      m.append("\n  ").append(o.name()).append(": ").append(o.status());
      o.error().ifPresent(e -> m.append(" - ").append(e));
    }
    return m.toString();
  }

  /**
   * The outcome of every node.
   *
   * @return the result
   */
  public DeployResult result() {
    return result;
  }

  /**
   * Scrapyd's own message, when exactly one node failed because Scrapyd rejected the egg.
   *
   * @return the server's message (usually a Python traceback)
   */
  public Optional<String> serverMessage() {
    return single(result).flatMap(NodeOutcome::serverMessage);
  }

  /**
   * Whether Scrapyd itself rejected the egg on some node (as opposed to the node being
   * unreachable).
   *
   * @return true if an outcome failed with a {@link ScrapydApiException}
   */
  public boolean rejectedByScrapyd() {
    return result.outcomes().stream()
        .anyMatch(o -> o.failure().filter(f -> f instanceof ScrapydApiException).isPresent());
  }
}
