package io.github.scrapyd4j.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where runs are recorded: the history of every task, and the claims that make each fire time of
 * a task run once even when several scheduler instances share the store.
 *
 * <p>Implementations are thread-safe. A store shared by scheduler instances in different JVMs
 * (a JDBC store) enforces {@link #claim} in the database, so that of two instances claiming the
 * same task and fire time exactly one wins.
 */
public interface RunStore extends AutoCloseable {
  /**
   * Records a new run if no run with the same task id, fire time and attempt exists.
   *
   * @param run the run, with a task id and a fire time, usually {@link RunStatus#CLAIMED}
   * @return true if this call recorded it (the caller owns the run), false if it was already
   *     claimed
   * @throws IllegalArgumentException if the run has no task id
   */
  boolean claim(TaskRun run);

  /**
   * Records the new state of a run: the run with the same key is replaced, or the run added if
   * there is none. The key is task id, fire time and attempt for a task's run, node, project and
   * job id for a harvested job.
   *
   * @param run the run
   */
  void save(TaskRun run);

  /**
   * The run of a job, whether a task fired it or it was harvested.
   *
   * @param node the node id
   * @param project the project
   * @param jobId the job id
   * @return the run, if recorded
   */
  Optional<TaskRun> findByJob(String node, String project, String jobId);

  /**
   * Recorded runs, newest first (by fire time, or by finish time for harvested jobs).
   *
   * @param taskId only the runs of this task, or all when empty
   * @param limit at most this many, at least 1
   * @return the runs
   */
  List<TaskRun> history(Optional<String> taskId, int limit);

  /**
   * The latest fire time recorded for a task, whatever became of it: where a restarted
   * scheduler resumes (and applies its misfire policy).
   *
   * @param taskId the task id
   * @return the latest fire time, if the task ever fired
   */
  Optional<Instant> lastFireTime(String taskId);

  /**
   * Runs not yet done ({@link RunStatus#isDone()} false), for a restarted scheduler to follow
   * again.
   *
   * @return the unfinished runs
   */
  List<TaskRun> unfinished();

  /**
   * Runs of one task not yet done: what a scheduler checks before a fire of a task whose overlap
   * policy is not {@link OverlapPolicy#ALLOW}. The default filters {@link #unfinished()}; a store
   * with many runs answers it with a query of its own.
   *
   * @param taskId the task id
   * @return the unfinished runs of the task
   */
  default List<TaskRun> unfinished(String taskId) {
    List<TaskRun> out = new java.util.ArrayList<>();
    for (TaskRun run : unfinished()) {
      if (run.taskId().filter(taskId::equals).isPresent()) {
        out.add(run);
      }
    }
    return out;
  }

  /** Releases what the store holds (connections); the default does nothing. */
  @Override
  default void close() {}
}
