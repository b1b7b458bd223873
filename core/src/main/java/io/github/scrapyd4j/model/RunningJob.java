package io.github.scrapyd4j.model;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** A job whose crawl process is running. */
@Value.Immutable
@ScrapydStyle
public abstract class RunningJob implements Job {
  RunningJob() {}

  @Override
  public abstract String id();

  @Override
  public abstract String project();

  @Override
  public abstract String spider();

  /**
   * The process id of the crawl on the Scrapyd host.
   *
   * @return the pid, empty if the server did not report one
   */
  public abstract OptionalInt pid();

  /**
   * When the process started, in the Scrapyd host's local time (Scrapyd sends no time zone).
   *
   * @return the start time
   */
  public abstract LocalDateTime startTime();

  /**
   * Where the job's log is served, as an absolute URI under the client's base URI (Scrapyd 1.5
   * and later; {@code null} on the wire until the file exists).
   *
   * @return the log location, if known
   */
  public Optional<URI> logUrl() {
    return logLink().map(Link::uri);
  }

  /**
   * Where the job's scraped items are served (JSON lines), as an absolute URI under the client's
   * base URI (Scrapyd 1.5 and later, when {@code items_dir} is local and the file exists).
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

  @Override
  public final JobState state() {
    return JobState.RUNNING;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return ImmutableRunningJob.builder();
  }

  /** Builds {@link RunningJob} values. */
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
     * Sets the process id.
     *
     * @param pid the process id
     * @return this builder
     */
    public abstract Builder pid(int pid);

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
    public abstract RunningJob build();
  }
}
