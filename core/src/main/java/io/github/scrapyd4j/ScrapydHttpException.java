package io.github.scrapyd4j;

import java.net.URI;

/**
 * The node answered with an HTTP status Scrapyd does not use for its API: a 404 HTML page (a
 * wrong base URI, or an endpoint the operator disabled), a redirect, a 5xx from Scrapyd or from a
 * proxy in front of it. The body is kept, capped in size.
 */
public class ScrapydHttpException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The most characters of the body kept in {@link #body()}. */
  public static final int MAX_BODY_CHARS = 4096;

  /** The HTTP status code. */
  private final int statusCode;
  /** The body of the answer, capped. */
  private final String body;

  /**
   * Creates an exception for an unexpected HTTP status.
   *
   * @param message the detail message
   * @param statusCode the HTTP status code
   * @param body the body of the answer; capped to {@link #MAX_BODY_CHARS} characters
   * @param baseUri the base URI of the node
   * @param endpoint the endpoint called
   */
  public ScrapydHttpException(
      String message, int statusCode, String body, URI baseUri, String endpoint) {
    super(message, baseUri, endpoint, null, null);
    this.statusCode = statusCode;
    this.body = cap(body, MAX_BODY_CHARS);
  }

  /**
   * The HTTP status code of the answer.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The body of the answer, decoded as UTF-8, at most {@link #MAX_BODY_CHARS} characters.
   *
   * @return the (capped) body, empty if there was none
   */
  public String body() {
    return body;
  }

  static String cap(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
