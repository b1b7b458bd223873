package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.ScheduleResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where {@link ClusterClient#place} placed a job, and which nodes it could not reach first.
 * {@link ClusterClient#schedule} gives only {@link #job()}.
 */
public final class Placement {
  private final String nodeId;
  private final ScheduleResult result;
  private final Map<String, ScrapydException> skipped;

  Placement(String nodeId, ScheduleResult result, Map<String, ScrapydException> skipped) {
    this.nodeId = nodeId;
    this.result = result;
    this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /**
   * The node the job was scheduled on.
   *
   * @return the node id
   */
  public String nodeId() {
    return nodeId;
  }

  /**
   * The node's answer.
   *
   * @return the schedule result, with the job id
   */
  public ScheduleResult result() {
    return result;
  }

  /**
   * The job id.
   *
   * @return the job id
   */
  public String jobId() {
    return result.jobId();
  }

  /**
   * The placed job, naming its node: what {@code cluster.jobs()} routes by.
   *
   * @return the job on its node
   */
  public JobRef job() {
    return JobRef.of(result).onNode(nodeId);
  }

  /**
   * Nodes tried first that could not be reached (the request certainly did not run there).
   *
   * @return node id to failure, in the order tried
   */
  public Map<String, ScrapydException> skipped() {
    return skipped;
  }

  @Override
  public String toString() {
    return "Placement{node=" + nodeId + ", jobId=" + result.jobId() + ", skipped=" + skipped.keySet() + "}";
  }
}
