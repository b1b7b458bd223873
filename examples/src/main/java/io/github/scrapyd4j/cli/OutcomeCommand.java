package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.logs.ScrapyStats;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code scrapyd4j outcome JOB [-p P]}: how a job went, from its state and its log. */
@Command(name = "outcome",
    description = {"Tell how a job went: SUCCEEDED, FAILED, CRASHED or IN_PROGRESS,",
        "why, and its key stats, read from its log.",
        "Exit code 0 for SUCCEEDED and IN_PROGRESS, 1 for FAILED and CRASHED."})
final class OutcomeCommand extends JobCommand {
  @Override
  int run() {
    // Every node that lists the job (the same job id can run on several, as schedule --place
    // all does), each with its node on several nodes.
    Lookup lookup = findAll(false);
    Jobs jobs = cluster.jobs(); // asks each job's node
    int code = Scrapyd4jCommand.OK;
    ObjectNode nodes = Output.object();
    boolean first = true;
    for (Found f : lookup.found) {
      JobOutcome o = CallTimeout.bounded(cluster.client(f.node).baseUri(), conn.callTimeout,
          " (--call-timeout)", () -> jobs.outcome(f.ref));
      code = Math.max(code, exitCode(o));
      if (conn.json && !several()) {
        Output.json(env().out, json(f, o));
      } else if (conn.json) {
        nodes.set(f.node, json(f, o));
      } else {
        if (!first) {
          env().out.println();
        }
        print(env().out, f, o, several());
      }
      first = false;
    }
    if (conn.json && several()) {
      ObjectNode root = Output.object();
      root.set("nodes", nodes);
      root.set("failures", Output.failures(lookup.passedOver));
      Output.json(env().out, root);
    }
    return code;
  }

  static int exitCode(JobOutcome o) {
    return o.verdict() == JobOutcome.Verdict.FAILED || o.verdict() == JobOutcome.Verdict.CRASHED
        ? Scrapyd4jCommand.FAILED : Scrapyd4jCommand.OK;
  }

  /** The one line: job, verdict and reasons. */
  static String line(String job, JobOutcome o) {
    return job + ": " + o.verdict()
        + (o.reasons().isEmpty() ? "" : " (" + String.join("; ", o.reasons()) + ")");
  }

  static void print(PrintStream out, Found f, JobOutcome o, boolean withNode) {
    out.println(line(f.ref.jobId(), o));
    if (withNode) {
      out.println("node: " + f.node);
    }
    o.finishReason().ifPresent(r -> out.println("finish reason: " + r));
    if (o.stats().isPresent()) {
      ScrapyStats s = o.stats().get();
      out.println("items: " + s.itemsScraped());
      out.println("requests: " + s.requests());
      out.println("responses: " + s.responses());
      if (!s.responseStatusCounts().isEmpty()) {
        out.println("status counts: " + s.responseStatusCounts());
      }
      s.elapsed().ifPresent(d -> out.println("elapsed: " + d.toMillis() / 1000.0 + " s"));
    }
    if (!o.summary().levelCounts().isEmpty()) {
      out.println("log counts: " + o.summary().levelCounts());
    }
  }

  static ObjectNode json(Found f, JobOutcome o) {
    ObjectNode j = Output.object()
        .put("project", f.ref.project())
        .put("spider", f.ref.spider())
        .put("job", f.ref.jobId())
        .put("verdict", o.verdict().name());
    j.set("reasons", Output.array(o.reasons()));
    j.put("finish_reason", o.finishReason().orElse(null));
    ObjectNode logCounts = j.putObject("log_counts");
    o.summary().levelCounts().forEach(logCounts::put);
    if (o.stats().isPresent()) {
      ScrapyStats s = o.stats().get();
      ObjectNode st = j.putObject("stats")
          .put("items", s.itemsScraped())
          .put("requests", s.requests())
          .put("responses", s.responses());
      ObjectNode codes = st.putObject("status_counts");
      s.responseStatusCounts().forEach((k, v) -> codes.put(String.valueOf(k), v));
      if (s.elapsed().isPresent()) {
        st.put("elapsed_seconds", s.elapsed().get().toMillis() / 1000.0);
      } else {
        st.putNull("elapsed_seconds");
      }
    } else {
      j.putNull("stats");
    }
    return j;
  }
}
