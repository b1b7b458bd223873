package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.jobs.JobLogs;
import io.github.scrapyd4j.logs.LogConsumer;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scrapyd4j log JOB [-p P] [--spider S] [--tail N] [--follow]}: a job's log. */
@Command(name = "log",
    description = {"Print a job's log: whole, its last lines, or as it grows.",
        "Without --spider the job is looked up with listjobs.",
        "Exit code 1 when the job is not listed or its log is missing."})
final class LogCommand extends JobCommand {
  @Option(names = "--spider", paramLabel = "SPIDER",
      description = "the job's spider (default: found with listjobs)")
  String spider;

  @Option(names = "--tail", paramLabel = "N", description = "only the last N lines")
  Integer tail;

  @Option(names = {"-f", "--follow"},
      description = "print the log as it grows, until the job has finished")
  boolean follow;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT24H",
      description = "how long --follow waits at most (ISO-8601, default ${DEFAULT-VALUE})")
  Duration timeout;

  @Override
  int run() {
    if (tail != null && tail < 1) {
      throw new IllegalArgumentException("--tail must be 1 or more, but was " + tail);
    }
    if (tail != null && follow) {
      throw new IllegalArgumentException("--tail and --follow cannot be used together");
    }
    Found f = find(spider);
    JobLogs logs = cluster.jobs().logs(); // asks the job's node
    if (tail != null) {
      logs.tailLines(f.ref, tail).forEach(env().out::println);
    } else if (follow) {
      logs.follow(f.ref, LogConsumer.lines(env().out::println), timeout);
    } else {
      logs.read(f.ref, LogConsumer.lines(env().out::println));
    }
    env().out.flush();
    return Scrapyd4jCommand.OK;
  }
}
