package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.model.JobState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every job across the cluster with its node, and the nodes that could not be listed. */
public final class ClusterJobs {
  private final List<NodeJob> jobs;
  private final Map<String, ScrapydException> failures;

  ClusterJobs(List<NodeJob> jobs, Map<String, ScrapydException> failures) {
    this.jobs = Collections.unmodifiableList(new ArrayList<>(jobs));
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /**
   * All jobs, node by node in cluster order, and on each node pending, then running, then finished.
   *
   * @return the jobs
   */
  public List<NodeJob> jobs() {
    return jobs;
  }

  /**
   * The jobs in one state.
   *
   * @param state the state
   * @return those jobs
   */
  public List<NodeJob> inState(JobState state) {
    List<NodeJob> out = new ArrayList<>();
    for (NodeJob job : jobs) {
      if (job.job().state() == state) {
        out.add(job);
      }
    }
    return out;
  }

  /**
   * The first job with this id (running, then pending, then finished wins if several nodes have
   * it).
   *
   * @param jobId the job id
   * @return the job and its node
   */
  public Optional<NodeJob> find(String jobId) {
    for (JobState state : new JobState[] {JobState.RUNNING, JobState.PENDING, JobState.FINISHED}) {
      for (NodeJob job : jobs) {
        if (job.job().state() == state && job.job().id().equals(jobId)) {
          return Optional.of(job);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The nodes whose listing failed: their jobs are missing from {@link #jobs()}.
   *
   * @return node id to failure
   */
  public Map<String, ScrapydException> failures() {
    return failures;
  }
}
