package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One run of a crawl: what a {@link RunStore} records. A run fired by a task is keyed by its task
 * id, fire time and attempt (re-runs of a failed fire count up from 0); a finished job collected
 * from a node without a task (history harvesting) is keyed by its node, project and job id.
 *
 * <pre>{@code
 * for (TaskRun run : store.history(Optional.of("nightly-products"), 20)) {
 *   System.out.printf("%s %s %s items=%s%n", run.fireTime().orElse(null), run.status(),
 *       run.verdict().map(Enum::name).orElse("-"), run.itemsCount());
 * }
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class TaskRun {
  TaskRun() {}

  /**
   * The task that fired this run; absent for a job harvested from a node.
   *
   * @return the task id
   */
  public abstract Optional<String> taskId();

  /**
   * The time the trigger fired for, as planned (not when the scheduler got to it); absent for a
   * harvested job.
   *
   * @return the fire time
   */
  public abstract Optional<Instant> fireTime();

  /**
   * 0 for the first run of a fire time, 1 and up for re-runs after a failure.
   *
   * @return the attempt
   */
  @Value.Default
  public int attempt() {
    return 0;
  }

  /**
   * The scheduler instance that claimed the run.
   *
   * @return the instance id
   */
  public abstract Optional<String> instanceId();

  /**
   * Where the run stands.
   *
   * @return the status
   */
  public abstract RunStatus status();

  /**
   * The Scrapyd project.
   *
   * @return the project
   */
  public abstract String project();

  /**
   * The spider.
   *
   * @return the spider
   */
  public abstract String spider();

  /**
   * The node the job was placed on.
   *
   * @return the node id
   */
  public abstract Optional<String> node();

  /**
   * Scrapyd's job id.
   *
   * @return the job id
   */
  public abstract Optional<String> jobId();

  /**
   * When Scrapyd accepted the job.
   *
   * @return the time of scheduling
   */
  public abstract Optional<Instant> scheduledAt();

  /**
   * When the job started running, as the node reports it.
   *
   * @return the start time
   */
  public abstract Optional<Instant> startedAt();

  /**
   * When the run ended (job finished, or the run was skipped or failed).
   *
   * @return the end time
   */
  public abstract Optional<Instant> finishedAt();

  /**
   * How the job went, once finished.
   *
   * @return the verdict
   */
  public abstract Optional<JobOutcome.Verdict> verdict();

  /**
   * Why the run failed, crashed, was skipped or cancelled, in words.
   *
   * @return the reasons
   */
  public abstract List<String> reasons();

  /**
   * The final stats Scrapy dumped.
   *
   * @return the stats
   */
  public abstract Optional<ScrapyStats> stats();

  /**
   * How many items the job scraped.
   *
   * @return the item count
   */
  public abstract OptionalLong itemsCount();

  /**
   * The error that ended the run without a verdict (scheduling failed, the node was down). Never
   * holds a password.
   *
   * @return the error text
   */
  public abstract Optional<String> error();

  /**
   * How long the job ran, from start (or scheduling) to finish.
   *
   * @return the duration, when both ends are known
   */
  public Optional<Duration> duration() {
    Optional<Instant> start = startedAt().or(this::scheduledAt);
    if (start.isEmpty() || finishedAt().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(start.get(), finishedAt().get()));
  }

  @Value.Check
  void check() {
    if (taskId().isPresent() != fireTime().isPresent()) {
      throw new IllegalStateException(
          "taskId and fireTime go together: a task's run has both, a harvested job neither");
    }
    if (taskId().isEmpty() && (node().isEmpty() || jobId().isEmpty())) {
      throw new IllegalStateException("a harvested job (no taskId) needs node and jobId");
    }
    if (attempt() < 0) {
      throw new IllegalStateException("attempt must be 0 or more, was " + attempt());
    }
  }

  /**
   * A new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TaskRun}. */
  public static final class Builder extends ImmutableTaskRun.Builder {
    Builder() {}
  }
}
