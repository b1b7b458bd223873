package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterJobs;
import io.github.scrapyd4j.cluster.NodeJob;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.jobs.LogNotFoundException;
import io.github.scrapyd4j.jobs.OutcomePolicy;
import io.github.scrapyd4j.jobs.PollScheduler;
import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the history of a cluster's finished jobs beyond Scrapyd's memory: Scrapyd lists only the
 * last {@code finished_to_keep} finished jobs (100 by default) and forgets them all on restart.
 * Each harvest lists every node's jobs and records each finished job not yet in the {@link
 * RunStore} (found by node, project and job id, so a job a {@code TaskScheduler} ran, or an
 * earlier harvest recorded, is not recorded twice), with its verdict, reasons, final stats and
 * item count read from its log. Jobs started outside the scheduler are recorded too, as runs
 * without a task.
 *
 * <pre>{@code
 * try (HistoryHarvester harvester = HistoryHarvester.builder(cluster, store)
 *     .interval(Duration.ofMinutes(1))
 *     .build()) {
 *   harvester.start();                 // harvests now, then every minute
 *   ...
 * }
 * int recorded = harvester.harvestOnce(); // or on demand
 * }</pre>
 *
 * <p>Harvest more often than a node finishes {@code finished_to_keep} jobs. A node that cannot be
 * listed, or a log that cannot be read for a passing reason, is tried again at the next harvest; a
 * finished job whose log the node does not serve is recorded without a verdict, with the reason.
 *
 * <p><b>Threads.</b> Harvests run one at a time on the harvester's {@link PollScheduler} (by
 * default one daemon thread of its own), with blocking calls bounded by the cluster's deadlines.
 */
