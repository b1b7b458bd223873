package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.jobs.internal.Futures;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the job listings of one or more nodes and tells {@link JobListener}s when jobs appear,
 * start, finish or disappear. Each poll is one {@code listjobs.json} request per node; nodes are
 * polled independently, so a slow or failing node delays no other, and a failing one is reported
 * to {@link JobListener#onNodeError} while the others carry on.
 *
 * <pre>{@code
 * try (JobWatcher watcher = JobWatcher.builder()
 *     .node("eu-1", euClient)
 *     .node("us-1", usClient)
 *     .pollInterval(Duration.ofSeconds(5))
 *     .listener(event -> System.out.println(event.nodeId() + ": " + event.type()
 *         + " " + event.job().spider() + " " + event.job().id()))
 *     .build()) {
 *   watcher.start();
 *   Thread.sleep(60_000);
 * }
 * }</pre>
 *
 * <p>Nodes are named by ids the caller chooses (a cluster passes its node ids and per-node
 * clients with {@link Builder#nodes(Map)}). The first successful poll of a node is its baseline:
 * jobs already listed then raise no event, unless {@link Builder#reportExisting(boolean)} asks for
 * an {@link JobEvent.Type#APPEARED} event each. Without a {@link Builder#project(String)} the
 * watcher lists all projects (Scrapyd 1.3 and later); Scrapyd 1.2 needs a project.
 *
 * <p>Listener calls never overlap. The watcher creates one daemon timer thread while started
 * (unless given a {@link Builder#scheduler(PollScheduler)}); it does not close the clients.
 */
public final class JobWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.jobs");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Map<String, Node> nodes;
  private final String project;
  private final Duration pollInterval;
  private final Duration maxErrorInterval;
  private final boolean reportExisting;
  private final PollScheduler givenScheduler;
  private final List<JobListener> listeners;
  private final Object delivery = new Object();

  private final Object lifecycle = new Object();
  private volatile int generation;
  private volatile boolean running;
  private ScheduledExecutorService ownedTimer;
  private PollScheduler scheduler;

  private JobWatcher(Builder builder) {
    Map<String, Node> n = new LinkedHashMap<>();
    builder.clients.forEach((id, client) -> n.put(id, new Node(id, client)));
    this.nodes = Collections.unmodifiableMap(n);
    this.project = builder.project;
    this.pollInterval = builder.pollInterval;
    this.maxErrorInterval = builder.maxErrorInterval;
    this.reportExisting = builder.reportExisting;
    this.givenScheduler = builder.scheduler;
    this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
  }

  /**
   * Starts building a watcher.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts polling every node now and then every {@link Builder#pollInterval(Duration)}. Does
   * nothing if already started.
   */
  public void start() {
    synchronized (lifecycle) {
      if (running) {
        return;
      }
      if (givenScheduler != null) {
        scheduler = givenScheduler;
      } else {
        ownedTimer = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "scrapyd4j-watcher-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
        scheduler = PollScheduler.of(ownedTimer);
      }
      running = true;
      int gen = ++generation;
      for (Node node : nodes.values()) {
        scheduler.schedule(Duration.ZERO, () -> loop(node, gen));
      }
    }
  }

  /**
   * Stops polling. Answers still on their way are dropped; no listener is called after this
   * returns (except a call already under way). The watcher can be started again; it then remembers
   * what it had seen.
   */
  public void stop() {
    synchronized (lifecycle) {
      if (!running) {
        return;
      }
      running = false;
      generation++;
      if (ownedTimer != null) {
        ownedTimer.shutdownNow();
        ownedTimer = null;
      }
    }
    synchronized (delivery) {
      // wait for a delivery under way to end
    }
  }

  /** Stops polling; see {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Whether the watcher is started.
   *
   * @return true between {@link #start()} and {@link #stop()}
   */
  public boolean isRunning() {
    return running;
  }

  /**
   * Polls every node once now, outside the schedule (also when not started), and tells the
   * listeners what changed. A node with a poll already under way is not asked twice.
   *
   * @return a future that completes when every node answered or failed (failures go to {@link
   *     JobListener#onNodeError}, not to this future)
   */
  public CompletableFuture<Void> pollNow() {
    int gen = generation;
    CompletableFuture<?>[] polls = nodes.values().stream()
        .map(node -> poll(node, gen, true))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(polls);
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   */
  public void addListener(JobListener listener) {
    listeners.add(Checks.notNull("listener", listener));
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener
   */
  public void removeListener(JobListener listener) {
    listeners.remove(listener);
  }

  /**
   * The node ids, in the order given.
   *
   * @return the node ids
   */
  public List<String> nodeIds() {
    return new ArrayList<>(nodes.keySet());
  }

  /**
   * The last listing each node answered with.
   *
   * @return node ids to listings; nodes not yet answered are absent
   */
  public Map<String, JobList> lastListings() {
    Map<String, JobList> out = new LinkedHashMap<>();
    synchronized (delivery) {
      nodes.forEach((id, node) -> {
        if (node.last != null) {
          out.put(id, node.last);
        }
      });
    }
    return Collections.unmodifiableMap(out);
  }

  private void loop(Node node, int gen) {
    if (gen != generation) {
      return;
    }
    poll(node, gen, false).whenComplete((ok, error) -> {
      if (gen != generation || !running) {
        return;
      }
      Duration delay;
      synchronized (delivery) {
        delay = node.failures == 0 ? pollInterval : errorDelay(node.failures);
      }
      PollScheduler s = scheduler;
      if (s != null) {
        s.schedule(delay, () -> loop(node, gen));
      }
    });
  }

  private Duration errorDelay(int failures) {
    Duration d = pollInterval;
    for (int i = 0; i < failures && d.compareTo(maxErrorInterval) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxErrorInterval) > 0 ? maxErrorInterval : d;
  }

  /** One listjobs request to the node, unless one is under way. Never fails. */
  private CompletableFuture<Void> poll(Node node, int gen, boolean manual) {
    CompletableFuture<Void> done;
    synchronized (node) {
      if (node.inFlight != null) {
        return node.inFlight;
      }
      done = new CompletableFuture<>();
      node.inFlight = done;
    }
    CompletableFuture<JobList> listing;
    try {
      listing = project == null ? node.client.async().listJobs() : node.client.async().listJobs(project);
    } catch (RuntimeException e) {
      listing = Futures.failed(e);
    }
    listing.whenComplete((list, error) -> {
      try {
        if (error != null) {
          failed(node, Futures.unwrap(error), gen, manual);
        } else {
          answered(node, list, gen, manual);
        }
      } finally {
        synchronized (node) {
          node.inFlight = null;
        }
        done.complete(null);
      }
    });
    return done;
  }

  private boolean current(int gen, boolean manual) {
    return manual || (gen == generation && running);
  }

  private void failed(Node node, Throwable error, int gen, boolean manual) {
    ScrapydException e = error instanceof ScrapydException
        ? (ScrapydException) error
        : new ScrapydException("listjobs.json on " + node.client.baseUri() + ": " + error,
            node.client.baseUri(), "listjobs.json", null, error);
    synchronized (delivery) {
      if (!current(gen, manual)) {
        return;
      }
      node.failures++;
      LOG.debug("watcher: node {} failed ({} in a row): {}", node.id, node.failures, e.getMessage());
      for (JobListener listener : listeners) {
        try {
          listener.onNodeError(node.id, e);
        } catch (RuntimeException thrown) {
          LOG.warn("a JobListener threw on a node error of {}", node.id, thrown);
        }
      }
    }
  }

  private void answered(Node node, JobList list, int gen, boolean manual) {
    synchronized (delivery) {
      if (!current(gen, manual)) {
        return;
      }
      boolean recovered = node.failures > 0;
      node.failures = 0;
      Map<String, Job> current = index(list);
      List<JobEvent> events = new ArrayList<>();
      boolean baseline = node.known == null;
      Map<String, Job> before = baseline ? Collections.emptyMap() : node.known;
      for (Map.Entry<String, Job> e : current.entrySet()) {
        Job job = e.getValue();
        Job prev = before.get(e.getKey());
        if (prev == null) {
          if (baseline) {
            if (reportExisting) {
              events.add(event(JobEvent.Type.APPEARED, node, job, null));
            }
            continue;
          }
          events.add(event(JobEvent.Type.APPEARED, node, job, null));
          if (job.state() != JobState.PENDING) {
            events.add(event(JobEvent.Type.STARTED, node, job, null));
          }
          if (job.state() == JobState.FINISHED) {
            events.add(event(JobEvent.Type.FINISHED, node, job, null));
          }
          continue;
        }
        transitions(node, prev, job, events);
      }
      for (Map.Entry<String, Job> e : before.entrySet()) {
        Job prev = e.getValue();
        if (!current.containsKey(e.getKey()) && prev.state() != JobState.FINISHED) {
          events.add(event(JobEvent.Type.DISAPPEARED, node, prev, prev.state()));
        }
      }
      node.known = current;
      node.last = list;
      if (recovered) {
        for (JobListener listener : listeners) {
          try {
            listener.onNodeRecovered(node.id);
          } catch (RuntimeException thrown) {
            LOG.warn("a JobListener threw on the recovery of {}", node.id, thrown);
          }
        }
      }
      for (JobEvent event : events) {
        for (JobListener listener : listeners) {
          try {
            listener.onEvent(event);
          } catch (RuntimeException thrown) {
            LOG.warn("a JobListener threw on {}", event, thrown);
          }
        }
      }
    }
  }

  private static void transitions(Node node, Job prev, Job job, List<JobEvent> events) {
    JobState was = prev.state();
    JobState now = job.state();
    if (was == now) {
      return;
    }
    if (was == JobState.PENDING) {
      events.add(event(JobEvent.Type.STARTED, node, job, was));
      if (now == JobState.FINISHED) {
        events.add(event(JobEvent.Type.FINISHED, node, job, was));
      }
    } else if (was == JobState.RUNNING && now == JobState.FINISHED) {
      events.add(event(JobEvent.Type.FINISHED, node, job, was));
    } else {
      // A finished job id listed as pending or running again: a new run under the same id.
      events.add(event(JobEvent.Type.APPEARED, node, job, was));
      if (now == JobState.RUNNING) {
        events.add(event(JobEvent.Type.STARTED, node, job, was));
      }
    }
  }

  private static JobEvent event(JobEvent.Type type, Node node, Job job, JobState previous) {
    return JobEvent.builder()
        .type(type)
        .nodeId(node.id)
        .job(job)
        .previousState(Optional.ofNullable(previous))
        .build();
  }

  /** Jobs by project and id; a job id listed twice (a rerun) counts in its most active state. */
  private static Map<String, Job> index(JobList list) {
    Map<String, Job> out = new LinkedHashMap<>();
    for (Job job : list.all()) {
      String key = job.project() + '\u0000' + job.id();
      Job seen = out.get(key);
      if (seen == null || rank(job.state()) > rank(seen.state())) {
        out.put(key, job);
      }
    }
    return out;
  }

  private static int rank(JobState state) {
    return state == JobState.RUNNING ? 2 : state == JobState.PENDING ? 1 : 0;
  }

  private static final class Node {
    final String id;
    final ScrapydClient client;
    Map<String, Job> known;
    JobList last;
    int failures;
    CompletableFuture<Void> inFlight;

    Node(String id, ScrapydClient client) {
      this.id = id;
      this.client = client;
    }
  }

  /** Builds a {@link JobWatcher}. */
  public static final class Builder {
    private final Map<String, ScrapydClient> clients = new LinkedHashMap<>();
    private final List<JobListener> listeners = new ArrayList<>();
    private String project;
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration maxErrorInterval = Duration.ofMinutes(1);
    private boolean reportExisting;
    private PollScheduler scheduler;

    private Builder() {}

    /**
     * Adds a node.
     *
     * @param nodeId the id events carry for it; unique in this watcher
     * @param client the node's client
     * @return this builder
     */
    public Builder node(String nodeId, ScrapydClient client) {
      Checks.notBlank("nodeId", nodeId);
      Checks.notNull("client", client);
      if (clients.containsKey(nodeId)) {
        throw new IllegalArgumentException("nodeId '" + nodeId + "' is given twice");
      }
      clients.put(nodeId, client);
      return this;
    }

    /**
     * Adds nodes, as a cluster names them.
     *
     * @param nodes node ids to clients
     * @return this builder
     */
    public Builder nodes(Map<String, ScrapydClient> nodes) {
      Checks.notNull("nodes", nodes);
      nodes.forEach(this::node);
      return this;
    }

    /**
     * Adds a single node, named after its base URI.
     *
     * @param client the node's client
     * @return this builder
     */
    public Builder client(ScrapydClient client) {
      Checks.notNull("client", client);
      return node(client.baseUri().toString(), client);
    }

    /**
     * Watches one project only (required by Scrapyd 1.2). Default: all projects.
     *
     * @param project the project name
     * @return this builder
     */
    public Builder project(String project) {
      this.project = Checks.project(project);
      return this;
    }

    /**
     * The time between two polls of a node. Default: 5 s (Scrapyd itself starts pending jobs
     * every 5 s by default).
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive("pollInterval", interval);
      return this;
    }

    /**
     * The longest time between two polls of a failing node; its interval doubles with each
     * failure up to this. Default: 1 minute.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder maxErrorInterval(Duration interval) {
      this.maxErrorInterval = positive("maxErrorInterval", interval);
      return this;
    }

    /**
     * Whether the first poll of a node reports the jobs it already lists, each as {@link
     * JobEvent.Type#APPEARED}. Default: false.
     *
     * @param report true to report them
     * @return this builder
     */
    public Builder reportExisting(boolean report) {
      this.reportExisting = report;
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(JobListener listener) {
      listeners.add(Checks.notNull("listener", listener));
      return this;
    }

    /**
     * What schedules the polls. Default: a daemon timer thread the watcher creates on start and
     * stops on stop.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(PollScheduler scheduler) {
      this.scheduler = Checks.notNull("scheduler", scheduler);
      return this;
    }

    /**
     * Builds the watcher, not yet started.
     *
     * @return the watcher
     * @throws IllegalStateException if no node was given
     */
    public JobWatcher build() {
      if (clients.isEmpty()) {
        throw new IllegalStateException("a JobWatcher needs at least one node: call node(...) or client(...)");
      }
      if (maxErrorInterval.compareTo(pollInterval) < 0) {
        throw new IllegalArgumentException("maxErrorInterval (" + maxErrorInterval
            + ") must not be shorter than pollInterval (" + pollInterval + ")");
      }
      return new JobWatcher(this);
    }

    private static Duration positive(String name, Duration value) {
      Checks.notNull(name, value);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
