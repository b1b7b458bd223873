package io.github.scrapyd4j.tasks;

/** What a fire does while the previous run of the same task is still pending or running. */
public enum OverlapPolicy {
  /**
   * Does not start a run: the fire is recorded as {@link RunStatus#SKIPPED} and a {@code
   * TASK_SKIPPED} alert is sent. The default.
   */
  SKIP,
  /** Starts another run; the runs overlap. */
  ALLOW,
  /**
   * Cancels the previous runs (with the task's cancel signal), then starts the new one. A run
   * cancelled this way is never re-run.
   */
  CANCEL_PREVIOUS
}
