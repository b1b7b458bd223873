package io.github.scrapyd4j.internal;

/** A field of a Scrapyd answer is missing or of the wrong type; the transport adds the context. */
final class Malformed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Malformed(String message) {
    super(message, null, false, false);
  }
}
