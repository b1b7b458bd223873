package io.github.scrapyd4j.monitor;

import io.github.scrapyd4j.tasks.TaskScheduler;

/** Breaks the rule that monitor does not use tasks: ArchitectureTest checks that the rule sees it. */
public final class MonitorTasksViolationFixture {
  private MonitorTasksViolationFixture() {}

  static String describe(TaskScheduler scheduler) {
    return scheduler.instanceId();
  }
}
