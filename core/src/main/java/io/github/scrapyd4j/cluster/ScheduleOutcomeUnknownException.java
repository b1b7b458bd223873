package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydTransportException;

/**
 * A {@code schedule} may or may not have reached a node: the connection broke or the answer did
 * not come in time after the request was sent. The job may exist on that node, so the cluster did
 * not schedule it anywhere else. Check with {@link ClusterClient#findJob(String)} using {@link
 * #jobId()} before trying again.
 */
public class ScheduleOutcomeUnknownException extends io.github.scrapyd4j.ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The node the request went to. */
  private final String nodeId;
  /** The job id the request carried. */
  private final String jobId;

  /**
   * Creates an exception.
   *
   * @param nodeId the node the request went to
   * @param jobId the job id the request carried
   * @param cause the transport failure
   */
  public ScheduleOutcomeUnknownException(
      String nodeId, String jobId, ScrapydTransportException cause) {
    super("schedule of job " + jobId + " on node " + nodeId + " may or may not have run ("
            + cause.getMessage() + "); it was not scheduled elsewhere: look for the job id before"
            + " trying again",
        cause.baseUri().orElse(null), cause.endpoint().orElse(null), null, cause);
    this.nodeId = nodeId;
    this.jobId = jobId;
  }

  /**
   * The node the request went to.
   *
   * @return the node id
   */
  public String nodeId() {
    return nodeId;
  }

  /**
   * The job id the request carried (the cluster gives every job an id before sending it).
   *
   * @return the job id
   */
  public String jobId() {
    return jobId;
  }
}
