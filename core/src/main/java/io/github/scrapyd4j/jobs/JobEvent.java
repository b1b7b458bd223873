package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.Optional;
import org.immutables.value.Value;

/** Something a {@link JobWatcher} saw change in a node's job listing. */
@Value.Immutable
@ScrapydStyle
public abstract class JobEvent {
  JobEvent() {}

  /** What changed. */
  public enum Type {
    /** A job was listed for the first time (pending, or already running or finished). */
    APPEARED,
    /** A job's process started: it went from pending to running (or straight to finished). */
    STARTED,
    /**
     * A job's process ended. Scrapyd reports crashed and cancelled crawls as finished too: see
     * {@link io.github.scrapyd4j.jobs.JobLogs#outcome}.
     */
    FINISHED,
    /**
     * A pending or running job is no longer listed without having been seen finished: it was
     * cancelled while pending, or the node restarted (memory job storage forgets finished jobs),
     * or it finished and aged out between two polls. {@link #job()} is how it was last listed.
     */
    DISAPPEARED
  }

  /**
   * What changed.
   *
   * @return the event type
   */
  public abstract Type type();

  /**
   * The id of the node, as given to the watcher.
   *
   * @return the node id
   */
  public abstract String nodeId();

  /**
   * The job as the node lists it now (for {@link Type#DISAPPEARED}, as it was last listed).
   *
   * @return the job
   */
  public abstract Job job();

  /**
   * The job's state at the previous poll.
   *
   * @return the previous state, empty for a job not listed before
   */
  public abstract Optional<JobState> previousState();

  /**
   * A reference to the job, marked with the node id, for {@link JobWaiter} or {@link
   * io.github.scrapyd4j.jobs.JobLogs}.
   *
   * @return the job reference
   */
  public JobRef ref() {
    return JobRef.of(job()).onNode(nodeId());
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JobEvent} values. */
  public static final class Builder extends ImmutableJobEvent.Builder {
    Builder() {}
  }
}
