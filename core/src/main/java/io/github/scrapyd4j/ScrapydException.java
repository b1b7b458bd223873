package io.github.scrapyd4j;

import java.net.URI;
import java.util.Optional;

/**
 * Root of every exception scrapyd4j throws. It is unchecked; async operations complete their
 * futures exceptionally with the same types.
 *
 * <p>Subtypes tell apart what a caller does next:
 *
 * <ul>
 *   <li>{@link ScrapydApiException}: Scrapyd answered {@code "status": "error"} (unknown project,
 *       version or spider, missing parameter, bad egg...). Retrying will not help.
 *   <li>{@link ScrapydAuthenticationException}: HTTP 401, the credentials were missing or wrong.
 *   <li>{@link ScrapydHttpException}: an unexpected HTTP status, such as a 404 page from a wrong
 *       base URI or a 502 from a proxy.
 *   <li>{@link ScrapydMalformedResponseException}: the answer was not the JSON Scrapyd sends, for
 *       example a Python traceback when Scrapyd runs with {@code debug = on}.
 *   <li>{@link ScrapydTransportException}: the node could not be reached or did not answer in
 *       time: {@link ScrapydConnectionException} and {@link ScrapydTimeoutException}.
 * </ul>
 *
 * <p>Messages name the endpoint and the node, and never contain credentials.
 */
public class ScrapydException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient URI baseUri;
  /** The endpoint called, or null. */
  private final String endpoint;
  /** The node name Scrapyd reported, or null. */
  private final String nodeName;

  /**
   * Creates an exception.
   *
   * @param message the detail message, which must not contain credentials
   * @param baseUri the base URI of the node the call went to, or {@code null} if none applies
   * @param endpoint the path of the resource called, relative to the base URI (for example
   *     {@code schedule.json}), or {@code null} if none applies
   * @param nodeName the node name Scrapyd reported, or {@code null} if it is not known
   * @param cause the cause, or {@code null}
   */
  public ScrapydException(
      String message, URI baseUri, String endpoint, String nodeName, Throwable cause) {
    super(message, cause);
    this.baseUri = baseUri;
    this.endpoint = endpoint;
    this.nodeName = nodeName;
  }

  /**
   * The base URI of the node the failed call went to, without credentials.
   *
   * @return the base URI, if the failure belongs to one node
   */
  public Optional<URI> baseUri() {
    return Optional.ofNullable(baseUri);
  }

  /**
   * The resource that was called, relative to the base URI, such as {@code listjobs.json} or
   * {@code logs/project/spider/job.log}.
   *
   * @return the endpoint, if the failure belongs to one call
   */
  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /**
   * The node name Scrapyd reported in its answer ({@code node_name}, by default the server's host
   * name). Only answers that Scrapyd itself produced carry one.
   *
   * @return the node name, if the server sent one
   */
  public Optional<String> nodeName() {
    return Optional.ofNullable(nodeName);
  }
}
