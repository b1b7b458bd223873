package io.github.scrapyd4j;

/**
 * A {@code schedule} was sent but no answer came back (the connection broke, or the answer did
 * not come in time): the node may have queued the job, or not. It is never retried, so the crawl
 * cannot start twice. The request carried {@link #jobId()} (the client gives every job an id
 * before sending it), so look it up before scheduling again:
 *
 * <pre>{@code
 * try {
 *   client.schedule(ScheduleRequest.of("shop", "products"));
 * } catch (ScrapydScheduleOutcomeUnknownException e) {
 *   boolean queued = client.listJobs("shop").find(e.jobId()).isPresent();
 * }
 * }</pre>
 *
 * <p>The cause is the transport failure ({@link ScrapydConnectionException} or {@link
 * ScrapydTimeoutException}). In a cluster, {@code ClusterClient.schedule} reports the same case
 * as {@code ScheduleOutcomeUnknownException}, with the node.
 */
public class ScrapydScheduleOutcomeUnknownException extends ScrapydTransportException {
  private static final long serialVersionUID = 1L;

  /** The job id the request carried. */
  private final String jobId;

  /**
   * Creates the exception.
   *
   * @param jobId the job id the request carried
   * @param cause the transport failure, after the request may have reached the node
   */
  public ScrapydScheduleOutcomeUnknownException(String jobId, ScrapydTransportException cause) {
    super("schedule of job " + jobId + ": no answer (" + cause.getMessage() + "); the node may "
            + "have queued the job: look job " + jobId + " up (listjobs, status) before "
            + "scheduling it again; it was not retried",
        true, cause.baseUri().orElse(null), cause.endpoint().orElse(null), cause);
    this.jobId = jobId;
  }

  /**
   * The job id the request carried: the job's id if the node queued it.
   *
   * @return the job id
   */
  public String jobId() {
    return jobId;
  }
}
