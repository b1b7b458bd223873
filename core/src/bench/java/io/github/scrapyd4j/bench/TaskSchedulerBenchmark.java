package io.github.scrapyd4j.bench;

import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.tasks.CrawlTask;
import io.github.scrapyd4j.tasks.InMemoryRunStore;
import io.github.scrapyd4j.tasks.JdbcRunStore;
import io.github.scrapyd4j.tasks.RunListener;
import io.github.scrapyd4j.tasks.RunStore;
import io.github.scrapyd4j.tasks.TaskRun;
import io.github.scrapyd4j.tasks.Target;
import io.github.scrapyd4j.tasks.TaskScheduler;
import io.github.scrapyd4j.tasks.Trigger;
import io.github.scrapyd4j.testing.FinishingNodes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * 1,000 tasks with cron triggers (each every 30 seconds, spread over the 30 seconds: 33 fires a
 * second) over 50 simulated Scrapyd nodes whose jobs finish after a second, for a window of 30
 * seconds per iteration. The JMH score is only the window; the figures are printed per iteration
 * and, at the end, as medians over the iterations:
 *
 * <ul>
 *   <li><b>CPU per fire</b>: CPU time of the scheduler's side of the JVM (every thread but the
 *       simulated nodes' and this benchmark's own) over the window, divided by the fires; it
 *       holds the scheduler, the cluster client's HTTP calls and polling, and the store;
 *   <li><b>lateness</b>: from a fire time to Scrapyd accepting its job ({@code scheduledAt -
 *       fireTime}), median and 99th percentile;
 *   <li><b>threads</b>: the most threads alive at once (sampled every 50 ms) of the scheduler
 *       itself ({@code scrapydj-tasks*}) and of its whole side (cluster client, HTTP client,
 *       JDBC driver included), next to the number of tasks;
 *   <li><b>store writes per run</b>: {@code claim} and {@code save} calls over the runs recorded.
 * </ul>
 *
 * <p>The store is {@code memory} ({@link InMemoryRunStore}), {@code h2} (a {@link JdbcRunStore}
 * on an H2 file) or {@code postgres} (on the database of {@code SCRAPYD4J_TEST_POSTGRES_URL}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dlogback.configurationFile=logback-bench.xml"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class TaskSchedulerBenchmark {
  static final int TASKS = 1000;
  static final int NODES = 50;
  static final Duration WINDOW = Duration.ofSeconds(30);
  private static final Set<String> SIMULATOR_THREADS =
      Set.of("fake-scrapyd", "HTTP-Dispatcher", "server-timer", "idle-timeout");

  @Param({"memory", "h2"})
  public String store;

  /**
   * {@code pinned}: task {@code k} runs on node {@code k % 50} (the scheduler's own cost);
   * {@code placed}: on whichever node the cluster's placement picks (which asks the nodes).
   */
  @Param({"pinned"})
  public String target;

  private FinishingNodes nodes;
  private ClusterClient cluster;
  private Path dir;
  private Set<Long> baseline;
  private final List<Map<String, Double>> figures = new ArrayList<>();
  private int iteration;
  private boolean warmup;

  @Setup(Level.Iteration)
  public void iteration(IterationParams params) {
    warmup = params.getType() == IterationType.WARMUP;
  }

  @Setup(Level.Trial)
  public void start() throws Exception {
    // Threads alive before: JMH's and the JVM's own, not counted.
    baseline = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      baseline.add(t.getId());
    }
    nodes = new FinishingNodes(NODES, "shop", "products", Duration.ofSeconds(1),
        Duration.ofMillis(100));
    cluster = nodes.cluster();
    dir = Files.createTempDirectory("scheduler-bench");
  }

  @TearDown(Level.Trial)
  public void stop() {
    System.out.println();
    System.out.println("TaskSchedulerBenchmark (" + store + "), medians of "
        + figures.size() + " measured iterations: " + summary(median(figures)));
    cluster.close();
    nodes.close();
  }

  /** Counts the store calls that write. */
  static final class CountingStore implements RunStore {
    final RunStore delegate;
    final AtomicLong claims = new AtomicLong();
    final AtomicLong saves = new AtomicLong();

    CountingStore(RunStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean claim(TaskRun run) {
      claims.incrementAndGet();
      return delegate.claim(run);
    }

    @Override
    public void save(TaskRun run) {
      saves.incrementAndGet();
      delegate.save(run);
    }

    @Override
    public Optional<TaskRun> findByJob(String node, String project, String jobId) {
      return delegate.findByJob(node, project, jobId);
    }

    @Override
    public List<TaskRun> history(Optional<String> taskId, int limit) {
      return delegate.history(taskId, limit);
    }

    @Override
    public Optional<Instant> lastFireTime(String taskId) {
      return delegate.lastFireTime(taskId);
    }

    @Override
    public List<TaskRun> unfinished() {
      return delegate.unfinished();
    }

    @Override
    public List<TaskRun> unfinished(String taskId) {
      return delegate.unfinished(taskId);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private RunStore newStore() {
    switch (store) {
      case "memory":
        return new InMemoryRunStore(100_000);
      case "h2":
        return JdbcRunStore.builder()
            .url("jdbc:h2:file:" + dir.resolve("runs-" + iteration))
            .user("sa").password("").build();
      case "postgres":
        String url = System.getenv("SCRAPYD4J_TEST_POSTGRES_URL");
        if (url == null) {
          throw new IllegalStateException("store=postgres needs SCRAPYD4J_TEST_POSTGRES_URL");
        }
        return JdbcRunStore.builder().url(url).tablePrefix("bench" + iteration + "_")
            .build();
      default:
        throw new IllegalArgumentException("store must be memory, h2 or postgres: " + store);
    }
  }

  @Benchmark
  public Map<String, Double> thousandCronTasksOnFiftyNodes() throws Exception {
    iteration++;
    List<CrawlTask> tasks = new ArrayList<>();
    for (int k = 0; k < TASKS; k++) {
      CrawlTask.Builder task = CrawlTask.builder().id("task-" + k).project("shop")
          .spider("products").trigger(Trigger.cron((k % 30) + "/30 * * * * *", ZoneOffset.UTC));
      if (target.equals("pinned")) {
        task.target(Target.node("node-" + (k % NODES)));
      }
      tasks.add(task.build());
    }
    List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
    RunListener listener = new RunListener() {
      @Override
      public void scheduled(CrawlTask task, TaskRun run, JobRef job) {
        if (run.scheduledAt().isPresent() && run.fireTime().isPresent()) {
          lateness.add(Duration.between(run.fireTime().get(), run.scheduledAt().get())
              .toNanos());
        }
      }
    };
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    Map<Long, Long> cpuAtStart = new HashMap<>();
    Map<Long, Long> cpuLast = new ConcurrentHashMap<>();
    Map<Long, String> names = new ConcurrentHashMap<>();
    int maxThreads = 0;
    int maxOwnThreads = 0;
    Map<String, Double> f = new HashMap<>();
    try (CountingStore counting = new CountingStore(newStore())) {
      long schedulesBefore = nodes.schedules();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (counts(t, self)) {
          cpuAtStart.put(t.getId(), Math.max(0, mx.getThreadCpuTime(t.getId())));
        }
      }
      TaskScheduler scheduler = TaskScheduler.builder().cluster(cluster).store(counting)
          .instanceId("bench").listener(listener)
          .polling(Polling.builder().initialInterval(Duration.ofSeconds(1))
              .maxInterval(Duration.ofSeconds(2)).build())
          .tasks(tasks).build();
      long end = System.nanoTime() + WINDOW.toNanos();
      scheduler.start();
      while (System.nanoTime() < end) {
        int alive = 0;
        int own = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (counts(t, self) && t.getName().startsWith("scrapydj-tasks")) {
            own++;
          }
          if (counts(t, self)) {
            cpuLast.put(t.getId(), Math.max(0, mx.getThreadCpuTime(t.getId())));
            names.put(t.getId(), t.getName().replaceAll("[-#]?\\d+", ""));
            alive++;
          }
        }
        maxThreads = Math.max(maxThreads, alive);
        maxOwnThreads = Math.max(maxOwnThreads, own);
        Thread.sleep(50);
      }
      scheduler.close();
      long cpu = 0;
      Map<String, Long> byGroup = new java.util.TreeMap<>();
      for (Map.Entry<Long, Long> e : cpuLast.entrySet()) {
        long used = e.getValue() - cpuAtStart.getOrDefault(e.getKey(), 0L);
        cpu += used;
        byGroup.merge(names.getOrDefault(e.getKey(), "?"), used, Long::sum);
      }
      StringBuilder groups = new StringBuilder();
      byGroup.forEach((name, used) -> groups.append(String.format(Locale.ROOT, " %s=%.0fms",
          name, used / 1e6)));
      System.out.println();
      System.out.println("  CPU by thread:" + groups);
      List<TaskRun> runs = counting.history(Optional.empty(), 100_000);
      long fires = runs.size();
      f.put("fires", (double) fires);
      f.put("jobs", (double) (nodes.schedules() - schedulesBefore));
      f.put("cpuPerFireMicros", fires == 0 ? 0 : cpu / 1000.0 / fires);
      f.put("threads", (double) maxThreads);
      f.put("schedulerThreads", (double) maxOwnThreads);
      f.put("writesPerRun", fires == 0 ? 0
          : (counting.claims.get() + counting.saves.get()) / (double) fires);
      f.put("claimsPerRun", fires == 0 ? 0 : counting.claims.get() / (double) fires);
      List<Long> sorted = new ArrayList<>(lateness);
      Collections.sort(sorted);
      f.put("latenessMedianMillis", sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6);
      f.put("latenessP99Millis", sorted.isEmpty() ? 0
          : sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99))) / 1e6);
    }
    if (!warmup) {
      figures.add(f);
    }
    System.out.println();
    System.out.println("  " + store + (warmup ? " warm-up" : "") + " iteration " + iteration
        + ": " + summary(f));
    return f;
  }

  private boolean counts(Thread t, long self) {
    if (t.getId() == self || !t.isAlive()) {
      return false;
    }
    String name = t.getName();
    for (String sim : SIMULATOR_THREADS) {
      if (name.startsWith(sim)) {
        return false;
      }
    }
    return !baseline.contains(t.getId());
  }

  private static String summary(Map<String, Double> f) {
    return String.format(Locale.ROOT, "%.0f fires (%.0f jobs scheduled), CPU %.0f µs/fire, "
            + "lateness median %.1f ms (p99 %.1f ms), at most %.0f threads of the scheduler "
            + "and %.0f in all (client and store included) for %d tasks, %.2f store writes per "
            + "run (%.2f claims)",
        f.getOrDefault("fires", 0.0), f.getOrDefault("jobs", 0.0),
        f.getOrDefault("cpuPerFireMicros", 0.0), f.getOrDefault("latenessMedianMillis", 0.0),
        f.getOrDefault("latenessP99Millis", 0.0), f.getOrDefault("schedulerThreads", 0.0),
        f.getOrDefault("threads", 0.0), TASKS,
        f.getOrDefault("writesPerRun", 0.0), f.getOrDefault("claimsPerRun", 0.0));
  }

  private static Map<String, Double> median(List<Map<String, Double>> all) {
    Map<String, Double> out = new HashMap<>();
    if (all.isEmpty()) {
      return out;
    }
    for (String key : all.get(0).keySet()) {
      List<Double> values = new ArrayList<>();
      for (Map<String, Double> m : all) {
        values.add(m.get(key));
      }
      Collections.sort(values);
      out.put(key, values.get(values.size() / 2));
    }
    return out;
  }
}
