package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.model.VersionList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The calls that sum up the cluster from a fan-out: all jobs, a job anywhere, load, drift. */
final class Summaries {
  private final Membership membership;
  private final HealthTracker health;
  private final Supplier<FanOut> fanOut;

  Summaries(Membership membership, HealthTracker health, Supplier<FanOut> fanOut) {
    this.membership = membership;
    this.health = health;
    this.fanOut = fanOut;
  }

  ClusterJobs allJobs() {
    return jobs(fanOut.get().listJobs());
  }

  ClusterJobs allJobs(String project) {
    return jobs(fanOut.get().listJobs(project));
  }

  private static ClusterJobs jobs(ClusterResult<JobList> lists) {
    List<NodeJob> jobs = new ArrayList<>();
    lists.successes().forEach((node, list) -> {
      for (Job job : list.all()) {
        jobs.add(new NodeJob(node, job));
      }
    });
    return new ClusterJobs(jobs, lists.failures());
  }

  ClusterResult<CancelResult> cancel(String project, String jobId, Signal signal) {
    ClusterResult<JobList> lists = fanOut.get().listJobs(project);
    List<NodeResult<CancelResult>> results = new ArrayList<>();
    lists.failures().forEach((node, error) -> results.add(NodeResult.failure(node, error)));
    for (Map.Entry<String, JobList> entry : lists.successes().entrySet()) {
      Optional<Job> job = entry.getValue().find(jobId);
      if (job.isPresent() && job.get().state() != JobState.FINISHED) {
        Member member = membership.current().get(entry.getKey());
        if (member == null) {
          continue; // removed meanwhile
        }
        try {
          CancelResult cancelled = signal == null
              ? member.client.cancel(project, jobId)
              : member.client.cancel(project, jobId, signal);
          health.record(member, null);
          results.add(NodeResult.success(entry.getKey(), cancelled));
        } catch (ScrapydException e) {
          health.record(member, e);
          results.add(NodeResult.failure(entry.getKey(), e));
        }
      }
    }
    return new ClusterResult<>(results);
  }

  ClusterCapacity capacity() {
    ClusterResult<DaemonStatus> statuses = fanOut.get().daemonStatus();
    Map<String, Node> nodes = new LinkedHashMap<>();
    membership.current().forEach((id, member) -> nodes.put(id, member.node));
    return new ClusterCapacity(statuses.successes(), nodes, statuses.failures());
  }

  VersionDrift versionDrift(String project) {
    ClusterResult<VersionList> versions = fanOut.get().listVersions(project);
    Map<String, List<String>> byNode = new LinkedHashMap<>();
    versions.successes().forEach((node, list) -> byNode.put(node, list.versions()));
    return new VersionDrift(project, byNode, versions.failures());
  }
}
