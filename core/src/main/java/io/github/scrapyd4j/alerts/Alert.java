package io.github.scrapyd4j.alerts;

import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A notice for people: a run failed, a rule fired, a node went down. Sent to an
 * {@link AlertSink}. Its text is built from job and node data and never holds a password or
 * a secret.
 *
 * <pre>{@code
 * Alert alert = Alert.builder()
 *     .kind(AlertKind.RUN_FAILED)
 *     .title("nightly-products failed on node-a")
 *     .text("finish reason: closespider_errorcount")
 *     .time(Instant.now())
 *     .taskId("nightly-products")
 *     .build();
 * sink.send(alert);
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class Alert {
  Alert() {}

  /**
   * What the alert is about.
   *
   * @return the kind
   */
  public abstract AlertKind kind();

  /**
   * A one-line summary.
   *
   * @return the title
   */
  public abstract String title();

  /**
   * The details, in words (may span lines).
   *
   * @return the text
   */
  public abstract String text();

  /**
   * When it happened.
   *
   * @return the time
   */
  public abstract Instant time();

  /**
   * The task concerned.
   *
   * @return the task id
   */
  public abstract Optional<String> taskId();

  /**
   * The job concerned.
   *
   * @return the job
   */
  public abstract Optional<JobRef> job();

  /**
   * The node concerned.
   *
   * @return the node id
   */
  public abstract Optional<String> node();

  /**
   * Extra fields for machines (rule name, counts), in insertion order.
   *
   * @return the fields
   */
  public abstract Map<String, String> fields();

  /**
   * A new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Alert}. */
  public static final class Builder extends ImmutableAlert.Builder {
    Builder() {}
  }
}
