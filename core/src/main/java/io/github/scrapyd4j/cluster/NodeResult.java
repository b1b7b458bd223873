package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.internal.Checks;
import java.util.Optional;

/**
 * One node's part of a fan-out: a value or the exception that node's call ended with. Immutable.
 *
 * @param <T> the value type
 */
public final class NodeResult<T> {
  private final String nodeId;
  private final T value;
  private final ScrapydException failure;

  private NodeResult(String nodeId, T value, ScrapydException failure) {
    this.nodeId = nodeId;
    this.value = value;
    this.failure = failure;
  }

  /**
   * A node's value. Fan-outs make these; so can code that combines several fan-outs into one
   * result (such as a deploy: list, upload, roll back), or a test.
   *
   * @param <T> the value type
   * @param nodeId the node
   * @param value the value
   * @return the result
   */
  public static <T> NodeResult<T> success(String nodeId, T value) {
    return new NodeResult<>(Checks.notBlank("nodeId", nodeId), Checks.notNull("value", value),
        null);
  }

  /**
   * A node's failure; see {@link #success(String, Object)}.
   *
   * @param <T> the value type
   * @param nodeId the node
   * @param failure why the node's call failed
   * @return the result
   */
  public static <T> NodeResult<T> failure(String nodeId, ScrapydException failure) {
    return new NodeResult<>(Checks.notBlank("nodeId", nodeId), null,
        Checks.notNull("failure", failure));
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
   * Whether the node's call succeeded.
   *
   * @return true with a value, false with a failure
   */
  public boolean isSuccess() {
    return failure == null;
  }

  /**
   * The node's value.
   *
   * @return the value, empty when the call failed
   */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /**
   * Why the node's call failed: the same exception types a {@link
   * io.github.scrapyd4j.ScrapydClient} throws, or {@link NodeUnavailableException} for a node
   * that was skipped because it is down.
   *
   * @return the failure, empty when the call succeeded
   */
  public Optional<ScrapydException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public String toString() {
    return nodeId + (failure == null ? "=" + value : " failed: " + failure.getMessage());
  }
}
