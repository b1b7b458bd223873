package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import java.net.URI;

/**
 * A node was not called because it is {@link NodeState#DOWN}, or a call found no node to run on.
 */
public class NodeUnavailableException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was unavailable and why
   * @param baseUri the node's base URI, or null
   * @param cause the last failure seen, or null
   */
  public NodeUnavailableException(String message, URI baseUri, Throwable cause) {
    super(message, baseUri, null, null, cause);
  }
}
