package io.github.scrapyd4j.monitor;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.alerts.AlertFanOut;
import io.github.scrapyd4j.alerts.AlertSink;
import io.github.scrapyd4j.alerts.LoggingAlertSink;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.jobs.PollScheduler;
import io.github.scrapyd4j.logs.LogFormat;
import io.github.scrapyd4j.model.Signal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Watches running jobs and applies {@link MonitorRule}s to them: each watched job's log is
 * followed by byte ranges as it grows ({@code JobLogs.followAsync}: each poll asks only for the
 * new bytes), read into live progress and level counts, and the rules are checked on each new
 * piece of log and on a timer (for run time and no progress). A rule that fires sends an alert
 * and, if it says so, cancels the job with its signal.
 *
 * <pre>{@code
 * try (AlertFanOut alerts = AlertFanOut.builder().sink(LoggingAlertSink.create())
 *          .sink(WebhookAlertSink.builder(slackUrl).format(WebhookAlertSink.Format.SLACK).build())
 *          .build();
 *      JobMonitor monitor = JobMonitor.builder(cluster).alerts(alerts).build()) {
 *   JobRef job = cluster.schedule(ScheduleRequest.of("shop", "products"));
 *   JobWatch watch = monitor.watch(job, List.of(
 *       MonitorRule.logLevelAtLeast("ERROR", 10).thenCancel(Signal.TERM),
 *       MonitorRule.noProgressFor(Duration.ofMinutes(15)).thenCancel(Signal.KILL)));
 *   System.out.println(watch.report().progress().pages() + " pages so far");
 *   MonitorReport last = watch.done().join();       // once the job finished
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> No thread per job: follows run on the clients' executors and the timer on
 * the monitor's {@link PollScheduler} (by default one daemon thread of its own). Alerts go through
 * an {@link AlertFanOut} (the given one, or one the monitor makes around the given sink), so a
 * slow or failing webhook never holds up monitoring. {@link #close()} stops every watch without
 * cancelling any job.
 */
public final class JobMonitor implements AutoCloseable {
  /** Cancels a job on its node with a signal. */
  interface Canceller {
    CompletableFuture<?> cancel(JobRef job, Signal signal);
  }

  final Jobs jobs;
  final Canceller canceller;
  final AlertSink alerts;
  final PollScheduler scheduler;
  final Clock clock;
  final Duration tick;
  final LogFormat format;
  private final boolean needsNode;
  private final AlertFanOut ownedFanOut;
  private final ScheduledThreadPoolExecutor ownedTimer;
  private final Set<JobWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private JobMonitor(Builder b) {
    this.jobs = b.jobs;
    this.canceller = b.canceller;
    this.needsNode = b.needsNode;
    this.clock = b.clock;
    this.tick = b.tick;
    this.format = b.format;
    if (b.alerts instanceof AlertFanOut) {
      this.alerts = b.alerts;
      this.ownedFanOut = null;
    } else {
      this.ownedFanOut = AlertFanOut.builder().sink(b.alerts).build();
      this.alerts = ownedFanOut;
    }
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownedTimer = null;
    } else {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "scrapyd4j-monitor");
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
      this.ownedTimer = timer;
      this.scheduler = PollScheduler.of(timer);
    }
  }

  /**
   * Starts building a monitor for the jobs of one node.
   *
   * @param client the node's client
   * @return a builder
   */
  public static Builder builder(ScrapydClient client) {
    Checks.notNull("client", client);
    return new Builder(client.jobs(),
        (job, signal) -> client.async().cancel(job.project(), job.jobId(), signal), false);
  }

  /**
   * Starts building a monitor for the jobs of a cluster; each job must name its node ({@link
   * JobRef#node()}, as the cluster's {@code schedule} and {@code allJobs} give them), where its
   * log is read and its cancel sent.
   *
   * @param cluster the cluster
   * @return a builder
   */
  public static Builder builder(ClusterClient cluster) {
    Checks.notNull("cluster", cluster);
    return new Builder(cluster.jobs(), (job, signal) -> cluster.client(job.node().get()).async()
        .cancel(job.project(), job.jobId(), signal), true);
  }

  /**
   * Starts watching a job with rules. See {@link #watch(MonitorRequest)}.
   *
   * @param job the job; on a cluster, naming its node
   * @param rules the rules (none: progress only)
   * @return the watch
   */
  public JobWatch watch(JobRef job, List<MonitorRule> rules) {
    return watch(MonitorRequest.builder().job(Checks.notNull("job", job))
        .rules(Checks.notNull("rules", rules)).build());
  }

  /**
   * Starts watching a job: follows its log (waiting for it while the job is pending) until the
   * job finished and its log was read to its end, or {@link JobWatch#stop()}.
   *
   * @param request the job, its rules, its task and start
   * @return the watch
   * @throws IllegalArgumentException on a cluster, if the job names no node
   * @throws IllegalStateException if the monitor is closed
   */
  public JobWatch watch(MonitorRequest request) {
    Checks.notNull("request", request);
    if (needsNode && request.job().node().isEmpty()) {
      throw new IllegalArgumentException("job " + request.job().jobId() + " names no node: a"
          + " cluster's monitor reads the log and cancels on JobRef.node(); use the JobRef of"
          + " cluster.schedule(...) or job.onNode(nodeId)");
    }
    if (closed) {
      throw new IllegalStateException("the JobMonitor is closed");
    }
    JobWatch watch = new JobWatch(this, request);
    watches.add(watch);
    watch.start();
    return watch;
  }

  /**
   * How many watches are running.
   *
   * @return the count
   */
  public int activeWatches() {
    return watches.size();
  }

  void ended(JobWatch watch) {
    watches.remove(watch);
  }

  /**
   * Stops every watch (no job is cancelled), then releases the monitor's own timer and alert
   * fan-out (delivering alerts still queued, for up to 10 seconds).
   */
  @Override
  public void close() {
    closed = true;
    for (JobWatch w : List.copyOf(watches)) {
      w.stop();
    }
    if (ownedTimer != null) {
      ownedTimer.shutdownNow();
    }
    if (ownedFanOut != null) {
      ownedFanOut.close();
    }
  }

  @Override
  public String toString() {
    return "JobMonitor{" + watches.size() + " watches, alerts " + alerts + "}";
  }

  /** Builds a {@link JobMonitor}. */
  public static final class Builder {
    private Jobs jobs;
    private final Canceller canceller;
    private final boolean needsNode;
    private AlertSink alerts = LoggingAlertSink.create();
    private PollScheduler scheduler;
    private Clock clock = Clock.systemUTC();
    private Duration tick = Duration.ofSeconds(5);
    private LogFormat format = LogFormat.scrapyDefault();

    private Builder(Jobs jobs, Canceller canceller, boolean needsNode) {
      this.jobs = jobs;
      this.canceller = canceller;
      this.needsNode = needsNode;
    }

    /**
     * Where alerts go. An {@link AlertFanOut} is used as it is; any other sink is put behind a
     * fan-out of the monitor's own, so that it never blocks monitoring. Default: {@link
     * LoggingAlertSink#create()}.
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder alerts(AlertSink sink) {
      this.alerts = Checks.notNull("sink", sink);
      return this;
    }

    /**
     * The jobs view whose logs are followed, for its polling (how often a growing log is read).
     * It must belong to the same client or cluster. Default: {@code client.jobs()} or {@code
     * cluster.jobs()}.
     *
     * @param jobs the jobs view
     * @return this builder
     */
    public Builder jobs(Jobs jobs) {
      this.jobs = Checks.notNull("jobs", jobs);
      return this;
    }

    /**
     * What runs the timer that checks run time and no progress. Default: one daemon thread of
     * the monitor's, ended by {@link JobMonitor#close()}.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(PollScheduler scheduler) {
      this.scheduler = Checks.notNull("scheduler", scheduler);
      return this;
    }

    /**
     * The clock for run time and no progress. Default: the system clock (UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * How often run time and no progress are checked. Default: 5 seconds.
     *
     * @param tick the interval, positive
     * @return this builder
     */
    public Builder tick(Duration tick) {
      this.tick = Checks.positive("tick", tick);
      return this;
    }

    /**
     * How log records start, for the level counts. Default: {@link LogFormat#scrapyDefault()}.
     *
     * @param format the format
     * @return this builder
     */
    public Builder logFormat(LogFormat format) {
      this.format = Checks.notNull("format", format);
      return this;
    }

    /**
     * Builds.
     *
     * @return the monitor
     */
    public JobMonitor build() {
      return new JobMonitor(this);
    }
  }
}
