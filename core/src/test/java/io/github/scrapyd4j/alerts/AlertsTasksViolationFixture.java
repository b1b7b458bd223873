package io.github.scrapyd4j.alerts;

import io.github.scrapyd4j.tasks.TaskRun;

/** Breaks the rule that alerts do not use tasks: ArchitectureTest checks that the rule sees it. */
public final class AlertsTasksViolationFixture {
  private AlertsTasksViolationFixture() {}

  static String describe(TaskRun run) {
    return run.toString();
  }
}
