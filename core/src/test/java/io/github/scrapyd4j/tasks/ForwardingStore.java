package io.github.scrapyd4j.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store that passes every call on, for tests to change one. */
class ForwardingStore implements RunStore {
  private final RunStore delegate;

  ForwardingStore(RunStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean claim(TaskRun run) {
    return delegate.claim(run);
  }

  @Override
  public void save(TaskRun run) {
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
}
