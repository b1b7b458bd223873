package io.github.scrapyd4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code scrapyd4j tasks run FILE}: fires the tasks of a task file in the foreground until
 * stopped (Ctrl-C, or {@code --for}), records every run in the history database, applies the
 * tasks' monitoring rules and posts alerts to the file's webhooks. Stopping leaves running jobs
 * alone unless {@code --cancel-on-exit} is given.
 */
@Command(name = "run",
    description = {"Fire the tasks of a task file until stopped (Ctrl-C): each run is recorded"
        + " in the history database, watched by the task's rules, and alerts go to the file's"
        + " webhooks.",
        "Stopping leaves running jobs alone unless --cancel-on-exit is given."})
final class TasksRunCommand implements Callable<Integer> {
  @ParentCommand
  TasksCommand parent;

  @Parameters(index = "0", paramLabel = "FILE", description = "the task file (YAML or JSON)")
  Path file;

  @Mixin
  HistoryDb db;

  @Option(names = "--instance", paramLabel = "ID",
      description = "this scheduler's name in the history (default: HOST:FILE, the host name"
          + " and the task file's name); a restart with the same id follows the runs it left"
          + " unfinished; several instances may share one database: each fire time runs once")
  String instance;

  @Option(names = "--cancel-on-exit",
      description = "when stopped, cancel the jobs this process started that are still running"
          + " (default: leave them running)")
  boolean cancelOnExit;

  @Option(names = "--for", paramLabel = "DURATION",
      description = "stop after this long (30s, 15m, 2h, PT1H), as Ctrl-C does (default: run"
          + " until stopped)")
  String runFor;

  @Option(names = "--harvest", paramLabel = "INTERVAL",
      description = "also record, every INTERVAL (1m, 5m), the nodes' finished jobs that no task"
          + " ran (or not yet recorded), before Scrapyd forgets them (default: off)")
  String harvest;

  @Option(names = "--debug", description = "print stack traces of failures, and debug logs")
  boolean debug;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Override
  public Integer call() throws InterruptedException {
    Scrapyd4jCommand.Env env = parent.root.env;
    Duration limit = null;
    if (runFor != null) {
      try {
        limit = Durations.parse(runFor);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--for: " + e.getMessage());
      }
      if (limit.isZero() || limit.isNegative()) {
        throw new IllegalArgumentException("--for must be longer than 0, but was " + runFor);
      }
    }
    Duration harvestEvery = null;
    if (harvest != null) {
      try {
        harvestEvery = Durations.parse(harvest);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--harvest: " + e.getMessage());
      }
      if (harvestEvery.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("--harvest must be 1s or more, but was " + harvest);
      }
    }
    if (instance != null && !instance.matches("[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}")) {
      throw new IllegalArgumentException("--instance must be 1 to 100 letters, digits, '.', '_',"
          + " ':', '@' or '-', but was '" + instance + "'");
    }
    TaskFile tasks = TaskFiles.read(env, file);
    if (tasks == null) {
      return Scrapyd4jCommand.USAGE;
    }
    return new TaskRunner(env, tasks, db, instance, cancelOnExit, harvestEvery).run(limit);
  }
}
