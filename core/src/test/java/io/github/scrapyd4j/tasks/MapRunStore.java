package io.github.scrapyd4j.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A minimal RunStore for this branch's tests (the real InMemoryRunStore lives on another branch):
 * runs in a map under the keys the contract names; counts its writes.
 */
final class MapRunStore implements RunStore {
  private final Map<String, TaskRun> runs = new LinkedHashMap<>();
  int saves;

  private static String key(TaskRun run) {
    return run.taskId().isPresent()
        ? "task\n" + run.taskId().get() + "\n" + run.fireTime().get() + "\n" + run.attempt()
        : "job\n" + run.node().get() + "\n" + run.project() + "\n" + run.jobId().get();
  }

  @Override
  public synchronized boolean claim(TaskRun run) {
    if (run.taskId().isEmpty()) {
      throw new IllegalArgumentException("run has no task id");
    }
    return runs.putIfAbsent(key(run), run) == null;
  }

  @Override
  public synchronized void save(TaskRun run) {
    saves++;
    runs.put(key(run), run);
  }

  @Override
  public synchronized Optional<TaskRun> findByJob(String node, String project, String jobId) {
    return runs.values().stream()
        .filter(r -> r.node().equals(Optional.of(node)) && r.project().equals(project)
            && r.jobId().equals(Optional.of(jobId)))
        .findFirst();
  }

  @Override
  public synchronized List<TaskRun> history(Optional<String> taskId, int limit) {
    Comparator<TaskRun> newest = Comparator.comparing(
        (TaskRun r) -> r.fireTime().or(r::finishedAt).orElse(Instant.EPOCH)).reversed();
    return runs.values().stream()
        .filter(r -> taskId.isEmpty() || r.taskId().equals(taskId))
        .sorted(newest).limit(limit).collect(Collectors.toList());
  }

  @Override
  public synchronized Optional<Instant> lastFireTime(String taskId) {
    return runs.values().stream().filter(r -> r.taskId().equals(Optional.of(taskId)))
        .map(r -> r.fireTime().get()).max(Comparator.naturalOrder());
  }

  @Override
  public synchronized List<TaskRun> unfinished() {
    return runs.values().stream().filter(r -> !r.status().isDone())
        .collect(Collectors.toCollection(ArrayList::new));
  }
}
