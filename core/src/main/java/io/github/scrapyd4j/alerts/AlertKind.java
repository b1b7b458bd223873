package io.github.scrapyd4j.alerts;

/** What an {@link Alert} is about. */
public enum AlertKind {
  /** A run finished with the verdict FAILED. */
  RUN_FAILED,
  /** A run finished with the verdict CRASHED. */
  RUN_CRASHED,
  /** A run could not be scheduled, or whether it started is unknown. */
  SCHEDULE_FAILED,
  /** A monitoring rule fired on a running job. */
  RULE_FIRED,
  /** A node stopped answering. */
  NODE_DOWN,
  /** A node answers again. */
  NODE_UP,
  /** A fire of a task was skipped (the previous run still going, or the fire was missed). */
  TASK_SKIPPED
}
