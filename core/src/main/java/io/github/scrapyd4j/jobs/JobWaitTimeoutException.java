package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.model.JobState;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A wait or follow did not see its job finish within the time given. The job itself is untouched:
 * it may still be pending or running.
 */
public class JobWaitTimeoutException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The job waited for. */
  private final transient JobRef job;
  /** The time waited. */
  private final Duration timeout;
  /** The last state seen, or null. */
  private final JobState lastSeenState;

  /**
   * Creates the exception.
   *
   * @param job the job waited for
   * @param timeout how long the wait lasted
   * @param lastSeenState the last state the node reported, or {@code null} if none yet
   * @param baseUri the node's base URI
   */
  public JobWaitTimeoutException(
      JobRef job, Duration timeout, JobState lastSeenState, URI baseUri) {
    super("job " + job.jobId() + " (project " + job.project() + ") on " + baseUri
            + " did not finish within " + timeout.toMillis() + " ms"
            + (lastSeenState == null ? "" : "; it was last seen " + lastSeenState.wireName()),
        baseUri, null, null, null);
    this.job = job;
    this.timeout = timeout;
    this.lastSeenState = lastSeenState;
  }

  /**
   * The job waited for.
   *
   * @return the job
   */
  public JobRef job() {
    return job;
  }

  /**
   * How long the wait lasted.
   *
   * @return the timeout given
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The last state the node reported for the job.
   *
   * @return the state, empty if no poll had answered
   */
  public Optional<JobState> lastSeenState() {
    return Optional.ofNullable(lastSeenState);
  }
}
