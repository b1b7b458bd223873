package io.github.scrapyd4j.alerts;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.internal.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each alert to the log (SLF4J), one record per alert: WARN for failures, fired rules and
 * nodes going down, INFO for nodes coming back and skipped fires. The default logger is {@code
 * io.github.scrapyd4j.alerts}.
 *
 * <pre>{@code
 * AlertSink sink = LoggingAlertSink.create();
 * sink.send(alert);   // WARN io.github.scrapyd4j.alerts - RUN_FAILED nightly failed on node-a: ...
 * }</pre>
 *
 * <p>Never throws for a well-formed alert; texts go through {@link Redaction#uri(String)}.
 */
public final class LoggingAlertSink implements AlertSink {
  private final Logger log;

  private LoggingAlertSink(Logger log) {
    this.log = log;
  }

  /**
   * A sink logging to {@code io.github.scrapyd4j.alerts}.
   *
   * @return the sink
   */
  public static LoggingAlertSink create() {
    return named("io.github.scrapyd4j.alerts");
  }

  /**
   * A sink logging to a logger of your choice.
   *
   * @param loggerName the logger's name
   * @return the sink
   */
  public static LoggingAlertSink named(String loggerName) {
    return new LoggingAlertSink(LoggerFactory.getLogger(Checks.notBlank("loggerName", loggerName)));
  }

  @Override
  public void send(Alert alert) {
    Checks.notNull("alert", alert);
    String where = alert.job().map(j -> " [" + j.node().map(n -> n + " ").orElse("")
        + j.project() + "/" + j.spider() + "/" + j.jobId() + "]")
        .orElse(alert.node().map(n -> " [" + n + "]").orElse(""));
    String fields = alert.fields().isEmpty() ? "" : " " + alert.fields();
    String line = alert.kind() + where + " " + alert.title() + ": " + alert.text() + fields;
    line = Redaction.uri(line);
    switch (alert.kind()) {
      case NODE_UP:
      case TASK_SKIPPED:
        log.info("{}", line);
        break;
      default:
        log.warn("{}", line);
    }
  }

  @Override
  public String toString() {
    return "LoggingAlertSink{" + log.getName() + "}";
  }
}
