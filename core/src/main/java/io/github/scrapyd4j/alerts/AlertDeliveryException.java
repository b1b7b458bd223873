package io.github.scrapyd4j.alerts;

import io.github.scrapyd4j.ScrapydException;

/**
 * An alert could not be delivered: the webhook answered with an error status, did not answer
 * within its deadline, or could not be reached. The message names the sink by its redacted
 * address (scheme and host only: a webhook URL's path and query are a secret) and never holds
 * the alert's secret parts.
 *
 * <pre>{@code
 * try {
 *   webhook.send(alert);
 * } catch (AlertDeliveryException e) {
 *   log.warn("alert not delivered: {}", e.getMessage());  // safe to log
 * }
 * }</pre>
 */
public class AlertDeliveryException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the message, which must not contain a secret
   * @param cause the cause, or {@code null}
   */
  public AlertDeliveryException(String message, Throwable cause) {
    super(message, null, null, null, cause);
  }
}
