package io.github.scrapyd4j.tasks;

/**
 * What a scheduler does with fire times it missed: while no scheduler instance ran (a restart, a
 * deploy), or when it got to a fire later than its misfire grace (see {@link
 * TaskScheduler.Builder#misfireGrace}). Several missed fires of one task count as one.
 */
public enum MisfirePolicy {
  /**
   * Runs nothing for the missed fires: the latest one is recorded as {@link RunStatus#SKIPPED}
   * (with how many were missed) and a {@code TASK_SKIPPED} alert is sent; the task goes on at its
   * next fire time. The default.
   */
  SKIP,
  /** Runs the task once, now, for the latest missed fire time; the others are dropped. */
  RUN_ONCE
}
