package io.github.scrapyd4j.model;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A job whose process has ended. Scrapyd lists crashed and cancelled crawls here too; it records no
 * outcome.
 */
@Value.Immutable
@ScrapydStyle
public abstract class FinishedJob implements Job {
  FinishedJob() {}

  @Override
  public abstract String id();

  @Override
  public abstract String project();

  @Override
  public abstract String spider();

  /**
   * When the process started, in the Scrapyd host's local time.
   *
   * @return the start time
   */
  public abstract LocalDateTime startTime();

  /**
   * When the process ended, in the Scrapyd host's local time.
   *
   * @return the end time
   */
  public abstract LocalDateTime endTime();

  /**
   * Where the job's log is served, as an absolute URI under the client's base URI (Scrapyd 1.4
   * and later; 1.5 and later leave it out when the file no longer exists).
   *
   * @return the log location, if known
   */
  public abstract Optional<URI> logUrl();

  /**
   * Where the job's scraped items are served, as an absolute URI under the client's base URI
   * (Scrapyd 1.4 and later).
   *
   * @return the items location, if known
   */
  public abstract Optional<URI> itemsUrl();

  /**
   * How long the process ran.
   *
   * @return the time from start to end
   */
  public Duration runtime() {
    return Duration.between(startTime(), endTime());
  }

  @Override
  public final JobState state() {
    return JobState.FINISHED;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link FinishedJob} values. */
  public static final class Builder extends ImmutableFinishedJob.Builder {
    Builder() {}
  }
}
