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
  public Optional<URI> logUrl() {
    return logLink().map(Link::uri);
  }

  /**
   * Where the job's scraped items are served, as an absolute URI under the client's base URI
   * (Scrapyd 1.4 and later).
   *
   * @return the items location, if known
   */
  public Optional<URI> itemsUrl() {
    return itemsLink().map(Link::uri);
  }

  /** The log location, resolved when first asked for. */
  abstract Optional<Link> logLink();

  /** The items location, resolved when first asked for. */
  abstract Optional<Link> itemsLink();

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
    return ImmutableFinishedJob.builder();
  }

  /** Builds {@link FinishedJob} values. */
  public abstract static class Builder {
    Builder() {}

    /**
     * Sets the job id.
     *
     * @param id the job id
     * @return this builder
     */
    public abstract Builder id(String id);

    /**
     * Sets the project name.
     *
     * @param project the project name
     * @return this builder
     */
    public abstract Builder project(String project);

    /**
     * Sets the spider name.
     *
     * @param spider the spider name
     * @return this builder
     */
    public abstract Builder spider(String spider);

    /**
     * Sets when the process started.
     *
     * @param startTime when the process started
     * @return this builder
     */
    public abstract Builder startTime(LocalDateTime startTime);

    /**
     * Sets when the process ended.
     *
     * @param endTime when the process ended
     * @return this builder
     */
    public abstract Builder endTime(LocalDateTime endTime);

    abstract Builder logLink(Link logLink);

    abstract Builder itemsLink(Link itemsLink);

    /**
     * Sets where the job's log is served.
     *
     * @param logUrl the absolute log URI
     * @return this builder
     */
    public Builder logUrl(URI logUrl) {
      return logLink(Link.of(logUrl));
    }

    /**
     * Sets where the job's items are served.
     *
     * @param itemsUrl the absolute items URI
     * @return this builder
     */
    public Builder itemsUrl(URI itemsUrl) {
      return itemsLink(Link.of(itemsUrl));
    }

    Builder lazyLogUrl(String base, String serverPath) {
      return logLink(Link.lazy(base, serverPath));
    }

    Builder lazyItemsUrl(String base, String serverPath) {
      return itemsLink(Link.lazy(base, serverPath));
    }

    /**
     * Builds the value.
     *
     * @return the job
     * @throws IllegalStateException if a required field was not set
     */
    public abstract FinishedJob build();
  }
}