public final class HistoryHarvester implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.tasks");

  private final ClusterClient cluster;
  private final RunStore store;
  private final Jobs jobs;
  private final OutcomePolicy policy;
  private final ZoneId nodeZone;
  private final Duration interval;
  private final List<String> projects;
  private final PollScheduler scheduler;
  private final ScheduledThreadPoolExecutor ownedTimer;
  private final Object harvesting = new Object();
  /** Jobs known to be recorded, as of the last listing: spares a store lookup each harvest. */
  private Set<String> known = new HashSet<>();
  private volatile boolean started;
  private volatile boolean closed;

  private HistoryHarvester(Builder b) {
    this.cluster = b.cluster;
    this.store = b.store;
    this.jobs = b.jobs != null ? b.jobs : b.cluster.jobs();
    this.policy = b.policy;
    this.nodeZone = b.nodeZone;
    this.interval = b.interval;
    this.projects = List.copyOf(b.projects);
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownedTimer = null;
    } else {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "scrapyd4j-harvester");
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
      this.ownedTimer = timer;
      this.scheduler = PollScheduler.of(timer);
    }
  }

  /**
   * Starts building a harvester.
   *
   * @param cluster the cluster whose jobs to keep
   * @param store where to record them
   * @return a builder
   */
  public static Builder builder(ClusterClient cluster, RunStore store) {
    return new Builder(Checks.notNull("cluster", cluster), Checks.notNull("store", store));
  }

  /**
   * Harvests now, then every {@linkplain Builder#interval interval}, until {@link #close()}.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    if (closed || started) {
      throw new IllegalStateException(
          "the harvester is " + (closed ? "closed" : "already started"));
    }
    started = true;
    scheduler.schedule(Duration.ZERO, this::periodic);
  }

  private void periodic() {
    if (closed) {
      return;
    }
    try {
      harvestOnce();
    } catch (RuntimeException e) {
      LOG.warn("history harvest failed: {}", Redaction.uri(String.valueOf(e.getMessage())));
    }
    if (!closed) {
      scheduler.schedule(interval, this::periodic);
    }
  }

  /**
   * Lists the cluster's finished jobs once and records those not yet in the store.
   *
   * @return how many jobs were recorded
   */
  public int harvestOnce() {
    synchronized (harvesting) {
      List<NodeJob> finished = new ArrayList<>();
      if (projects.isEmpty()) {
        list(cluster.allJobs(), finished);
      } else {
        for (String project : projects) {
          list(cluster.allJobs(project), finished);
        }
      }
      Set<String> listed = new HashSet<>();
      int recorded = 0;
      for (NodeJob nodeJob : finished) {
        if (closed) {
          break;
        }
        JobRef ref = nodeJob.ref();
        String key = nodeJob.nodeId() + "\n" + ref.project() + "\n" + ref.jobId();
        if (known.contains(key)
            || store.findByJob(nodeJob.nodeId(), ref.project(), ref.jobId()).isPresent()) {
          listed.add(key);
          continue;
        }
        Optional<TaskRun> run = read(nodeJob);
        if (run.isPresent()) {
          store.save(run.get());
          listed.add(key);
          recorded++;
        }
      }
      known = listed;
      if (recorded > 0) {
        LOG.debug("history harvest recorded {} finished job(s)", recorded);
      }
      return recorded;
    }
  }

  private static void list(ClusterJobs all, List<NodeJob> into) {
    all.failures().forEach((node, e) -> LOG.warn("history harvest: node {} could not be listed,"
        + " tried again next time: {}", node, Redaction.uri(String.valueOf(e.getMessage()))));
    into.addAll(all.inState(JobState.FINISHED));
  }

  /** The run of a finished job, or empty to try again next time. */
  private Optional<TaskRun> read(NodeJob nodeJob) {
    JobRef ref = nodeJob.ref();
    FinishedJob listed = (FinishedJob) nodeJob.job();
    TaskRun.Builder run = TaskRun.builder()
        .status(RunStatus.FINISHED)
        .project(ref.project())
        .spider(ref.spider())
        .node(nodeJob.nodeId())
        .jobId(ref.jobId());
    Instant start = listed.startTime().atZone(nodeZone).toInstant();
    Instant end = listed.endTime().atZone(nodeZone).toInstant();
    try {
      LogSummary summary = jobs.logs().summarize(ref);
      JobOutcome outcome =
          policy.classify(summary, Optional.of(ref), Optional.of(JobState.FINISHED));
      Optional<ScrapyStats> stats = outcome.stats();
      run.verdict(outcome.verdict())
          .reasons(outcome.reasons())
          .stats(stats)
          .itemsCount(stats.map(s -> OptionalLong.of(s.itemsScraped()))
              .orElse(OptionalLong.empty()))
          .startedAt(stats.flatMap(ScrapyStats::startTime).orElse(start))
          .finishedAt(stats.flatMap(ScrapyStats::finishTime).orElse(end));
    } catch (LogNotFoundException e) {
      run.startedAt(start).finishedAt(end)
          .error("the node does not serve the job's log, so its verdict is unknown");
    } catch (ScrapydException e) {
      LOG.warn("history harvest: the log of job {} on {} could not be read, tried again next"
          + " time: {}", ref.jobId(), nodeJob.nodeId(),
          Redaction.uri(String.valueOf(e.getMessage())));
      return Optional.empty();
    }
    return Optional.of(run.build());
  }

  /** Stops harvesting (a harvest under way ends after its current job) and releases the timer. */
  @Override
  public void close() {
    closed = true;
    if (ownedTimer != null) {
      ownedTimer.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "HistoryHarvester{every " + interval + ", " + cluster + "}";
  }

  /** Builds a {@link HistoryHarvester}. */
  public static final class Builder {
    private final ClusterClient cluster;
    private final RunStore store;
    private Jobs jobs;
    private OutcomePolicy policy = OutcomePolicy.defaults();
    private ZoneId nodeZone = ZoneOffset.UTC;
    private Duration interval = Duration.ofMinutes(1);
    private final List<String> projects = new ArrayList<>();
    private PollScheduler scheduler;

    private Builder(ClusterClient cluster, RunStore store) {
      this.cluster = cluster;
      this.store = store;
    }

    /**
     * How often {@link HistoryHarvester#start()} harvests. Default: 1 minute.
     *
     * @param interval the interval, positive
     * @return this builder
     */
    public Builder interval(Duration interval) {
      this.interval = Checks.positive("interval", interval);
      return this;
    }

    /**
     * Lists only these projects, one {@code listjobs.json?project=...} per project and node (what
     * Scrapyd 1.2 needs; 1.3 and later list every project at once). Default: every project.
     *
     * @param projects the projects
     * @return this builder
     */
    public Builder projects(List<String> projects) {
      Checks.notNull("projects", projects);
      for (String p : projects) {
        this.projects.add(Checks.project(p));
      }
      return this;
    }

    /**
     * The time zone of the nodes' clocks, for the start and end times {@code listjobs.json}
     * gives without a zone (used when the log has no stats). Default: UTC.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder nodeZone(ZoneId zone) {
      this.nodeZone = Checks.notNull("zone", zone);
      return this;
    }

    /**
     * What counts as a success. Default: {@link OutcomePolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder outcomePolicy(OutcomePolicy policy) {
      this.policy = Checks.notNull("policy", policy);
      return this;
    }

    /**
     * The jobs view logs are read with. Default: {@code cluster.jobs()}.
     *
     * @param jobs the jobs view of the same cluster
     * @return this builder
     */
    public Builder jobs(Jobs jobs) {
      this.jobs = Checks.notNull("jobs", jobs);
      return this;
    }

    /**
     * What runs the periodic harvests. Default: one daemon thread of the harvester's.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(PollScheduler scheduler) {
      this.scheduler = Checks.notNull("scheduler", scheduler);
      return this;
    }

    /**
     * Builds.
     *
     * @return the harvester
     */
    public HistoryHarvester build() {
      return new HistoryHarvester(this);
    }
  }
}
