package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydScheduleOutcomeUnknownException;
import io.github.scrapyd4j.alerts.Alert;
import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.alerts.AlertSink;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterJobs;
import io.github.scrapyd4j.cluster.NodeJob;
import io.github.scrapyd4j.cluster.NodeSelector;
import io.github.scrapyd4j.cluster.ScheduleOutcomeUnknownException;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.JobVanishedException;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.jobs.LogNotFoundException;
import io.github.scrapyd4j.jobs.OutcomePolicy;
import io.github.scrapyd4j.jobs.PollScheduler;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.Signal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires {@link CrawlTask}s on their {@link Trigger}s and runs each fire to its verdict on one
 * Scrapyd node or a cluster, recording every run in a {@link RunStore} and sending alerts to an
 * {@link AlertSink}.
 *
 * <pre>{@code
 * try (ClusterClient cluster = ClusterClient.builder()
 *         .node(Node.builder().id("eu-1").baseUri("http://eu-1:6800").addTag("eu").build())
 *         .node(Node.builder().id("eu-2").baseUri("http://eu-2:6800").addTag("eu").build())
 *         .build();
 *     TaskScheduler scheduler = TaskScheduler.builder()
 *         .cluster(cluster)                         // or .client(scrapydClient) for one node
 *         .store(new InMemoryRunStore())            // the default; a JDBC store to share and keep
 *         .alertSink(alert -> log.warn("{}: {}", alert.title(), alert.text()))
 *         .instanceId("scheduler-1")                // stable: a restart resumes its runs
 *         .task(CrawlTask.builder()
 *             .id("nightly-products").project("shop").spider("products")
 *             .trigger(Trigger.cron("30 2 * * *", ZoneId.of("Europe/Paris")))
 *             .target(Target.tagged("eu"))
 *             .timeLimit(Duration.ofHours(2))
 *             .build())
 *         .build()) {
 *   scheduler.start();
 *   // ... until the application stops; close() stops firing, running crawls go on
 * }
 * }</pre>
 *
 * <p><b>A fire, step by step.</b> When a fire time comes, the scheduler checks the task's {@link
 * OverlapPolicy} against the task's unfinished runs in the store; then it <em>claims</em> the fire
 * in the store ({@link RunStore#claim}: task id, fire time, attempt) with the job id the run will
 * have, and schedules the crawl only if the claim was its own: with a shared JDBC store, several
 * instances never run one fire twice. It then follows the job ({@link Jobs#awaitAsync}, which polls
 * without holding a thread) to its verdict, cancels it at its time limit (then KILLs it), records
 * the final run with its verdict, reasons, stats and item count, and re-runs it when the task asks
 * for it after {@code FAILED} or {@code CRASHED}. A schedule whose outcome is unknown (the request
 * may have reached the node) is recorded as {@link RunStatus#OUTCOME_UNKNOWN} and never retried.
 *
 * <p><b>Alerts</b> ({@link AlertKind}): {@code RUN_FAILED} and {@code RUN_CRASHED} for a final
 * verdict (also for a run lost from its node, as {@code RUN_CRASHED}), {@code SCHEDULE_FAILED}
 * when a run could not be scheduled or its outcome is unknown, {@code TASK_SKIPPED} for a fire
 * skipped for overlap or missed. They carry task, job, node, fire time and reasons, never the
 * task's arguments or settings (they may hold secrets).
 *
 * <p><b>Restarts and misfires.</b> On {@link #start()} the scheduler follows again the unfinished
 * runs this instance id left in the store (a run still {@code CLAIMED} is looked up by its job id:
 * found, it is followed; on no node, it failed to schedule; when some node cannot be asked, its
 * outcome is unknown), and each task resumes after its latest recorded fire time. Fire times
 * missed by more than the misfire grace (while nothing ran, or the scheduler was late) are handled
 * by the task's {@link MisfirePolicy}: skipped (one {@code SKIPPED} run records them) or run once.
 *
 * <p><b>Threads.</b> One timer thread and at most {@link Builder#maxThreads} worker threads,
 * whatever the number of tasks: a fire's blocking calls (store, {@code schedule.json}, {@code
 * cancel.json}) run on the workers; waiting for jobs holds no thread. Listeners and alert sinks are
 * called on the workers. Tests give their own {@link Builder#timer} and {@link Builder#executor}
 * with a virtual {@link Builder#clock}.
 *
 * <p><b>Closing.</b> {@link #close()} stops firing and stops following jobs: running crawls go on
 * (unless {@link Builder#cancelRunningOnClose}), and their runs stay unfinished in the store for
 * the next start to follow. It does not close the client, the cluster or the store it was given.
 */
public final class TaskScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);
  /** The longest the timer sleeps between two looks at the clock. */
  private static final Duration MAX_SLEEP = Duration.ofMinutes(1);
  /** A claimed run of another instance older than this no longer counts as running. */
  private static final Duration STALE_CLAIM = Duration.ofMinutes(10);
  private static final int MAX_COUNTED_MISFIRES = 10_000;

  private final ClusterClient cluster;
  private final ScrapydClient client;
  private final String singleNodeId;
  private final Jobs jobs;
  private final RunStore store;
  private final AlertSink alerts;
  private final Clock clock;
  private final String instanceId;
  private final PollScheduler timer;
  private final Executor executor;
  private final ExecutorService ownedPool;
  private final ScheduledExecutorService ownedTimer;
  private final Duration misfireGrace;
  private final Duration lostAfter;
  private final Duration retryWaitAfter;
  private final List<RunListener> listeners;
  private final boolean cancelRunningOnClose;

  private final Object lock = new Object();
  private final Map<String, TaskState> tasks = new LinkedHashMap<>();
  private final Map<RunKey, ActiveRun> active = new HashMap<>();
  private final PriorityQueue<Due> queue = new PriorityQueue<>();
  private long armedGeneration;
  private Instant armedAt;
  private long dueSequence;
  private boolean started;
  private volatile boolean closed;

  private TaskScheduler(Builder b) {
    this.cluster = b.cluster;
    this.client = b.client;
    this.singleNodeId = client == null ? null : nodeIdOf(client);
    this.store = b.store != null ? b.store : new InMemoryRunStore();
    this.alerts = b.alertSink;
    this.clock = b.clock;
    this.instanceId = b.instanceId != null ? b.instanceId : defaultInstanceId();
    this.misfireGrace = b.misfireGrace;
    this.lostAfter = b.lostAfter;
    this.retryWaitAfter = b.polling.maxInterval();
    this.listeners = List.copyOf(b.listeners);
    this.cancelRunningOnClose = b.cancelRunningOnClose;
    if (b.timer != null) {
      this.timer = b.timer;
      this.ownedTimer = null;
    } else {
      this.ownedTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scrapyd4j-tasks-timer");
        t.setDaemon(true);
        return t;
      });
      this.timer = PollScheduler.of(ownedTimer);
    }
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownedPool = null;
    } else {
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(b.maxThreads, b.maxThreads, 60,
          TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "scrapyd4j-tasks-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      this.ownedPool = pool;
      this.executor = pool;
    }
    Jobs.Builder jb = cluster != null
        ? Jobs.builderOfNodes(cluster::client) : Jobs.builder(client);
    jb.polling(b.polling).clock(clock).outcomePolicy(b.outcomePolicy);
    if (b.timer != null) {
      jb.scheduler(b.timer);
    }
    this.jobs = jb.build();
    for (CrawlTask task : b.tasks.values()) {
      tasks.put(task.id(), new TaskState(task, 0));
    }
  }

  /**
   * Starts building a scheduler.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ public API

  /**
   * Starts firing: follows again this instance's unfinished runs, plans every task from its
   * latest recorded fire time (applying its misfire policy to what was missed), and arms the
   * timer. Reads the store on the calling thread.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    List<TaskState> planned;
    synchronized (lock) {
      checkOpen();
      if (started) {
        throw new IllegalStateException("the TaskScheduler was already started");
      }
      started = true;
      planned = new ArrayList<>(tasks.values());
    }
    LOG.info("task scheduler {} starting with {} task(s)", instanceId, planned.size());
    for (TaskRun run : store.unfinished()) {
      if (run.instanceId().filter(instanceId::equals).isPresent() && run.taskId().isPresent()) {
        execute(() -> resume(run));
      }
    }
    for (TaskState state : planned) {
      plan(state);
    }
    arm();
  }

  /**
   * Adds a task; once started, it is planned at once.
   *
   * @param task the task
   * @throws IllegalArgumentException if a task with its id is already there
   */
  public void add(CrawlTask task) {
    Checks.notNull("task", task);
    TaskState state;
    synchronized (lock) {
      checkOpen();
      if (tasks.containsKey(task.id())) {
        throw new IllegalArgumentException("task id " + task.id() + " is already scheduled;"
            + " remove it first");
      }
      state = new TaskState(task, ++dueSequence);
      tasks.put(task.id(), state);
      if (!started) {
        return;
      }
    }
    plan(state);
    arm();
  }

  /**
   * Removes a task: it fires no more. Its runs going on are still followed to their verdict.
   *
   * @param taskId the task id
   * @return true if there was such a task
   */
  public boolean remove(String taskId) {
    Checks.notNull("taskId", taskId);
    synchronized (lock) {
      return tasks.remove(taskId) != null;
    }
  }

  /**
   * The tasks, in the order added.
   *
   * @return the tasks
   */
  public List<CrawlTask> tasks() {
    synchronized (lock) {
      List<CrawlTask> out = new ArrayList<>();
      for (TaskState state : tasks.values()) {
        out.add(state.task);
      }
      return out;
    }
  }

  /**
   * When a task fires next.
   *
   * @param taskId the task id
   * @return the next fire time; empty for an unknown task, before {@link #start()}, for a one-shot
   *     that fired, or for a fixed-delay task whose run is going on
   */
  public Optional<Instant> nextFireTime(String taskId) {
    synchronized (lock) {
      TaskState state = tasks.get(taskId);
      return state == null ? Optional.empty() : Optional.ofNullable(state.next);
    }
  }

  /**
   * The runs this instance follows now (scheduled, not finished), as last recorded.
   *
   * @return the runs
   */
  public List<TaskRun> activeRuns() {
    synchronized (lock) {
      List<TaskRun> out = new ArrayList<>();
      for (ActiveRun run : active.values()) {
        out.add(run.run);
      }
      return out;
    }
  }

  /**
   * The store the runs are recorded in.
   *
   * @return the store
   */
  public RunStore store() {
    return store;
  }

  /**
   * The jobs of the node or cluster, as the scheduler follows them (same polling and clock):
   * for monitors attached through a {@link RunListener}.
   *
   * @return the jobs
   */
  public Jobs jobs() {
    return jobs;
  }

  /**
   * This instance's id, as recorded in {@link TaskRun#instanceId()}.
   *
   * @return the instance id
   */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Stops firing and stops following jobs; cancels the running ones only when built with {@link
   * Builder#cancelRunningOnClose}. Fires being scheduled right now finish scheduling (the owned
   * worker threads get up to 10 seconds). Their runs stay unfinished in the store, for the next
   * start with the same instance id. Does not close the client, cluster or store it was given.
   */
  @Override
  public void close() {
    List<ActiveRun> running;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      running = new ArrayList<>(active.values());
    }
    LOG.info("task scheduler {} closing; {} run(s) going on{}", instanceId, running.size(),
        cancelRunningOnClose ? " are cancelled" : " are left running");
    for (ActiveRun run : running) {
      if (run.wait != null) {
        run.wait.cancel(true);
      }
      if (cancelRunningOnClose) {
        cancelJob(run, run.task.cancelSignal().orElse(null), "the scheduler closed");
      }
    }
    if (ownedPool != null) {
      ownedPool.shutdown();
      try {
        if (!ownedPool.awaitTermination(10, TimeUnit.SECONDS)) {
          ownedPool.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedPool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (ownedTimer != null) {
      ownedTimer.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "TaskScheduler{instance=" + instanceId + ", tasks=" + tasks().size() + ", store="
        + store + "}";
  }

  // ------------------------------------------------------------------ planning and the timer

  /** Computes a task's next fire from the store; fixed-delay tasks from their last run's end. */
  private void plan(TaskState state) {
    CrawlTask task = state.task;
    Instant now = clock.instant();
    Optional<Instant> next;
    try {
      if (task.trigger().kind() == Trigger.Kind.FIXED_DELAY) {
        List<TaskRun> last = store.history(Optional.of(task.id()), 1);
        if (last.isEmpty()) {
          next = task.trigger().next(now);
        } else if (!last.get(0).status().isDone()) {
          next = Optional.empty(); // its end plans the next fire (when this instance follows it)
          if (!last.get(0).instanceId().filter(instanceId::equals).isPresent()) {
            next = task.trigger().next(now);
          }
        } else {
          TaskRun run = last.get(0);
          next = task.trigger().next(run.finishedAt().orElse(run.fireTime().get()));
        }
      } else {
        Optional<Instant> last = store.lastFireTime(task.id());
        Instant from = last.orElse(task.trigger().kind() == Trigger.Kind.ONCE ? Instant.MIN : now);
        next = task.trigger().next(from);
      }
    } catch (RuntimeException e) {
      LOG.error("task {}: the run store could not be read ({}); retrying in {}", task.id(),
          e.toString(), MAX_SLEEP);
      next = Optional.of(now.plus(MAX_SLEEP));
      state.replanOnly = true;
    }
    enqueue(state, next.orElse(null));
  }

  private void enqueue(TaskState state, Instant at) {
    synchronized (lock) {
      if (tasks.get(state.task.id()) != state || closed) {
        return;
      }
      state.next = at;
      if (at != null) {
        queue.add(new Due(at, state, ++dueSequence));
      }
    }
  }

  /** Makes the timer wake up for the earliest fire (at most {@link #MAX_SLEEP} from now). */
  private void arm() {
    long generation;
    Duration delay;
    synchronized (lock) {
      if (closed || !started) {
        return;
      }
      Instant now = clock.instant();
      Due head = queue.peek();
      Instant wake = head == null || head.at.isAfter(now.plus(MAX_SLEEP))
          ? now.plus(MAX_SLEEP) : head.at;
      if (armedAt != null && !armedAt.isAfter(wake)) {
        return;
      }
      armedAt = wake;
      generation = ++armedGeneration;
      delay = Duration.between(now, wake);
      if (delay.isNegative()) {
        delay = Duration.ZERO;
      }
    }
    timer.schedule(delay, () -> tick(generation));
  }

  private void tick(long generation) {
    List<Due> due = new ArrayList<>();
    synchronized (lock) {
      if (closed || generation != armedGeneration) {
        return;
      }
      armedAt = null;
      Instant now = clock.instant();
      while (!queue.isEmpty() && !queue.peek().at.isAfter(now)) {
        due.add(queue.poll());
      }
    }
    for (Due d : due) {
      try {
        handleDue(d);
      } catch (RuntimeException e) {
        LOG.error("task {}: fire at {} failed: {}", d.state.task.id(), d.at, e.toString(), e);
      }
    }
    arm();
  }

  /** A fire time came: fire it, or apply the misfire policy; plan the next one. */
  private void handleDue(Due due) {
    TaskState state = due.state;
    synchronized (lock) {
      if (tasks.get(state.task.id()) != state || closed || !Objects.equals(state.next, due.at)) {
        return;
      }
      state.next = null;
    }
    if (state.replanOnly) {
      state.replanOnly = false;
      plan(state);
      return;
    }
    CrawlTask task = state.task;
    Trigger trigger = task.trigger();
    boolean fixedDelay = trigger.kind() == Trigger.Kind.FIXED_DELAY;
    Instant now = clock.instant();
    Instant cutoff = now.minus(misfireGrace);
    if (!due.at.isBefore(cutoff)) {
      if (!fixedDelay) {
        enqueue(state, trigger.next(due.at).orElse(null));
      }
      execute(() -> fire(task, due.at, 0, List.of()));
      return;
    }
    // missed: find the latest fire time before the cutoff
    Instant latest = due.at;
    long missed = 1;
    if (!fixedDelay) {
      Optional<Instant> n = trigger.next(latest);
      while (n.isPresent() && n.get().isBefore(cutoff) && missed < MAX_COUNTED_MISFIRES) {
        latest = n.get();
        missed++;
        n = trigger.next(latest);
      }
      if (n.isPresent() && n.get().isBefore(cutoff)) {
        latest = latestBefore(trigger, latest, cutoff);
        missed = -1;
      }
    }
    String count = missed < 0 ? "more than " + MAX_COUNTED_MISFIRES + " fire times"
        : missed == 1 ? "fire time " + latest : missed + " fire times up to " + latest;
    String why = "missed " + count + " by more than the misfire grace of " + misfireGrace
        + " (no scheduler was running, or it was late)";
    Optional<Instant> onTime = fixedDelay ? Optional.empty() : trigger.next(latest);
    boolean onTimeDue = onTime.isPresent() && !onTime.get().isAfter(now);
    if (!fixedDelay) {
      enqueue(state, onTime.orElse(null));
    }
    Instant fireTime = latest;
    if (task.misfire() == MisfirePolicy.RUN_ONCE && !onTimeDue) {
      execute(() -> fire(task, fireTime, 0, List.of(why + "; run once now (RUN_ONCE)")));
    } else if (task.misfire() == MisfirePolicy.SKIP) {
      execute(() -> skip(task, fireTime, why, null));
    } else {
      LOG.info("task {}: {}; the fire at {} is run instead", task.id(), why, onTime.get());
    }
  }

  /** The latest fire time before the cutoff, when there are too many to count. */
  private static Instant latestBefore(Trigger trigger, Instant known, Instant cutoff) {
    for (Duration window : List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1),
        Duration.ofDays(31), Duration.ofDays(366))) {
      Instant from = cutoff.minus(window);
      if (from.isBefore(known)) {
        break;
      }
      Instant last = null;
      Optional<Instant> n = trigger.next(from);
      for (int i = 0; n.isPresent() && n.get().isBefore(cutoff) && i < MAX_COUNTED_MISFIRES; i++) {
        last = n.get();
        n = trigger.next(last);
      }
      if (last != null && (n.isEmpty() || !n.get().isBefore(cutoff))) {
        return last;
      }
    }
    return known;
  }

  // ------------------------------------------------------------------ one fire

  private TaskRun.Builder base(CrawlTask task, Instant fireTime, int attempt) {
    return TaskRun.builder()
        .taskId(task.id())
        .fireTime(fireTime)
        .attempt(attempt)
        .instanceId(instanceId)
        .project(task.project())
        .spider(task.spider());
  }

  private void skip(CrawlTask task, Instant fireTime, String why, TaskRun previous) {
    TaskRun skipped = base(task, fireTime, 0)
        .status(RunStatus.SKIPPED)
        .finishedAt(clock.instant())
        .addReasons(why)
        .build();
    boolean mine;
    try {
      mine = store.claim(skipped);
    } catch (RuntimeException e) {
      LOG.error("task {}: could not record the skipped fire at {}: {}", task.id(), fireTime,
          e.toString());
      return;
    }
    if (!mine) {
      LOG.debug("task {}: fire at {} was claimed by another instance", task.id(), fireTime);
      planAfterRun(task, null);
      return;
    }
    LOG.info("task {}: fire at {} skipped: {}", task.id(), fireTime, why);
    Alert.Builder alert = alert(AlertKind.TASK_SKIPPED, task, skipped,
        "task " + task.id() + ": fire at " + fireTime + " skipped", why);
    if (previous != null) {
      previous.jobId().ifPresent(id -> alert.putField("previousJobId", id));
      previous.node().ifPresent(n -> alert.putField("previousNode", n));
    }
    send(alert.build());
    notifyFinished(task, skipped);
    planAfterRun(task, skipped);
  }

  /** Runs one fire: overlap check, claim, schedule, follow. On a worker thread. */
  private void fire(CrawlTask task, Instant fireTime, int attempt, List<String> reasons) {
    if (closed) {
      return;
    }
    try {
      if (attempt == 0 && task.overlap() != OverlapPolicy.ALLOW) {
        List<TaskRun> previous = overlapping(task, fireTime);
        if (!previous.isEmpty()) {
          TaskRun first = previous.get(0);
          if (task.overlap() == OverlapPolicy.SKIP) {
            skip(task, fireTime, "the previous run (fire time " + first.fireTime().get()
                + first.jobId().map(j -> ", job " + j).orElse("")
                + first.node().map(n -> " on " + n).orElse("")
                + ") is still pending or running (overlap SKIP)", first);
            return;
          }
          for (TaskRun run : previous) {
            cancelPrevious(run, fireTime);
          }
        }
      }
      String jobId = UUID.randomUUID().toString().replace("-", "");
      TaskRun claimed = base(task, fireTime, attempt)
          .status(RunStatus.CLAIMED)
          .jobId(jobId)
          .reasons(reasons)
          .build();
      if (!store.claim(claimed)) {
        LOG.debug("task {}: fire at {} (attempt {}) was claimed by another instance", task.id(),
            fireTime, attempt);
        planAfterRun(task, null);
        return;
      }
      for (RunListener listener : listeners) {
        try {
          listener.claimed(task, claimed);
        } catch (RuntimeException e) {
          LOG.warn("run listener {} failed on claimed: {}", listener, e.toString());
        }
      }
      schedule(task, claimed);
    } catch (RuntimeException e) {
      LOG.error("task {}: fire at {} failed before scheduling: {}", task.id(), fireTime,
          e.toString(), e);
      send(Alert.builder()
          .kind(AlertKind.SCHEDULE_FAILED)
          .title("task " + task.id() + ": fire at " + fireTime + " not scheduled")
          .text("the run store or the scheduler failed: " + e.getMessage())
          .time(clock.instant())
          .taskId(task.id())
          .putField("fireTime", fireTime.toString())
          .build());
      planAfterRun(task, null);
    }
  }

  private void schedule(CrawlTask task, TaskRun claimed) {
    String jobId = claimed.jobId().get();
    JobRef job;
    try {
      if (cluster != null) {
        Optional<NodeSelector> selector = task.target().selector();
        job = (selector.isPresent()
            ? cluster.schedule(task.request(jobId), selector.get())
            : cluster.schedule(task.request(jobId))).job();
      } else {
        if (!task.target().isAnyNode() && !task.target().nodeId().equals(
            Optional.of(singleNodeId))) {
          throw new IllegalArgumentException("task " + task.id() + " targets "
              + task.target() + ", but this scheduler drives one node (" + singleNodeId
              + "): give it a cluster");
        }
        job = JobRef.of(client.schedule(task.request(jobId))).onNode(singleNodeId);
      }
    } catch (ScheduleOutcomeUnknownException | ScrapydScheduleOutcomeUnknownException e) {
      String node = e instanceof ScheduleOutcomeUnknownException
          ? ((ScheduleOutcomeUnknownException) e).nodeId() : singleNodeId;
      TaskRun unknown = TaskRun.builder().from(claimed)
          .status(RunStatus.OUTCOME_UNKNOWN)
          .node(Optional.ofNullable(node))
          .finishedAt(clock.instant())
          .error(e.getMessage())
          .addReasons("the schedule request may have reached node " + node + " (job id " + jobId
              + "); it is not retried, so the crawl cannot start twice")
          .build();
      finishWithoutJob(task, unknown, "outcome unknown");
      return;
    } catch (RuntimeException e) {
      TaskRun failed = TaskRun.builder().from(claimed)
          .status(RunStatus.FAILED_TO_SCHEDULE)
          .finishedAt(clock.instant())
          .error(String.valueOf(e.getMessage()))
          .build();
      finishWithoutJob(task, failed, "not scheduled");
      return;
    }
    TaskRun scheduled = TaskRun.builder().from(claimed)
        .status(RunStatus.SCHEDULED)
        .jobId(job.jobId())
        .node(job.node())
        .scheduledAt(clock.instant())
        .build();
    LOG.info("task {}: fire at {} (attempt {}) scheduled as job {} on {}", task.id(),
        claimed.fireTime().get(), claimed.attempt(), jobId, job.node().orElse("?"));
    try {
      store.save(scheduled);
    } catch (RuntimeException e) {
      LOG.error("task {}: job {} runs, but the run store could not record it: {}", task.id(),
          jobId, e.toString());
    }
    follow(task, scheduled, job);
  }

  private void finishWithoutJob(CrawlTask task, TaskRun run, String what) {
    LOG.warn("task {}: fire at {} {}: {}", task.id(), run.fireTime().get(), what,
        run.error().orElse(""));
    save(run);
    Alert.Builder alert = alert(AlertKind.SCHEDULE_FAILED, task, run,
        "task " + task.id() + ": run " + what + (run.node().isPresent()
            ? " on " + run.node().get() : ""),
        String.join("; ", concat(run.error().map(List::of).orElse(List.of()), run.reasons())));
    send(alert.build());
    notifyFinished(task, run);
    planAfterRun(task, run);
  }

  /** The unfinished runs of other fire times of the task that are still pending or running. */
  private List<TaskRun> overlapping(CrawlTask task, Instant fireTime) {
    List<TaskRun> out = new ArrayList<>();
    Instant now = clock.instant();
    for (TaskRun run : store.unfinished(task.id())) {
      if (run.fireTime().get().equals(fireTime)) {
        continue;
      }
      boolean followed;
      synchronized (lock) {
        followed = active.containsKey(RunKey.of(run));
      }
      if (followed) {
        out.add(run);
      } else if (run.status() == RunStatus.SCHEDULED && run.jobId().isPresent()
          && (cluster == null || run.node().isPresent())) {
        try {
          Optional<JobState> state = jobs.state(jobRef(run));
          if (state.isPresent() && state.get() != JobState.FINISHED) {
            out.add(run);
          }
        } catch (RuntimeException e) {
          out.add(run); // cannot tell: count it as running
        }
      } else if (run.status() == RunStatus.CLAIMED
          && Duration.between(run.fireTime().get(), now).compareTo(STALE_CLAIM) < 0) {
        out.add(run);
      }
    }
    return out;
  }

  private void cancelPrevious(TaskRun previous, Instant fireTime) {
    String why = "cancelled: the fire at " + fireTime + " replaces it (overlap CANCEL_PREVIOUS)";
    ActiveRun run;
    synchronized (lock) {
      run = active.get(RunKey.of(previous));
    }
    if (run != null) {
      cancelJob(run, run.task.cancelSignal().orElse(null), why);
    } else if (previous.jobId().isPresent()) {
      try {
        cancelOnNode(jobRef(previous), null);
      } catch (RuntimeException e) {
        LOG.warn("job {} could not be cancelled: {}", previous.jobId().get(), e.toString());
      }
    }
  }

  // ------------------------------------------------------------------ following a job

  private void follow(CrawlTask task, TaskRun run, JobRef job) {
    ActiveRun ar = new ActiveRun(task, run, job);
    synchronized (lock) {
      if (closed) {
        return; // stays SCHEDULED in the store: the next start follows it
      }
      active.put(RunKey.of(run), ar);
    }
    for (RunListener listener : listeners) {
      try {
        listener.scheduled(task, run, job);
      } catch (RuntimeException e) {
        LOG.warn("run listener {} failed on scheduled: {}", listener, e.toString());
      }
    }
    if (task.timeLimit().isPresent()) {
      Instant deadline = run.scheduledAt().orElse(clock.instant()).plus(task.timeLimit().get());
      Duration delay = Duration.between(clock.instant(), deadline);
      timer.schedule(delay.isNegative() ? Duration.ZERO : delay,
          () -> execute(() -> timeLimitReached(ar)));
    }
    await(ar);
  }

  private void await(ActiveRun ar) {
    if (closed || ar.done) {
      return;
    }
    CompletableFuture<JobOutcome> wait;
    try {
      wait = jobs.awaitAsync(ar.job);
    } catch (RuntimeException e) {
      wait = CompletableFuture.failedFuture(e);
    }
    ar.wait = wait;
    wait.whenComplete((outcome, error) -> execute(() -> {
      try {
        completed(ar, outcome, error);
      } catch (RuntimeException e) {
        LOG.error("task {}: the end of job {} could not be recorded: {}", ar.task.id(),
            ar.job.jobId(), e.toString(), e);
      }
    }));
  }

  private void completed(ActiveRun ar, JobOutcome outcome, Throwable error) {
    if (ar.done || closed) {
      return;
    }
    Throwable cause = unwrap(error);
    Instant now = clock.instant();
    TaskRun.Builder b = TaskRun.builder().from(ar.run).finishedAt(now).reasons(ar.reasons());
    if (outcome != null) {
      b.status(RunStatus.FINISHED).verdict(outcome.verdict()).addAllReasons(outcome.reasons());
      Optional<ScrapyStats> stats = outcome.stats();
      b.stats(stats);
      if (stats.isPresent()) {
        b.itemsCount(stats.get().itemsScraped());
        stats.get().startTime().filter(t -> !t.isAfter(now)).ifPresent(b::startedAt);
      }
    } else if (cause instanceof JobVanishedException) {
      b.status(RunStatus.LOST).error(cause.getMessage());
    } else if (cause instanceof LogNotFoundException) {
      b.status(RunStatus.FINISHED).error(cause.getMessage());
    } else if (cause instanceof CancellationException) {
      return;
    } else {
      if (ar.unreachableSince == null) {
        ar.unreachableSince = now;
      }
      if (Duration.between(ar.unreachableSince, now).compareTo(lostAfter) < 0) {
        LOG.warn("task {}: job {} could not be followed ({}); trying again in {}",
            ar.task.id(), ar.job.jobId(), cause, retryWaitAfter);
        timer.schedule(retryWaitAfter, () -> execute(() -> await(ar)));
        return;
      }
      b.status(RunStatus.LOST).error("its node could not be asked for " + lostAfter + ": "
          + cause.getMessage());
    }
    TaskRun done = b.build();
    synchronized (lock) {
      if (ar.done) {
        return;
      }
      ar.done = true;
      active.remove(RunKey.of(ar.run));
    }
    save(done);
    LOG.info("task {}: job {} {} {}", ar.task.id(), ar.job.jobId(), done.status(),
        done.verdict().map(Enum::name).orElse(""));
    Optional<JobOutcome.Verdict> verdict = done.verdict();
    boolean failed = verdict.filter(v -> v == JobOutcome.Verdict.FAILED
        || v == JobOutcome.Verdict.CRASHED).isPresent();
    if (failed || done.status() == RunStatus.LOST) {
      boolean crashed = done.status() == RunStatus.LOST
          || verdict.get() == JobOutcome.Verdict.CRASHED;
      String what = done.status() == RunStatus.LOST ? "lost" : verdict.get().name();
      send(alert(crashed ? AlertKind.RUN_CRASHED : AlertKind.RUN_FAILED, ar.task, done,
          "task " + ar.task.id() + ": run " + what + " on " + ar.job.node().orElse("?"),
          String.join("; ", concat(done.error().map(List::of).orElse(List.of()),
              done.reasons()))).build());
    }
    notifyFinished(ar.task, done);
    boolean rerun = failed && !ar.cancelledByScheduler
        && done.attempt() < ar.task.maxReruns() && isCurrent(ar.task);
    if (rerun) {
      int next = done.attempt() + 1;
      List<String> why = List.of("re-run " + next + " of " + ar.task.maxReruns() + " after "
          + verdict.get() + " (job " + ar.job.jobId() + ")");
      execute(() -> fire(ar.task, done.fireTime().get(), next, why));
    } else {
      planAfterRun(ar.task, done);
    }
  }

  private void timeLimitReached(ActiveRun ar) {
    if (ar.done || closed) {
      return;
    }
    Duration limit = ar.task.timeLimit().get();
    Optional<Signal> signal = ar.task.cancelSignal();
    cancelJob(ar, signal.orElse(null), "time limit of " + limit + " reached: cancelled"
        + signal.map(s -> " with " + s).orElse(""));
    Duration grace = ar.task.killAfter();
    timer.schedule(grace, () -> execute(() -> {
      if (!ar.done && !closed) {
        cancelJob(ar, Signal.KILL, "still going " + grace + " after the cancel: killed");
      }
    }));
  }

  private void cancelJob(ActiveRun ar, Signal signal, String why) {
    ar.cancelledByScheduler = true;
    synchronized (ar) {
      ar.extraReasons.add(why);
    }
    LOG.info("task {}: job {} {}", ar.task.id(), ar.job.jobId(), why);
    try {
      cancelOnNode(ar.job, signal);
    } catch (RuntimeException e) {
      LOG.warn("task {}: job {} could not be cancelled: {}", ar.task.id(), ar.job.jobId(),
          e.toString());
    }
  }

  private void cancelOnNode(JobRef job, Signal signal) {
    ScrapydClient node = cluster != null ? cluster.client(job.node().get()) : client;
    if (signal == null) {
      node.cancel(job.project(), job.jobId());
    } else {
      node.cancel(job.project(), job.jobId(), signal);
    }
  }

  // ------------------------------------------------------------------ resuming after a restart

  private void resume(TaskRun run) {
    CrawlTask task = taskFor(run);
    try {
      if (run.status() == RunStatus.SCHEDULED && run.jobId().isPresent()
          && (cluster == null || run.node().isPresent())) {
        LOG.info("task {}: following job {} again after a restart", task.id(), run.jobId().get());
        follow(task, run, jobRef(run));
        return;
      }
      if (run.status() != RunStatus.CLAIMED || run.jobId().isEmpty()) {
        return;
      }
      String jobId = run.jobId().get();
      String why = "this instance stopped between claiming the fire and scheduling job " + jobId;
      Optional<String> node;
      List<String> unasked = new ArrayList<>();
      if (cluster != null) {
        ClusterJobs all = cluster.allJobs(run.project());
        node = all.find(jobId).map(NodeJob::nodeId);
        unasked.addAll(all.failures().keySet());
      } else {
        node = jobs.state(JobRef.of(run.project(), run.spider(), jobId)).map(s -> singleNodeId);
      }
      if (node.isPresent()) {
        TaskRun scheduled = TaskRun.builder().from(run).status(RunStatus.SCHEDULED)
            .node(node.get()).scheduledAt(clock.instant()).build();
        save(scheduled);
        follow(task, scheduled, jobRef(scheduled));
      } else if (unasked.isEmpty()) {
        finishWithoutJob(task, TaskRun.builder().from(run).status(RunStatus.FAILED_TO_SCHEDULE)
            .finishedAt(clock.instant()).error(why + "; no node has the job").build(),
            "not scheduled");
      } else {
        finishWithoutJob(task, TaskRun.builder().from(run).status(RunStatus.OUTCOME_UNKNOWN)
            .finishedAt(clock.instant()).error(why + "; node(s) " + unasked
                + " could not be asked whether they have it").build(), "outcome unknown");
      }
    } catch (RuntimeException e) {
      LOG.error("task {}: unfinished run of fire {} could not be resumed: {}", task.id(),
          run.fireTime().orElse(null), e.toString());
    }
  }

  private CrawlTask taskFor(TaskRun run) {
    synchronized (lock) {
      TaskState state = tasks.get(run.taskId().get());
      if (state != null) {
        return state.task;
      }
    }
    // the task is no longer configured: follow its run with a stand-in (no limit, no re-run)
    return CrawlTask.builder()
        .id(run.taskId().get())
        .project(run.project())
        .spider(run.spider())
        .trigger(Trigger.once(run.fireTime().get()))
        .build();
  }

  // ------------------------------------------------------------------ helpers

  private JobRef jobRef(TaskRun run) {
    JobRef ref = JobRef.of(run.project(), run.spider(), run.jobId().get());
    String node = run.node().orElse(singleNodeId);
    return node == null ? ref : ref.onNode(node);
  }

  private boolean isCurrent(CrawlTask task) {
    synchronized (lock) {
      TaskState state = tasks.get(task.id());
      return state != null && state.task == task && !closed;
    }
  }

  /** A fixed-delay task plans its next fire when a run ends (null: it ends now). */
  private void planAfterRun(CrawlTask task, TaskRun run) {
    if (task.trigger().kind() != Trigger.Kind.FIXED_DELAY) {
      return;
    }
    TaskState state;
    synchronized (lock) {
      state = tasks.get(task.id());
      if (state == null || state.task != task || closed) {
        return;
      }
    }
    Instant end = run == null ? clock.instant() : run.finishedAt().orElse(clock.instant());
    enqueue(state, task.trigger().next(end).orElse(null));
    arm();
  }

  private void save(TaskRun run) {
    try {
      store.save(run);
    } catch (RuntimeException e) {
      LOG.error("task {}: the run store could not record run {} as {}: {}",
          run.taskId().orElse("?"), run.fireTime().orElse(null), run.status(), e.toString());
    }
  }

  private void notifyFinished(CrawlTask task, TaskRun run) {
    for (RunListener listener : listeners) {
      try {
        listener.finished(task, run);
      } catch (RuntimeException e) {
        LOG.warn("run listener {} failed on finished: {}", listener, e.toString());
      }
    }
  }

  private Alert.Builder alert(AlertKind kind, CrawlTask task, TaskRun run, String title,
      String text) {
    Alert.Builder b = Alert.builder()
        .kind(kind)
        .title(title)
        .text(text.isEmpty() ? title : text)
        .time(clock.instant())
        .taskId(task.id())
        .node(run.node())
        .putField("fireTime", run.fireTime().get().toString())
        .putField("attempt", Integer.toString(run.attempt()))
        .putField("status", run.status().name())
        .putField("project", run.project())
        .putField("spider", run.spider())
        .putField("instance", instanceId);
    run.verdict().ifPresent(v -> b.putField("verdict", v.name()));
    if (run.jobId().isPresent()) {
      b.putField("jobId", run.jobId().get());
      if (run.status() != RunStatus.CLAIMED && run.status() != RunStatus.FAILED_TO_SCHEDULE
          && run.status() != RunStatus.OUTCOME_UNKNOWN && run.node().isPresent()) {
        b.job(jobRef(run));
      }
    }
    return b;
  }

  private void send(Alert alert) {
    if (alerts == null) {
      return;
    }
    try {
      alerts.send(alert);
    } catch (RuntimeException e) {
      LOG.warn("alert '{}' could not be sent: {}", alert.title(), e.toString());
    }
  }

  private void execute(Runnable work) {
    try {
      executor.execute(work);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        LOG.error("task scheduler {}: work rejected by its executor: {}", instanceId, e.toString());
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the TaskScheduler is closed");
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String nodeIdOf(ScrapydClient client) {
    String host = client.baseUri().getHost();
    int port = client.baseUri().getPort();
    return (host == null ? "node" : host) + (port < 0 ? "" : ":" + port);
  }

  private static String defaultInstanceId() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }

  /** A task and its planning state. */
  private static final class TaskState {
    final CrawlTask task;
    final long version;
    Instant next;
    volatile boolean replanOnly;

    TaskState(CrawlTask task, long version) {
      this.task = task;
      this.version = version;
    }
  }

  /** A fire time in the timer's queue. */
  private static final class Due implements Comparable<Due> {
    final Instant at;
    final TaskState state;
    final long sequence;

    Due(Instant at, TaskState state, long sequence) {
      this.at = at;
      this.state = state;
      this.sequence = sequence;
    }

    @Override
    public int compareTo(Due other) {
      int c = at.compareTo(other.at);
      return c != 0 ? c : Long.compare(sequence, other.sequence);
    }
  }

  /** A run this instance follows. */
  private static final class ActiveRun {
    final CrawlTask task;
    final TaskRun run;
    final JobRef job;
    final List<String> extraReasons = new ArrayList<>();
    volatile CompletableFuture<JobOutcome> wait;
    volatile boolean done;
    volatile boolean cancelledByScheduler;
    volatile Instant unreachableSince;

    ActiveRun(CrawlTask task, TaskRun run, JobRef job) {
      this.task = task;
      this.run = run;
      this.job = job;
    }

    synchronized List<String> reasons() {
      List<String> out = new ArrayList<>(run.reasons());
      out.addAll(extraReasons);
      return out;
    }
  }

  /** Task id, fire time and attempt. */
  private static final class RunKey {
    final String taskId;
    final Instant fireTime;
    final int attempt;

    private RunKey(String taskId, Instant fireTime, int attempt) {
      this.taskId = taskId;
      this.fireTime = fireTime;
      this.attempt = attempt;
    }

    static RunKey of(TaskRun run) {
      return new RunKey(run.taskId().get(), run.fireTime().get(), run.attempt());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof RunKey && ((RunKey) other).taskId.equals(taskId)
          && ((RunKey) other).fireTime.equals(fireTime) && ((RunKey) other).attempt == attempt;
    }

    @Override
    public int hashCode() {
      return Objects.hash(taskId, fireTime, attempt);
    }
  }

  /** Builds a {@link TaskScheduler}. */
  public static final class Builder {
    private ClusterClient cluster;
    private ScrapydClient client;
    private RunStore store;
    private AlertSink alertSink;
    private Clock clock = Clock.systemUTC();
    private String instanceId;
    private int maxThreads = 4;
    private Executor executor;
    private PollScheduler timer;
    private Polling polling = Polling.defaults();
    private OutcomePolicy outcomePolicy = OutcomePolicy.defaults();
    private Duration misfireGrace = Duration.ofMinutes(1);
    private Duration lostAfter = Duration.ofMinutes(10);
    private final List<RunListener> listeners = new ArrayList<>();
    private final Map<String, CrawlTask> tasks = new LinkedHashMap<>();
    private boolean cancelRunningOnClose;

    private Builder() {}

    /**
     * Runs the tasks on a cluster (each task's {@link Target} picks the node). Give this or
     * {@link #client}.
     *
     * @param cluster the cluster; not closed by the scheduler
     * @return this builder
     */
    public Builder cluster(ClusterClient cluster) {
      this.cluster = Checks.notNull("cluster", cluster);
      return this;
    }

    /**
     * Runs the tasks on one node. Its node id, in the runs and alerts, is its {@code host:port}.
     * Give this or {@link #cluster}.
     *
     * @param client the node's client; not closed by the scheduler
     * @return this builder
     */
    public Builder client(ScrapydClient client) {
      this.client = Checks.notNull("client", client);
      return this;
    }

    /**
     * Where runs are recorded and fires claimed. Default: a new {@link InMemoryRunStore}.
     *
     * @param store the store; not closed by the scheduler
     * @return this builder
     */
    public Builder store(RunStore store) {
      this.store = Checks.notNull("store", store);
      return this;
    }

    /**
     * Where alerts go. Default: nowhere (runs are still logged).
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder alertSink(AlertSink sink) {
      this.alertSink = Checks.notNull("sink", sink);
      return this;
    }

    /**
     * The clock of fire times, time limits and waits. Default: the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * This instance's id, recorded in its runs: a restarted instance with the same id follows
     * the runs it left unfinished. Keep it stable, and distinct per instance sharing a store.
     * Default: the host name.
     *
     * @param instanceId the id
     * @return this builder
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = Checks.notBlank("instanceId", instanceId);
      return this;
    }

    /**
     * The most worker threads (store, schedule and cancel calls, listeners, alerts). Default: 4.
     *
     * @param max 1 to 64
     * @return this builder
     */
    public Builder maxThreads(int max) {
      if (max < 1 || max > 64) {
        throw new IllegalArgumentException("maxThreads must be 1 to 64, but was " + max);
      }
      this.maxThreads = max;
      return this;
    }

    /**
     * Runs the blocking work on this executor instead of an owned bounded pool (tests give
     * {@code Runnable::run}). The caller bounds and shuts it down.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Checks.notNull("executor", executor);
      return this;
    }

    /**
     * What wakes the scheduler for fires, time limits and the polls of its waits, instead of an
     * owned timer thread (tests give one on a virtual clock, with the same {@link #clock}).
     *
     * @param timer the timer
     * @return this builder
     */
    public Builder timer(PollScheduler timer) {
      this.timer = Checks.notNull("timer", timer);
      return this;
    }

    /**
     * How jobs are polled while a run is followed. Default: {@link Polling#defaults()}.
     *
     * @param polling the polling
     * @return this builder
     */
    public Builder polling(Polling polling) {
      this.polling = Checks.notNull("polling", polling);
      return this;
    }

    /**
     * What counts as a successful crawl. Default: {@link OutcomePolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder outcomePolicy(OutcomePolicy policy) {
      this.outcomePolicy = Checks.notNull("policy", policy);
      return this;
    }

    /**
     * How late a fire may be and still run as usual; later, it is missed and the task's {@link
     * MisfirePolicy} applies. Default: 1 minute.
     *
     * @param grace zero or more
     * @return this builder
     */
    public Builder misfireGrace(Duration grace) {
      Checks.notNull("grace", grace);
      if (grace.isNegative()) {
        throw new IllegalArgumentException("misfireGrace must not be negative, but was " + grace);
      }
      this.misfireGrace = grace;
      return this;
    }

    /**
     * How long a run's node may fail to answer before the run is recorded {@link
     * RunStatus#LOST}. Default: 10 minutes.
     *
     * @param duration positive
     * @return this builder
     */
    public Builder lostAfter(Duration duration) {
      this.lostAfter = Checks.positive("lostAfter", duration);
      return this;
    }

    /**
     * Adds a listener of the runs.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(RunListener listener) {
      listeners.add(Checks.notNull("listener", listener));
      return this;
    }

    /**
     * Adds a task.
     *
     * @param task the task
     * @return this builder
     * @throws IllegalArgumentException if a task with the same id was added
     */
    public Builder task(CrawlTask task) {
      Checks.notNull("task", task);
      if (tasks.putIfAbsent(task.id(), task) != null) {
        throw new IllegalArgumentException("task id " + task.id() + " is given twice");
      }
      return this;
    }

    /**
     * Adds tasks.
     *
     * @param tasks the tasks
     * @return this builder
     * @throws IllegalArgumentException if two tasks have the same id
     */
    public Builder tasks(Collection<CrawlTask> tasks) {
      Checks.notNull("tasks", tasks);
      tasks.forEach(this::task);
      return this;
    }

    /**
     * Whether {@link TaskScheduler#close()} cancels the jobs of the runs going on (with each
     * task's cancel signal). Default: false, they go on.
     *
     * @param cancel true to cancel
     * @return this builder
     */
    public Builder cancelRunningOnClose(boolean cancel) {
      this.cancelRunningOnClose = cancel;
      return this;
    }

    /**
     * Builds the scheduler; {@link TaskScheduler#start()} starts it.
     *
     * @return the scheduler
     * @throws IllegalArgumentException if neither or both of a cluster and a client were given,
     *     or a task targets a node or tags on a scheduler of one node
     */
    public TaskScheduler build() {
      if ((cluster == null) == (client == null)) {
        throw new IllegalArgumentException(
            "give a TaskScheduler either cluster(...) or client(...), exactly one");
      }
      if (client != null) {
        for (CrawlTask task : tasks.values()) {
          if (!task.target().tags().isEmpty()) {
            throw new IllegalArgumentException("task " + task.id() + " targets "
                + task.target() + ": tags need a cluster, this scheduler drives one node");
          }
        }
      }
      return new TaskScheduler(this);
    }
  }
}
