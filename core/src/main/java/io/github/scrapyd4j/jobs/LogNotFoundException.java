package io.github.scrapyd4j.jobs;

import java.net.URI;

/**
 * A job's log is not served: the job has not started yet, the node keeps no logs ({@code logs_dir}
 * empty), the log was deleted to keep only the last {@code jobs_to_keep} per spider (5 by default),
 * or the node is Scrapyd 1.2, whose way of naming the log file Scrapy 2 ignores.
 */
public class LogNotFoundException extends JobFileNotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param job the job
   * @param fileUri where the log was asked for
   * @param body the body of the 404 answer
   * @param baseUri the node's base URI
   * @param endpoint the path asked for, relative to the base URI
   */
  public LogNotFoundException(JobRef job, URI fileUri, String body, URI baseUri, String endpoint) {
    super("no log for job " + job.jobId() + " (project " + job.project() + ", spider "
            + job.spider() + ") at " + fileUri + ": HTTP 404. The job may not have started yet, "
            + "the node may keep no logs (logs_dir), the log may have been rotated out "
            + "(jobs_to_keep), or the node is Scrapyd 1.2, whose log files Scrapy 2 does not write",
        job, fileUri, body, baseUri, endpoint);
  }
}
