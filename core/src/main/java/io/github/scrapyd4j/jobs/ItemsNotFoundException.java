package io.github.scrapyd4j.jobs;

import java.net.URI;

/**
 * A job's items file is not served: the node stores no items where it can serve them ({@code
 * items_dir} empty or not a local folder), the job has not started or scraped nothing (with {@code
 * FEED_STORE_EMPTY} off), the file was rotated out ({@code jobs_to_keep}), or the node is Scrapyd
 * 1.2, whose way of naming the feed Scrapy 2 ignores.
 */
public class ItemsNotFoundException extends JobFileNotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param job the job
   * @param fileUri where the items were asked for
   * @param body the body of the 404 answer
   * @param baseUri the node's base URI
   * @param endpoint the path asked for, relative to the base URI
   */
  public ItemsNotFoundException(JobRef job, URI fileUri, String body, URI baseUri, String endpoint) {
    super("no items for job " + job.jobId() + " (project " + job.project() + ", spider "
            + job.spider() + ") at " + fileUri + ": HTTP 404. The node may store no items it can "
            + "serve (items_dir), the job may not have started or scraped nothing, the file may have "
            + "been rotated out (jobs_to_keep), or the node is Scrapyd 1.2",
        job, fileUri, body, baseUri, endpoint);
  }
}
