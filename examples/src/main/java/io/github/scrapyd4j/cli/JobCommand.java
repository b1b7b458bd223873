package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.JobList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** The node's id; null on one node. */
    final String node;
    final ScrapydClient client;
    final JobRef ref;

    Found(String node, ScrapydClient client, JobRef ref) {
      this.node = node;
      this.client = client;
      this.ref = ref;
    }
  }

  /**
   * The job on the one node that has it: listed with listjobs (which keeps its log and items
   * URLs), or, on one node with a spider given, named directly.
   *
   * @throws CommandFailure when no node lists the job
   * @throws IllegalArgumentException when several nodes list it (give one of them)
   */
  Found find(Connection c, String spider) {
    if (!c.isCluster() && spider != null) {
      return new Found(null, c.single, JobRef.of(c.project(project), spider, job));
    }
    List<Found> found = findAll(c, spider != null).found;
    if (found.size() > 1) {
      List<String> nodes = new ArrayList<>();
      found.forEach(f -> nodes.add(f.node));
      throw new IllegalArgumentException("job " + job + " is listed on " + found.size()
          + " nodes (" + String.join(", ", nodes) + "): give one of them with -t or --url");
    }
    return found.get(0);
  }

  /** The nodes that list the job, and those that could not be asked but were passed over. */
  static final class Lookup {
    final List<Found> found;
    final Map<String, ScrapydException> passedOver;

    Lookup(List<Found> found, Map<String, ScrapydException> passedOver) {
      this.found = found;
      this.passedOver = passedOver;
    }
  }

  /**
   * The job on every node that lists it, in node order. On several nodes all are asked at once;
   * a node that cannot be asked is passed over with a warning on stderr, unless no node that
   * answered lists the job: that node may have it.
   *
   * @throws CommandFailure when no node lists the job (exit code 1, or 3 when a node
   *     could not be asked)
   */
  Lookup findAll(Connection c, boolean spiderGiven) {
    String p = c.project(project);
    if (!c.isCluster()) {
      return new Lookup(List.of(listed(c.bounded(c.single, cl -> cl.listJobs(p)))
          .map(r -> new Found(null, c.single, r))
          .orElseThrow(() -> new CommandFailure("no job " + job + " in project " + p
              + " (Scrapyd lists finished jobs only up to finished_to_keep; give --spider)",
              Scrapyd4jCommand.FAILED))), Map.of());
    }
    ClusterResult<JobList> lists = c.cluster.fanOut().listJobs(p);
    List<Found> found = new ArrayList<>();
    Map<String, ScrapydException> failures = new LinkedHashMap<>();
    for (ConnectionOptions.Endpoint e : c.endpoints) {
      lists.get(e.id).flatMap(this::listed).ifPresent(r ->
          found.add(new Found(e.id, c.cluster.client(e.id), r.onNode(e.id))));
      ScrapydException f = lists.failures().get(e.id);
      if (f != null) {
        failures.put(e.id, f);
      }
    }
    if (found.isEmpty() && failures.isEmpty()) {
      throw new CommandFailure("no job " + job + " in project " + p + " on any node"
          + (spiderGiven ? " (Scrapyd lists finished jobs only up to finished_to_keep; with"
              + " --spider, give the one node that ran the job)" : ""),
          Scrapyd4jCommand.FAILED);
    }
    if (found.isEmpty()) {
      Map.Entry<String, ScrapydException> first = failures.entrySet().iterator().next();
      throw new CommandFailure("no job " + job + " in project " + p + " on the nodes that"
          + " answered; not asked: " + String.join(", ", failures.keySet()) + " ("
          + first.getKey() + ": " + Errors.oneLine(first.getValue()) + ")",
          Errors.exitCode(failures));
    }
    failures.forEach((node, f) -> env().err.println("scrapyd4j: warning: " + node
        + " could not be asked for job " + job + ", passed over: " + Errors.oneLine(f)));
    return new Lookup(found, failures);
  }

  private Optional<JobRef> listed(JobList jobs) {
    return jobs.find(job).map(JobRef::of);
  }
}
