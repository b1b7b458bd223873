package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.Signal;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scrapyd4j cancel -p P JOB [--signal SIG]}: cancel.json. */
@Command(name = "cancel",
    description = {"Cancel a pending job, or stop a running one.",
        "Without --signal the node sends its default (INT on Scrapyd 1.5+, TERM",
        "before): a graceful stop that takes time; a second cancel or --signal KILL",
        "forces it.",
        "Exit code 1 when the job was neither pending nor running."})
final class CancelCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Parameters(paramLabel = "JOB", description = "the job id")
  String job;

  @Option(names = "--signal", paramLabel = "SIG",
      description = "signal name (INT, TERM, KILL...) or number (Scrapyd 1.6+)")
  String signal;

  static Signal signal(String value) {
    String v = value.strip();
    if (v.matches("[0-9]+")) {
      return Signal.number(Integer.parseInt(v));
    }
    v = v.toUpperCase(Locale.ROOT);
    return Signal.named(v.startsWith("SIG") && v.length() > 3 ? v.substring(3) : v);
  }

  @Override
  int run() {
    String p = project(project);
    Signal sig = signal == null ? null : signal(signal);
    // One node: the job is there or nowhere, so cancel it there; several: where it is listed
    // pending or running.
    ClusterResult<CancelResult> r = several() ? cluster.cancel(p, job, sig)
        : cluster.fanOut().call(node -> sig == null ? node.cancel(p, job)
            : node.cancel(p, job, sig));
    boolean cancelled = answers(r).values().stream()
        .anyMatch(v -> v.previousState().isPresent());
    int code = print(r, v -> json(p, v), () -> {
      Output.Table t = new Output.Table(header("JOB", "WAS"));
      r.successes().forEach((node, v) -> {
        if (v.previousState().isPresent() || !several()) {
          t.row(withNode(node, job,
              v.previousState().map(JobState::wireName).orElse("not pending or running")));
        }
      });
      if (!t.isEmpty()) {
        t.print(env().out);
      }
    });
    if (!cancelled && code == Scrapyd4jCommand.OK) {
      env().err.println("scrapyd4j: no pending or running job " + job + " in project " + p
          + (several() ? " on any node" : ""));
      return Scrapyd4jCommand.FAILED;
    }
    return code;
  }

  private ObjectNode json(String p, CancelResult v) {
    return Output.object().put("node_name", v.nodeName()).put("project", p).put("job", job)
        .put("previous_state", v.previousState().map(JobState::wireName).orElse(null))
        .put("signal", signal == null ? null : signal(signal).value());
  }
}
