package io.github.scrapyd4j.alerts;

/**
 * Where alerts go: a webhook, the log, a user's own channel. Implementations are thread-safe,
 * bound the time one {@link #send} takes, and never put a secret (a webhook URL's token, a
 * password) in what they log or throw.
 *
 * <pre>{@code
 * AlertSink stdout = alert -> System.out.println(alert.title());
 * }</pre>
 */
@FunctionalInterface
public interface AlertSink {
  /**
   * Delivers one alert.
   *
   * @param alert the alert
   * @throws RuntimeException if it could not be delivered; callers log it and go on
   */
  void send(Alert alert);
}
