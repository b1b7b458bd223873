package io.github.scrapyd4j;

import java.net.URI;

/**
 * The node refused the credentials (HTTP 401). Scrapyd 1.3 and later protect the whole site when
 * both {@code username} and {@code password} are set in its configuration; missing and wrong
 * credentials look the same. Check the credentials given to the client builder.
 */
public class ScrapydAuthenticationException extends ScrapydHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 401 answer.
   *
   * @param message the detail message
   * @param body the body of the answer
   * @param baseUri the base URI of the node
   * @param endpoint the endpoint called
   */
  public ScrapydAuthenticationException(String message, String body, URI baseUri, String endpoint) {
    super(message, 401, body, baseUri, endpoint);
  }
}
