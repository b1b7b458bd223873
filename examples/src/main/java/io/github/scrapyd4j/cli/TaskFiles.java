package io.github.scrapyd4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Reading a task file for a command, and printing its plan. */
final class TaskFiles {
  private TaskFiles() {}

  /**
   * The task file, read and checked; null when it has problems, which are printed on stderr one
   * line each (the exit code is then 2).
   */
  static TaskFile read(Scrapyd4jCommand.Env env, Path file) {
    try {
      return new TaskFileReader(env.environment).read(env.workDir.resolve(file));
    } catch (TaskFileException e) {
      for (String problem : e.problems) {
        env.err.println("scrapyd4j: " + problem);
      }
      return null;
    }
  }

  /** The nodes, webhooks and tasks of a file, for people. */
  static void printPlan(PrintStream out, TaskFile file, int fires, java.time.Instant now) {
    out.println("Nodes (placement " + file.placement + "):");
    for (TaskFile.NodeDef n : file.nodes) {
      out.println("  " + n);
    }
    if (!file.webhooks.isEmpty()) {
      out.println("Webhooks:");
      for (TaskFile.WebhookDef w : file.webhooks) {
        out.println("  " + w + (w.on.size() == io.github.scrapyd4j.alerts.AlertKind.values().length
            ? "" : " on " + w.on));
      }
    }
    out.println("Tasks:");
    for (TaskFile.TaskDef t : file.tasks) {
      out.println("  " + t);
      StringBuilder more = new StringBuilder();
      if (!t.args.isEmpty()) {
        more.append(" args ").append(t.args);
      }
      if (t.version.isPresent()) {
        more.append(" version ").append(t.version.get());
      }
      more.append(" overlap ").append(t.overlap);
      t.timeLimit.ifPresent(d -> more.append(" time-limit ").append(Durations.format(d)));
      if (t.retries > 0) {
        more.append(" retries ").append(t.retries);
      }
      out.println("   " + more);
      for (TaskFile.RuleDef r : t.rules) {
        out.println("    rule " + r);
      }
      java.time.Instant after = now;
      for (int i = 0; i < fires; i++) {
        java.util.Optional<java.time.Instant> next = t.trigger.trigger.next(after);
        if (next.isEmpty()) {
          if (i == 0) {
            out.println("    fires no more");
          }
          break;
        }
        out.println("    next " + next.get().atZone(t.trigger.zone).toOffsetDateTime()
            + (t.trigger.kind == TaskFile.TriggerDef.Kind.DELAY ? " (if the run ended now)" : ""));
        if (t.trigger.kind == TaskFile.TriggerDef.Kind.DELAY) {
          break;
        }
        after = next.get();
      }
    }
  }
}
