package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.Job;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A command about one job: finds the job's node and spider. */
abstract class JobCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Parameters(paramLabel = "JOB", description = "the job id")
  String job;

  /** A job and the client of the node that has it. */
  static final class Found {
    final ScrapydClient client;
    final JobRef ref;

    Found(ScrapydClient client, JobRef ref) {
      this.client = client;
      this.ref = ref;
    }
  }

  /**
   * The job: listed with listjobs (which keeps its log and items URLs), or, on one node with a
   * spider given, named directly.
   *
   * @throws JobNotListedException when no node lists the job
   */
  Found find(Connection c, String spider) {
    String p = c.project(project);
    if (!c.isCluster()) {
      if (spider != null) {
        return new Found(c.single, JobRef.of(p, spider, job));
      }
      return listed(c.single, p).map(r -> new Found(c.single, r))
          .orElseThrow(() -> new JobNotListedException("no job " + job + " in project " + p
              + " (Scrapyd lists finished jobs only up to finished_to_keep; give --spider)"));
    }
    for (Map.Entry<String, ScrapydClient> e : c.cluster.clients().entrySet()) {
      java.util.Optional<JobRef> r = listed(e.getValue(), p);
      if (r.isPresent()) {
        return new Found(e.getValue(), r.get().onNode(e.getKey()));
      }
    }
    throw new JobNotListedException("no job " + job + " in project " + p + " on any node");
  }

  private java.util.Optional<JobRef> listed(ScrapydClient client, String p) {
    for (Job j : client.listJobs(p).all()) {
      if (j.id().equals(job)) {
        return java.util.Optional.of(JobRef.of(j));
      }
    }
    return java.util.Optional.empty();
  }

  /** No node lists the job: exit code 1. */
  static final class JobNotListedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobNotListedException(String message) {
      super(message);
    }
  }
}
