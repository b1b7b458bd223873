package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.ScrapydException;

/**
 * A {@link RunStore} could not do what was asked: its database could not be reached, refused a
 * statement, or holds tables this version cannot read. The message names the store (a JDBC URL
 * with its password hidden) and what failed; the cause, when there is one, is the driver's
 * {@link java.sql.SQLException} with the same passwords hidden.
 */
public class RunStoreException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed, without passwords
   * @param cause the cause, or {@code null}
   */
  public RunStoreException(String message, Throwable cause) {
    super(message, null, null, null, cause);
  }
}
