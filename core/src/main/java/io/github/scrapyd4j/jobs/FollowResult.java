package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.model.ScrapydStyle;
import org.immutables.value.Value;

/**
 * How a follow of a job's log or items went, once the job finished and the file was read to its
 * end.
 */
@Value.Immutable
@ScrapydStyle
public abstract class FollowResult {
  FollowResult() {}

  /**
   * The job followed.
   *
   * @return the job
   */
  public abstract JobRef job();

  /**
   * Bytes handed on (decoded, or split into items), from the offset the follow started at.
   *
   * @return bytes delivered
   */
  public abstract long bytes();

  /**
   * Body bytes received. Equal to {@link #bytes()} when the server honours ranges; more when it
   * ignores them and sends the whole file each time.
   *
   * @return bytes received
   */
  public abstract long bytesReceived();

  /**
   * Requests for the file.
   *
   * @return file requests
   */
  public abstract int fileRequests();

  /**
   * Requests for the job's state (when a poll brought nothing new).
   *
   * @return state requests
   */
  public abstract int stateRequests();

  /**
   * How often the file shrank or was replaced, and was read again from its start.
   *
   * @return restarts
   */
  public abstract int restarts();

  /**
   * Items handed on (items follows only; 0 for logs).
   *
   * @return items
   */
  @Value.Default
  public long items() {
    return 0;
  }

  /**
   * Malformed item lines skipped (items follows only; 0 for logs).
   *
   * @return malformed lines
   */
  @Value.Default
  public long malformedLines() {
    return 0;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link FollowResult} values. */
  public static final class Builder extends ImmutableFollowResult.Builder {
    Builder() {}
  }
}
