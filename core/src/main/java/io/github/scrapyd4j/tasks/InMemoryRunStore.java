package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RunStore} in memory: the default of a {@link TaskScheduler}. Thread-safe; its claims
 * hold within one JVM (use a JDBC store for scheduler instances in several JVMs). It keeps at most
 * {@link #DEFAULT_CAPACITY} runs (or the capacity given): past that, the oldest finished runs are
 * forgotten, never unfinished ones, and each task's latest fire time is kept apart so that a
 * restarted scheduler never fires an old fire time again.
 *
 * <pre>{@code
 * InMemoryRunStore store = new InMemoryRunStore();
 * TaskScheduler scheduler = TaskScheduler.builder().cluster(cluster).store(store).build();
 * store.history(Optional.of("nightly-products"), 10).forEach(System.out::println);
 * }</pre>
 */
public final class InMemoryRunStore implements RunStore {
  /** The runs kept by default: 10,000. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final LinkedHashMap<Key, TaskRun> runs = new LinkedHashMap<>();
  private final Map<String, Instant> lastFire = new HashMap<>();

  /** A store keeping up to {@link #DEFAULT_CAPACITY} runs. */
  public InMemoryRunStore() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A store keeping up to {@code capacity} runs.
   *
   * @param capacity 1 or more
   */
  public InMemoryRunStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be 1 or more, but was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean claim(TaskRun run) {
    Checks.notNull("run", run);
    if (run.taskId().isEmpty()) {
      throw new IllegalArgumentException("a claimed run needs a task id and a fire time");
    }
    Key key = Key.of(run);
    if (runs.containsKey(key)) {
      return false;
    }
    put(key, run);
    return true;
  }

  @Override
  public synchronized void save(TaskRun run) {
    Checks.notNull("run", run);
    Key key = Key.of(run);
    runs.remove(key);
    put(key, run);
  }

  private void put(Key key, TaskRun run) {
    runs.put(key, run);
    if (run.taskId().isPresent()) {
      lastFire.merge(run.taskId().get(), run.fireTime().get(),
          (a, b) -> a.isAfter(b) ? a : b);
    }
    if (runs.size() > capacity) {
      Iterator<Map.Entry<Key, TaskRun>> it = runs.entrySet().iterator();
      while (runs.size() > capacity && it.hasNext()) {
        if (it.next().getValue().status().isDone()) {
          it.remove();
        }
      }
    }
  }

  @Override
  public synchronized Optional<TaskRun> findByJob(String node, String project, String jobId) {
    for (TaskRun run : runs.values()) {
      if (run.node().filter(node::equals).isPresent() && run.project().equals(project)
          && run.jobId().filter(jobId::equals).isPresent()) {
        return Optional.of(run);
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized List<TaskRun> history(Optional<String> taskId, int limit) {
    Checks.notNull("taskId", taskId);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, but was " + limit);
    }
    List<TaskRun> out = new ArrayList<>();
    for (TaskRun run : runs.values()) {
      if (taskId.isEmpty() || run.taskId().equals(taskId)) {
        out.add(run);
      }
    }
    out.sort(Comparator.comparing(InMemoryRunStore::when)
        .thenComparing(TaskRun::attempt).reversed());
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  private static Instant when(TaskRun run) {
    return run.fireTime().or(run::finishedAt).or(run::scheduledAt).orElse(Instant.EPOCH);
  }

  @Override
  public synchronized Optional<Instant> lastFireTime(String taskId) {
    return Optional.ofNullable(lastFire.get(taskId));
  }

  @Override
  public synchronized List<TaskRun> unfinished() {
    List<TaskRun> out = new ArrayList<>();
    for (TaskRun run : runs.values()) {
      if (!run.status().isDone()) {
        out.add(run);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "InMemoryRunStore{capacity=" + capacity + "}";
  }

  /** Task id, fire time and attempt; or node, project and job id for a harvested job. */
  private static final class Key {
    final Object[] parts;

    private Key(Object... parts) {
      this.parts = parts;
    }

    static Key of(TaskRun run) {
      return run.taskId().isPresent()
          ? new Key("task", run.taskId().get(), run.fireTime().get(), run.attempt())
          : new Key("job", run.node().get(), run.project(), run.jobId().get());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key && java.util.Arrays.equals(((Key) other).parts, parts);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
      return Objects.toString(java.util.Arrays.asList(parts));
    }
  }
}
