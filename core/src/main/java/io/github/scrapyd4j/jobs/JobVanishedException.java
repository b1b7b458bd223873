package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.model.JobState;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A wait or follow ended because the node no longer knows the job: {@code status.json} answers no
 * state and {@code listjobs.json} does not list it, for longer than {@link Polling#vanishGrace()}.
 * A job is pending as soon as {@code schedule} answers, so this means it is gone:
 *
 * <ul>
 *   <li>it finished and aged out of the node's {@code finished_to_keep} list (likely when it was
 *       last seen running);
 *   <li>the node restarted, and its default memory job storage forgot the job;
 *   <li>it was cancelled while pending (Scrapyd then forgets it entirely);
 *   <li>it never ran on this node: a wrong job id, project or node.
 * </ul>
 *
 * <p>Its log may still be there: {@link io.github.scrapyd4j.jobs.JobLogs#outcome} can tell.
 */
public class JobVanishedException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The job waited for. */
  private final transient JobRef job;
  /** The last state seen, or null. */
  private final JobState lastSeenState;

  /**
   * Creates the exception.
   *
   * @param job the job waited for
   * @param lastSeenState the last state the node reported for it, or {@code null} if it never
   *     knew it
   * @param unknownFor how long the node has not known it
   * @param baseUri the node's base URI
   * @param nodeName the node name Scrapyd reported, or {@code null}
   */
  public JobVanishedException(
      JobRef job, JobState lastSeenState, Duration unknownFor, URI baseUri, String nodeName) {
    super(message(job, lastSeenState, unknownFor, baseUri), baseUri, null, nodeName, null);
    this.job = job;
    this.lastSeenState = lastSeenState;
  }

  private static String message(JobRef job, JobState last, Duration unknownFor, URI baseUri) {
    String which = "job " + job.jobId() + " (project " + job.project() + ", spider " + job.spider()
        + ") on " + baseUri;
    String since = " has been unknown to the node for " + seconds(unknownFor);
    if (last == null) {
      return which + since + " and was never seen there: check the job id, project and node, or "
          + "it was cancelled while pending, or the node restarted (memory job storage)";
    }
    if (last == JobState.RUNNING) {
      return which + since + " after it was seen running: it most likely finished and aged out of "
          + "finished_to_keep, or the node restarted (memory job storage); its log can tell";
    }
    if (last == JobState.PENDING) {
      return which + since + " after it was seen pending: it was cancelled before it started, "
          + "or the node restarted";
    }
    return which + since + " after it was seen " + last.wireName();
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  /**
   * The job that vanished.
   *
   * @return the job
   */
  public JobRef job() {
    return job;
  }

  /**
   * The last state the node reported for the job.
   *
   * @return the state, empty if the node never knew the job
   */
  public Optional<JobState> lastSeenState() {
    return Optional.ofNullable(lastSeenState);
  }
}
