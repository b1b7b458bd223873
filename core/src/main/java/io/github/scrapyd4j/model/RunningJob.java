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
  public abstract Optional<URI> logUrl();

  /**
   * Where the job's scraped items are served (JSON lines), as an absolute URI under the client's
   * base URI (Scrapyd 1.5 and later, when {@code items_dir} is local and the file exists).
   *
   * @return the items location, if known
   */
  public abstract Optional<URI> itemsUrl();

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
    return new Builder();
  }

  /** Builds {@link RunningJob} values. */
  public static final class Builder extends ImmutableRunningJob.Builder {
    Builder() {}
  }
}
