package io.github.scrapyd4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code scrapyd4j tasks check FILE}: reads a task file and prints its nodes, webhooks and tasks
 * with their next fire times, or every problem found (exit code 2). Sends nothing.
 */
@Command(name = "check",
    description = {"Read a task file and show its plan: nodes, webhooks, tasks and their next"
        + " fire times. Nothing is sent to any node."})
final class TasksCheckCommand implements Callable<Integer> {
  @ParentCommand
  TasksCommand parent;

  @Parameters(index = "0", paramLabel = "FILE", description = "the task file (YAML or JSON)")
  Path file;

  @Option(names = "--fires", paramLabel = "N", defaultValue = "3",
      description = "how many next fire times to show per task (default ${DEFAULT-VALUE})")
  int fires;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Override
  public Integer call() {
    Scrapyd4jCommand.Env env = parent.root.env;
    if (fires < 0 || fires > 100) {
      throw new IllegalArgumentException("--fires must be from 0 to 100, but was " + fires);
    }
    TaskFile tasks = TaskFiles.read(env, file);
    if (tasks == null) {
      return Scrapyd4jCommand.USAGE;
    }
    TaskFiles.printPlan(env.out, tasks, fires, java.time.Instant.now());
    return Scrapyd4jCommand.OK;
  }
}
