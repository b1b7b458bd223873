package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a job went, told from its log: Scrapyd itself records no outcome, and lists a crashed crawl
 * as finished like a good one. Made by {@link JobLogs#outcome} or {@link OutcomePolicy#classify}.
 *
 * <pre>{@code
 * JobOutcome outcome = JobLogs.of(client).outcome(job);
 * switch (outcome.verdict()) {
 *   case SUCCEEDED: publish(job); break;
 *   case FAILED:
 *   case CRASHED: alert(job, outcome.reasons()); break;
 *   default: break; // still running
 * }
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class JobOutcome {
  JobOutcome() {}

  /** The verdict. */
  public enum Verdict {
    /**
     * The crawl closed with a finish reason the policy accepts ({@code finished} by default) and
     * logged no more ERROR or CRITICAL lines than it allows (none by default).
     */
    SUCCEEDED,
    /**
     * The crawl closed, but with another finish reason ({@code shutdown} after a cancel, a
     * {@code closespider_*} limit, what the spider asked for) or with error lines.
     */
    FAILED,
    /**
     * The job finished without closing its spider: its log has no stats dump and no {@code Spider
     * closed} line. Its process died (killed, out of memory) or failed before the crawl started.
     */
    CRASHED,
    /** The node says the job is pending or running: there is no verdict yet. */
    IN_PROGRESS
  }

  /**
   * The verdict.
   *
   * @return the verdict
   */
  public abstract Verdict verdict();

  /**
   * Why, in words: the finish reason and error lines that made a job fail, or what is missing
   * from a crashed job's log. Empty for a success.
   *
   * @return the reasons
   */
  public abstract List<String> reasons();

  /**
   * What the log held.
   *
   * @return the log summary
   */
  public abstract LogSummary summary();

  /**
   * The job, when the outcome was made for one.
   *
   * @return the job
   */
  public abstract Optional<JobRef> job();

  /**
   * The job's state as its node reported it when the outcome was made.
   *
   * @return the state, empty if not asked or the node no longer knows the job
   */
  public abstract Optional<JobState> jobState();

  /**
   * Why the spider closed: {@code finish_reason} from the stats, else the {@code Spider closed
   * (reason)} line.
   *
   * @return the finish reason, if the log tells
   */
  public Optional<String> finishReason() {
    Optional<String> fromStats = summary().stats().flatMap(ScrapyStats::finishReason);
    return fromStats.isPresent() ? fromStats : summary().closeReason();
  }

  /**
   * The last stats dump.
   *
   * @return the stats, if the log has them
   */
  public Optional<ScrapyStats> stats() {
    return summary().stats();
  }

  /**
   * Whether the verdict is {@link Verdict#SUCCEEDED}.
   *
   * @return true for a success
   */
  public boolean succeeded() {
    return verdict() == Verdict.SUCCEEDED;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JobOutcome} values. */
  public static final class Builder extends ImmutableJobOutcome.Builder {
    Builder() {}
  }
}
