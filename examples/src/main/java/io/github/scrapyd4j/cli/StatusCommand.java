package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.model.JobState;
import java.util.Optional;
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
  int run(Connection c) {
    String p = project != null ? project : c.targetProject().orElse(null);
    Connection.PerNode<Optional<JobState>> r = c.each(cl -> state(cl, p, job));
    boolean found = r.values.values().stream().anyMatch(Optional::isPresent);
    int code = print(c, r, s -> Output.object().put("job", job).put("project", p)
        .put("state", s.map(JobState::wireName).orElse(null)), () -> {
          Output.Table t = new Output.Table(header(c, "JOB", "STATE"));
          r.values.forEach((node, s) -> {
            if (s.isPresent() || !c.isCluster()) {
              t.row(withNode(c, node, job, s.map(JobState::wireName).orElse("unknown")));
            }
          });
          if (!t.isEmpty()) {
            t.print(env().out);
          }
        });
    if (!found && code == Scrapyd4jCommand.OK) {
      env().err.println("scrapyd4j: no job " + job + (p == null ? "" : " in project " + p)
          + (c.isCluster() ? " on any node" : ""));
      return Scrapyd4jCommand.FAILED;
    }
    return code;
  }

  static Optional<JobState> state(ScrapydClient client, String project, String job) {
    try {
      return (project == null ? client.status(job) : client.status(project, job)).state();
    } catch (ScrapydHttpException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      if (project == null) {
        throw new IllegalStateException(client.baseUri() + " has no status.json (Scrapyd before"
            + " 1.5): give the job's project with -p PROJECT to look for it in listjobs.json");
      }
      // Scrapyd before 1.5 has no status.json: look in the project's jobs.
      return client.listJobs(project).find(job).map(j -> j.state());
    }
  }
}
