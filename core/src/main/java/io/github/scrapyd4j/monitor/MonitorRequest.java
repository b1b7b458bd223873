package io.github.scrapyd4j.monitor;

import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What to watch: a job, its rules, and what alerts should name.
 *
 * <pre>{@code
 * JobWatch watch = monitor.watch(MonitorRequest.builder()
 *     .job(job)                                   // on a cluster, a JobRef naming its node
 *     .addRules(MonitorRule.logLevelAtLeast("ERROR", 10).thenCancel(Signal.TERM))
 *     .taskId("nightly-products")                 // named in alerts
 *     .startedAt(run.scheduledAt().get())         // run time counts from here
 *     .build());
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class MonitorRequest {
  MonitorRequest() {}

  /**
   * The job. On a cluster, it must name its node ({@link JobRef#node()}).
   *
   * @return the job
   */
  public abstract JobRef job();

  /**
   * The rules, evaluated in order.
   *
   * @return the rules
   */
  public abstract List<MonitorRule> rules();

  /**
   * The task that started the job, named in alerts.
   *
   * @return the task id
   */
  public abstract Optional<String> taskId();

  /**
   * When the job started (or was scheduled): run time counts from here, no progress from the
   * start of the watch. Absent: both count from when its log is first seen.
   *
   * @return the start
   */
  public abstract Optional<Instant> startedAt();

  /**
   * A new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link MonitorRequest}. */
  public static final class Builder extends ImmutableMonitorRequest.Builder {
    Builder() {}
  }
}
