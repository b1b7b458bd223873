package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydHttpException;
import java.net.URI;

/**
 * A job's log or items file is not served by its node (HTTP 404). The message names the job and
 * the likely reasons. See {@link LogNotFoundException} and {@link ItemsNotFoundException}.
 */
public class JobFileNotFoundException extends ScrapydHttpException {
  private static final long serialVersionUID = 1L;

  /** The job. */
  private final transient JobRef job;
  /** Where the file was looked for. */
  private final URI fileUri;

  /**
   * Creates the exception.
   *
   * @param message the detail message, naming the job
   * @param job the job
   * @param fileUri where the file was asked for
   * @param body the body of the 404 answer
   * @param baseUri the node's base URI
   * @param endpoint the path asked for, relative to the base URI
   */
  public JobFileNotFoundException(
      String message, JobRef job, URI fileUri, String body, URI baseUri, String endpoint) {
    super(message, 404, body, baseUri, endpoint);
    this.job = job;
    this.fileUri = fileUri;
  }

  /**
   * The job whose file is missing.
   *
   * @return the job
   */
  public JobRef job() {
    return job;
  }

  /**
   * Where the file was asked for.
   *
   * @return the file's URI
   */
  public URI fileUri() {
    return fileUri;
  }
}
