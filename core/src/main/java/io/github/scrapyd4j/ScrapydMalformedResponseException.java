package io.github.scrapyd4j;

import java.net.URI;

/**
 * The node answered HTTP 200 but not with the JSON Scrapyd sends: an empty body, truncated JSON,
 * an HTML page, or a plain-text Python traceback (what Scrapyd sends for errors when it runs with
 * {@code debug = on}). The body is kept, capped in size.
 */
public class ScrapydMalformedResponseException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** The body of the answer, capped. */
  private final String body;

  /**
   * Creates an exception for an answer that could not be read.
   *
   * @param message the detail message
   * @param body the body of the answer; capped to {@link ScrapydHttpException#MAX_BODY_CHARS}
   * @param baseUri the base URI of the node
   * @param endpoint the endpoint called
   * @param nodeName the node name, if the answer carried one
   * @param cause the parse error, or {@code null}
   */
  public ScrapydMalformedResponseException(
      String message,
      String body,
      URI baseUri,
      String endpoint,
      String nodeName,
      Throwable cause) {
    super(message, baseUri, endpoint, nodeName, cause);
    this.body = ScrapydHttpException.cap(body, ScrapydHttpException.MAX_BODY_CHARS);
  }

  /**
   * The body of the answer, decoded as UTF-8, at most {@link ScrapydHttpException#MAX_BODY_CHARS}
   * characters.
   *
   * @return the (capped) body
   */
  public String body() {
    return body;
  }
}
