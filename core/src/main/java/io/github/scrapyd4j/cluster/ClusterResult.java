package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of a fan-out: one {@link NodeResult} per node, never all-or-nothing. A failing node
 * does not hide the answers of the others.
 *
 * <pre>{@code
 * ClusterResult<JobList> jobs = cluster.fanOut().listJobs("shop");
 * jobs.successes().forEach((node, list) -> System.out.println(node + ": " + list.running().size()));
 * jobs.failures().forEach((node, error) -> System.err.println(node + ": " + error.getMessage()));
 * JobList first = jobs.throwIfAnyFailed().successes().values().iterator().next();
 * }</pre>
 *
 * @param <T> the value type
 */
public final class ClusterResult<T> {
  private final List<NodeResult<T>> results;

  ClusterResult(List<NodeResult<T>> results) {
    this.results = Collections.unmodifiableList(results);
  }

  /**
   * A result of the given nodes' results, for code that combines several fan-outs into one
   * answer (a deploy lists, uploads and may roll back, each a fan-out) or for a test.
   *
   * <pre>{@code
   * ClusterResult<String> result = ClusterResult.of(List.of(
   *     NodeResult.success("eu-1", "deployed"),
   *     NodeResult.failure("us-1", new NodeUnavailableException("down", null, null))));
   * }</pre>
   *
   * @param <T> the value type
   * @param results one result per node, each node once, in node order (copied)
   * @return the cluster result
   * @throws IllegalArgumentException if a node id is there twice
   */
  public static <T> ClusterResult<T> of(List<NodeResult<T>> results) {
    Checks.notNull("results", results);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (NodeResult<T> result : results) {
      if (!ids.add(Checks.notNull("result", result).nodeId())) {
        throw new IllegalArgumentException(
            "results must have one result per node, but node '" + result.nodeId()
                + "' is there twice");
      }
    }
    return new ClusterResult<>(new java.util.ArrayList<>(results));
  }

  /**
   * Every node's result, in the cluster's node order.
   *
   * @return the results
   */
  public List<NodeResult<T>> results() {
    return results;
  }

  /**
   * The values of the nodes whose call succeeded.
   *
   * @return node id to value, in node order
   */
  public Map<String, T> successes() {
    Map<String, T> out = new LinkedHashMap<>();
    for (NodeResult<T> result : results) {
      result.value().ifPresent(value -> out.put(result.nodeId(), value));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The failures of the nodes whose call failed.
   *
   * @return node id to exception, in node order
   */
  public Map<String, ScrapydException> failures() {
    Map<String, ScrapydException> out = new LinkedHashMap<>();
    for (NodeResult<T> result : results) {
      result.failure().ifPresent(failure -> out.put(result.nodeId(), failure));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * One node's value.
   *
   * @param nodeId the node
   * @return its value, empty if it failed or took no part
   */
  public Optional<T> get(String nodeId) {
    for (NodeResult<T> result : results) {
      if (result.nodeId().equals(nodeId)) {
        return result.value();
      }
    }
    return Optional.empty();
  }

  /**
   * Whether every node's call succeeded.
   *
   * @return true when there are no failures
   */
  public boolean allSucceeded() {
    for (NodeResult<T> result : results) {
      if (!result.isSuccess()) {
        return false;
      }
    }
    return true;
  }

  /**
   * This result, or an exception when any node failed.
   *
   * @return this result, when every node succeeded
   * @throws ClusterException naming each failed node and why
   */
  public ClusterResult<T> throwIfAnyFailed() {
    Map<String, ScrapydException> failures = failures();
    if (!failures.isEmpty()) {
      throw new ClusterException(failures, results.size());
    }
    return this;
  }

  @Override
  public String toString() {
    return "ClusterResult" + results;
  }
}
