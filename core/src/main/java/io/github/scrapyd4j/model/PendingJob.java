package io.github.scrapyd4j.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A job waiting in a project queue. */
@Value.Immutable
@ScrapydStyle
public abstract class PendingJob implements Job {
  PendingJob() {}

  @Override
  public abstract String id();

  @Override
  public abstract String project();

  @Override
  public abstract String spider();

  /**
   * The {@code _version} the job was scheduled with (Scrapyd 1.5 and later report it).
   *
   * @return the version, empty when none was given or the server does not report it
   */
  public abstract Optional<String> version();

  /**
   * The per-job Scrapy settings it was scheduled with (Scrapyd 1.5 and later).
   *
   * @return setting names to values, in no particular order
   */
  public abstract Map<String, String> settings();

  /**
   * The spider arguments it was scheduled with (Scrapyd 1.5 and later).
   *
   * @return argument names to values
   */
  public abstract Map<String, String> args();

  @Override
  public final JobState state() {
    return JobState.PENDING;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PendingJob} values. */
  public static final class Builder extends ImmutablePendingJob.Builder {
    Builder() {}
  }
}
