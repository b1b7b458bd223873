package io.github.scrapyd4j;

import java.net.URI;
import java.time.Duration;

/**
 * The node did not connect or answer in time. A connect timeout means the request was never sent;
 * after a request timeout the node may still be working on it (Scrapyd blocks while it runs
 * {@code scrapy list} for {@code addversion}, {@code schedule} and {@code listspiders}).
 */
public class ScrapydTimeoutException extends ScrapydTransportException {
  private static final long serialVersionUID = 1L;

  /** The timeout that elapsed. */
  private final Duration timeout;
  /** Whether the connection, not the answer, timed out. */
  private final boolean connectTimeout;

  /**
   * Creates an exception.
   *
   * @param message the detail message
   * @param connectTimeout true if the connection could not be opened in time
   * @param timeout the timeout that elapsed
   * @param baseUri the base URI of the node
   * @param endpoint the endpoint called
   * @param cause the underlying exception
   */
  public ScrapydTimeoutException(
      String message,
      boolean connectTimeout,
      Duration timeout,
      URI baseUri,
      String endpoint,
      Throwable cause) {
    super(message, !connectTimeout, baseUri, endpoint, cause);
    this.timeout = timeout;
    this.connectTimeout = connectTimeout;
  }

  /**
   * The timeout that elapsed.
   *
   * @return the connect timeout or the request timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Whether it was the connection that timed out (the request was never sent).
   *
   * @return true for a connect timeout, false for a request timeout
   */
  public boolean isConnectTimeout() {
    return connectTimeout;
  }
}
