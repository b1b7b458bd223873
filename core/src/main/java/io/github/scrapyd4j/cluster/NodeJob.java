package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.Job;

/** A job together with the node it is on. */
public final class NodeJob {
  private final String nodeId;
  private final Job job;

  NodeJob(String nodeId, Job job) {
    this.nodeId = nodeId;
    this.job = job;
  }

  /**
   * The node.
   *
   * @return the node id
   */
  public String nodeId() {
    return nodeId;
  }

  /**
   * The job, a {@link io.github.scrapyd4j.model.PendingJob}, {@link
   * io.github.scrapyd4j.model.RunningJob} or {@link io.github.scrapyd4j.model.FinishedJob}.
   *
   * @return the job
   */
  public Job job() {
    return job;
  }

  /**
   * A reference to the job naming its node (and, for a running or finished job, its log and
   * items locations): what {@code cluster.jobs()} routes by.
   *
   * @return the job on its node
   */
  public JobRef ref() {
    return JobRef.of(job).onNode(nodeId);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeJob && ((NodeJob) other).nodeId.equals(nodeId)
        && ((NodeJob) other).job.equals(job);
  }

  @Override
  public int hashCode() {
    return nodeId.hashCode() * 31 + job.hashCode();
  }

  @Override
  public String toString() {
    return nodeId + ":" + job.id() + "(" + job.state() + ")";
  }
}
