package io.github.scrapyd4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code scrapyd4j tasks run|history|check}: timed crawls from a task file, with monitoring
 * rules, alerts and a run history in a database. See {@code docs/tasks.md}.
 */
@Command(name = "tasks",
    description = {"Run timed crawls from a task file, and show their history.",
        "run FILE: fire the file's tasks until stopped (Ctrl-C);"
            + " history [TASK]: the runs recorded; check FILE: read a file and show its plan."},
    subcommands = {TasksRunCommand.class, TasksHistoryCommand.class, TasksCheckCommand.class})
final class TasksCommand implements Callable<Integer> {
  @ParentCommand
  Scrapyd4jCommand root;

  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: give run FILE, history [TASK] or check FILE");
  }
}
