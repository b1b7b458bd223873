package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.JobList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command about one job: finds the job's node and spider. The {@link JobRef}s it finds name
 * their node, so {@code cluster.jobs()} asks that node for the log, the items and the outcome.
 */
abstract class JobCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Parameters(paramLabel = "JOB", description = "the job id")
  String job;

  /** A job on the node that has it. */
  static final class Found {
    /** The node's id. */
    final String node;
    /** The job, naming its node. */
    final JobRef ref;

    Found(String node, JobRef ref) {
      this.node = node;
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
  Found find(String spider) {
    if (!several() && spider != null) {
      String node = endpoints.get(0).id;
      return new Found(node, JobRef.of(project(project), spider, job).onNode(node));
    }
    List<Found> found = findAll(spider != null).found;
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
   * The job on every node that lists it, in node order; all are asked at once. On one node, a
   * failure to ask it is the command's. On several, a node that cannot be asked is passed over
   * with a warning on stderr, unless no node that answered lists the job: that node may have it.
   *
   * @throws CommandFailure when no node lists the job (exit code 1, or 3 when a node
   *     could not be asked)
   */
  Lookup findAll(boolean spiderGiven) {
    String p = project(project);
    ClusterResult<JobList> lists = cluster.fanOut().listJobs(p);
    List<Found> found = new ArrayList<>();
    answers(lists).forEach((node, list) -> list.find(job).map(JobRef::of)
        .ifPresent(ref -> found.add(new Found(node, ref.onNode(node)))));
    Map<String, ScrapydException> failures = new LinkedHashMap<>(told(lists.failures()));
    if (found.isEmpty() && failures.isEmpty()) {
      throw new CommandFailure("no job " + job + " in project " + p + (!several()
          ? " (Scrapyd lists finished jobs only up to finished_to_keep; give --spider)"
          : " on any node" + (spiderGiven ? " (Scrapyd lists finished jobs only up to"
              + " finished_to_keep; with --spider, give the one node that ran the job)" : "")),
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
}
