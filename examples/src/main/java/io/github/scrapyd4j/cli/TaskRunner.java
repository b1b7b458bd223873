package io.github.scrapyd4j.cli;

import java.time.Duration;

/** What {@code tasks run} does with a task file: the wiring of scheduler, store, rules, alerts. */
final class TaskRunner {
  private final Scrapyd4jCommand.Env env;
  private final TaskFile file;
  private final HistoryDb db;
  private final String instance;
  private final boolean cancelOnExit;

  TaskRunner(Scrapyd4jCommand.Env env, TaskFile file, HistoryDb db, String instance,
      boolean cancelOnExit) {
    this.env = env;
    this.file = file;
    this.db = db;
    this.instance = instance;
    this.cancelOnExit = cancelOnExit;
  }

  /** Runs until stopped, or for {@code limit}; returns the exit code. */
  int run(Duration limit) {
    throw new CommandFailure("tasks run is not wired yet", Scrapyd4jCommand.FAILED);
  }
}
