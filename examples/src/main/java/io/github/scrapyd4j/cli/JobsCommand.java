package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.RunningJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scrapyd4j jobs [-p P]}: listjobs.json, on one node or all. */
@Command(name = "jobs",
    description = {"List pending, running and finished jobs.",
        "Without -p, every project's jobs (Scrapyd 1.3+).",
        "On several nodes, every node's jobs, with a NODE column."})
final class JobsCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "only this project's jobs (default: every project)")
  String project;

  @Override
  int run() {
    ClusterResult<JobList> r = project == null
        ? cluster.fanOut().listJobs()
        : cluster.fanOut().listJobs(project);
    return print(r, JobsCommand::json, () -> {
      Output.Table t = new Output.Table(
          header("PROJECT", "STATE", "JOB", "SPIDER", "STARTED", "FINISHED"));
      r.successes().forEach((node, jobs) -> {
        for (Job job : jobs.all()) {
          t.row(withNode(node, job.project(), job.state().wireName(), job.id(), job.spider(),
              started(job), finished(job)));
        }
      });
      if (t.isEmpty() && r.failures().isEmpty()) {
        env().out.println(project == null ? "No jobs." : "No jobs in project " + project + ".");
      } else {
        t.print(env().out);
      }
    });
  }

  private static Object started(Job job) {
    if (job instanceof RunningJob) {
      return ((RunningJob) job).startTime();
    }
    if (job instanceof FinishedJob) {
      return ((FinishedJob) job).startTime();
    }
    return null;
  }

  private static Object finished(Job job) {
    return job instanceof FinishedJob ? ((FinishedJob) job).endTime() : null;
  }

  static ObjectNode json(JobList jobs) {
    ObjectNode root = Output.object().put("node_name", jobs.nodeName());
    ArrayNode all = root.putArray("jobs");
    for (Job job : jobs.all()) {
      ObjectNode j = all.addObject()
          .put("id", job.id())
          .put("project", job.project())
          .put("spider", job.spider())
          .put("state", job.state().wireName());
      if (job instanceof PendingJob) {
        PendingJob p = (PendingJob) job;
        j.put("version", p.version().orElse(null));
        ObjectNode args = j.putObject("args");
        p.args().forEach(args::put);
        ObjectNode settings = j.putObject("settings");
        p.settings().forEach(settings::put);
      } else if (job instanceof RunningJob) {
        RunningJob run = (RunningJob) job;
        j.put("start_time", run.startTime().toString());
        if (run.pid().isPresent()) {
          j.put("pid", run.pid().getAsInt());
        }
      } else if (job instanceof FinishedJob) {
        FinishedJob f = (FinishedJob) job;
        j.put("start_time", f.startTime().toString())
            .put("end_time", f.endTime().toString())
            .put("runtime_seconds", f.runtime().toMillis() / 1000.0);
      }
    }
    return root;
  }
}
