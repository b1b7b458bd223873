package io.github.scrapyd4j;

import java.net.URI;

/**
 * The call did not get an answer: the node could not be reached, the connection broke, or the
 * answer did not come in time.
 *
 * <p>{@link #mayHaveReachedServer()} tells whether the request could have been received. When it
 * is {@code false} (connection refused, unknown host, connect timeout) the call certainly did not
 * run, so even a {@code schedule} can safely be sent again or to another node. When it is {@code
 * true} (connection reset, read timeout) the node may have acted on it: a retried {@code schedule}
 * could start the crawl twice.
 */
public abstract class ScrapydTransportException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** Whether the node may have received the request. */
  private final boolean mayHaveReachedServer;

  /**
   * Creates an exception.
   *
   * @param message the detail message
   * @param mayHaveReachedServer whether the request may have been received by the node
   * @param baseUri the base URI of the node
   * @param endpoint the endpoint called
   * @param cause the underlying I/O exception
   */
  protected ScrapydTransportException(
      String message, boolean mayHaveReachedServer, URI baseUri, String endpoint, Throwable cause) {
    super(message, baseUri, endpoint, null, cause);
    this.mayHaveReachedServer = mayHaveReachedServer;
  }

  /**
   * Whether the node may have received the request before the failure.
   *
   * @return false only when the request certainly never reached the node
   */
  public boolean mayHaveReachedServer() {
    return mayHaveReachedServer;
  }

  /**
   * Whether sending the same request again cannot make the node act twice, whatever the endpoint.
   * Read-only calls may be retried after any transport failure; this tells when calls that change
   * state, such as {@code schedule}, may be too.
   *
   * @return true when the request certainly did not reach the node
   */
  public boolean isRetryable() {
    return !mayHaveReachedServer;
  }

  static String describeNode(URI baseUri, String nodeName) {
    if (baseUri == null) {
      return nodeName == null ? "Scrapyd" : nodeName;
    }
    return nodeName == null ? baseUri.toString() : nodeName + " (" + baseUri + ")";
  }
}
