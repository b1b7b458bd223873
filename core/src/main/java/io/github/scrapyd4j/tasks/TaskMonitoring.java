package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.monitor.JobMonitor;
import io.github.scrapyd4j.monitor.JobWatch;
import io.github.scrapyd4j.monitor.MonitorRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each task's monitoring rules ({@link CrawlTask#rules()}) to each of its runs: a {@link
 * RunListener} that starts a {@link JobMonitor} watch when a run's job is scheduled (or followed
 * again after a restart) and stops it when the run is done. Tasks without rules are not watched.
 * The monitor's alerts ({@code RULE_FIRED}) name the task.
 *
 * <pre>{@code
 * try (JobMonitor monitor = JobMonitor.builder(cluster).alerts(alerts).build();
 *     TaskScheduler scheduler = TaskScheduler.builder()
 *         .cluster(cluster)
 *         .alertSink(alerts)
 *         .listener(TaskMonitoring.of(monitor))
 *         .task(CrawlTask.builder().id("products").project("shop").spider("products")
 *             .trigger(Trigger.cron("0 3 * * *"))
 *             .addRules(MonitorRule.logLevelAtLeast("ERROR", 10).thenCancel(Signal.TERM))
 *             .build())
 *         .build()) {
 *   scheduler.start();
 *   // ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close the scheduler before the monitor: a run scheduled after the monitor
 * closed is not watched (logged at WARN).
 */
public final class TaskMonitoring implements RunListener {
  private static final Logger LOG = LoggerFactory.getLogger(TaskMonitoring.class);

  private final JobMonitor monitor;
  private final Map<String, JobWatch> watches = new ConcurrentHashMap<>();

  private TaskMonitoring(JobMonitor monitor) {
    this.monitor = monitor;
  }

  /**
   * A listener that watches runs with this monitor.
   *
   * @param monitor the monitor (of the same node or cluster as the scheduler)
   * @return the listener, to give to {@link TaskScheduler.Builder#listener}
   */
  public static TaskMonitoring of(JobMonitor monitor) {
    return new TaskMonitoring(Checks.notNull("monitor", monitor));
  }

  /**
   * How many runs are being watched.
   *
   * @return the count
   */
  public int watching() {
    return watches.size();
  }

  /** Project and job id: the scheduler gives each run a job id of its own. */
  private static String key(String project, String jobId) {
    return project + "\u0000" + jobId;
  }

  @Override
  public void scheduled(CrawlTask task, TaskRun run, JobRef job) {
    if (task.rules().isEmpty()) {
      return;
    }
    String key = key(job.project(), job.jobId());
    try {
      JobWatch watch = watches.computeIfAbsent(key, k -> monitor.watch(MonitorRequest.builder()
          .job(job)
          .rules(task.rules())
          .taskId(task.id())
          .startedAt(run.startedAt().or(run::scheduledAt))
          .build()));
      watch.done().whenComplete((report, error) -> watches.remove(key, watch));
    } catch (IllegalStateException | IllegalArgumentException e) {
      LOG.warn("task {}: job {} is not watched by its rules: {}", task.id(), job.jobId(),
          e.getMessage());
    }
  }

  @Override
  public void finished(CrawlTask task, TaskRun run) {
    if (run.jobId().isEmpty()) {
      return;
    }
    JobWatch watch = watches.remove(key(run.project(), run.jobId().get()));
    if (watch != null) {
      watch.stop();
    }
  }

  @Override
  public String toString() {
    return "TaskMonitoring{watching=" + watches.size() + ", monitor=" + monitor + "}";
  }
}
