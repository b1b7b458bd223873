package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.tasks.RunStore;
import io.github.scrapyd4j.tasks.TaskRun;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code scrapyd4j tasks history [TASK]}: the runs recorded in the history database, newest
 * first, with their verdict, items and duration.
 */
@Command(name = "history",
    description = {"List the runs recorded by tasks run, newest first: task, fire time, status,"
        + " verdict, node, job, items, duration."})
final class TasksHistoryCommand implements Callable<Integer> {
  @ParentCommand
  TasksCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TASK",
      description = "only this task's runs (default: every task's, and harvested jobs)")
  String task;

  @Mixin
  HistoryDb db;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
      description = "at most N runs (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Option(names = "--debug", description = "print stack traces of failures")
  boolean debug;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Override
  public Integer call() {
    Scrapyd4jCommand.Env env = parent.root.env;
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("--limit must be from 1 to 100000, but was " + limit);
    }
    RunStore store = Stores.open(env, db, true);
    List<TaskRun> runs = List.of();
    if (store != null) {
      try (store) {
        runs = store.history(Optional.ofNullable(task), limit);
      }
    }
    if (json) {
      TasksOutput.json(env.out, runs);
    } else if (runs.isEmpty()) {
      env.out.println(task == null ? "No runs recorded." : "No runs of task " + task + ".");
    } else {
      TasksOutput.table(env.out, runs);
    }
    return Scrapyd4jCommand.OK;
  }
}
