package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.Job;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
              + " (Scrapyd lists finished jobs only up to finished_to_keep; give --spider)",
              Scrapyd4jCommand.FAILED));
    }
    // Node after node, until one lists the job; a node that cannot be asked does not stop the
    // search, but if no node that answered has the job, the one that did not may have it.
    Map<String, ScrapydException> failures = new LinkedHashMap<>();
    for (Map.Entry<String, ScrapydClient> e : c.cluster.clients().entrySet()) {
      try {
        Optional<JobRef> r = listed(e.getValue(), p);
        if (r.isPresent()) {
          return new Found(e.getValue(), r.get().onNode(e.getKey()));
        }
      } catch (ScrapydException ex) {
        failures.put(e.getKey(), ex);
      }
    }
    if (failures.isEmpty()) {
      throw new JobNotListedException("no job " + job + " in project " + p + " on any node",
          Scrapyd4jCommand.FAILED);
    }
    Map.Entry<String, ScrapydException> first = failures.entrySet().iterator().next();
    throw new JobNotListedException("no job " + job + " in project " + p + " on the nodes that"
        + " answered; not asked: " + String.join(", ", failures.keySet()) + " (" + first.getKey()
        + ": " + Errors.oneLine(first.getValue()) + ")", Errors.exitCode(failures));
  }

  private Optional<JobRef> listed(ScrapydClient client, String p) {
    for (Job j : client.listJobs(p).all()) {
      if (j.id().equals(job)) {
        return Optional.of(JobRef.of(j));
      }
    }
    return Optional.empty();
  }

  /**
   * No node lists the job: exit code 1, or 3 when a node that could not be asked may have it.
   */
  static final class JobNotListedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    JobNotListedException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }
  }
}
