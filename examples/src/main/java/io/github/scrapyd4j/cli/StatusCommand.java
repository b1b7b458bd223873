package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydAsyncClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scrapyd4j status JOB [-p P]}: status.json, or listjobs.json before Scrapyd 1.5. */
@Command(name = "status",
    description = {"Print a job's state: pending, running or finished.",
        "Exit code 1 when no node knows the job.",
        "Before Scrapyd 1.5 (no status.json), -p is needed."})
final class StatusCommand extends NodeCommand {
  @Parameters(paramLabel = "JOB", description = "the job id")
  String job;

  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the job's project (default: the target's project, if any)")
  String project;

  @Override
  int run() {
    String p = project != null ? project : targetProject().orElse(null);
    ClusterResult<Optional<JobState>> r = cluster.fanOut().call(node -> state(node, p, job));
    for (Map.Entry<String, ScrapydException> f : r.failures().entrySet()) {
      if (f.getValue().getCause() instanceof NoStatusJson) { // a usage error, not the node's
        throw new IllegalStateException(Redaction.uri(cluster.client(f.getKey()).baseUri())
            + f.getValue().getCause().getMessage());
      }
    }
    boolean found = answers(r).values().stream().anyMatch(Optional::isPresent);
    int code = print(r, s -> Output.object().put("job", job).put("project", p)
        .put("state", s.map(JobState::wireName).orElse(null)), () -> {
          Output.Table t = new Output.Table(header("JOB", "STATE"));
          r.successes().forEach((node, s) -> {
            if (s.isPresent() || !several()) {
              t.row(withNode(node, job, s.map(JobState::wireName).orElse("unknown")));
            }
          });
          if (!t.isEmpty()) {
            t.print(env().out);
          }
        });
    if (!found && code == Scrapyd4jCommand.OK) {
      env().err.println("scrapyd4j: no job " + job + (p == null ? "" : " in project " + p)
          + (several() ? " on any node" : ""));
      return Scrapyd4jCommand.FAILED;
    }
    return code;
  }

  /** A node before Scrapyd 1.5 asked without a project. */
  private static final class NoStatusJson extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoStatusJson() {
      super(" has no status.json (Scrapyd before 1.5): give the job's project with -p PROJECT to"
          + " look for it in listjobs.json", null, false, false);
    }
  }

  /** The job's state from status.json, or from the project's listjobs.json before 1.5. */
  static CompletableFuture<Optional<JobState>> state(ScrapydAsyncClient client, String project,
      String job) {
    return (project == null ? client.status(job) : client.status(project, job))
        .thenApply(s -> CompletableFuture.completedFuture(s.state()))
        .exceptionally(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null
              ? e.getCause() : e;
          if (!(cause instanceof ScrapydHttpException)
              || ((ScrapydHttpException) cause).statusCode() != 404) {
            return CompletableFuture.failedFuture(cause);
          }
          if (project == null) {
            return CompletableFuture.failedFuture(new NoStatusJson());
          }
          // Scrapyd before 1.5 has no status.json: look in the project's jobs.
          return client.listJobs(project).thenApply(jobs -> jobs.find(job).map(Job::state));
        })
        .thenCompose(state -> state);
  }
}
