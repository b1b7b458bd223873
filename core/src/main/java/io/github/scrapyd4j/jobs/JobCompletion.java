package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link JobWaiter} found when the job finished. Scrapyd does not record whether a crawl
 * succeeded: ask {@link io.github.scrapyd4j.jobs.JobLogs#outcome(JobRef)} with {@link #job()}.
 */
@Value.Immutable
@ScrapydStyle
public abstract class JobCompletion {
  JobCompletion() {}

  /**
   * The job, with its log and items locations when the node listed them.
   *
   * @return the job
   */
  public abstract JobRef job();

  /**
   * The {@code node_name} the node reported.
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The job as {@code listjobs.json} lists it once finished: start and end times, log and items
   * locations. Empty when the listing could not be read or no longer lists it.
   *
   * @return the finished job, if listed
   */
  public abstract Optional<FinishedJob> finishedJob();

  /**
   * How long the wait lasted, by the waiter's clock.
   *
   * @return the time from the start of the wait to the poll that saw the job finished
   */
  public abstract Duration waited();

  /**
   * How many polls the wait made.
   *
   * @return the number of polls
   */
  public abstract int polls();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JobCompletion} values. */
  public static final class Builder extends ImmutableJobCompletion.Builder {
    Builder() {}
  }
}
