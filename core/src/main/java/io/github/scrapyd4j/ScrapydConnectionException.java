package io.github.scrapyd4j;

import java.net.URI;

/**
 * The node could not be reached or the connection broke: connection refused, unknown host,
 * connection reset, the server closing the connection without an answer, a TLS failure.
 */
public class ScrapydConnectionException extends ScrapydTransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the detail message
   * @param mayHaveReachedServer whether the request may have been received by the node
   * @param baseUri the base URI of the node
   * @param endpoint the endpoint called
   * @param cause the underlying I/O exception
   */
  public ScrapydConnectionException(
      String message, boolean mayHaveReachedServer, URI baseUri, String endpoint, Throwable cause) {
    super(message, mayHaveReachedServer, baseUri, endpoint, cause);
  }
}
