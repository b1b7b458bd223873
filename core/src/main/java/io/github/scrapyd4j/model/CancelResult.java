package io.github.scrapyd4j.model;

import java.util.Optional;
import org.immutables.value.Value;

/** The answer of {@code cancel.json}. A running crawl does not stop at once: Scrapy shuts down gracefully on the first signal; a second cancel, or the {@code KILL} signal, forces it. */
@Value.Immutable
@ScrapydStyle
public abstract class CancelResult {
  CancelResult() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The job id that was cancelled.
   *
   * @return the job id
   */
  public abstract String jobId();

  /**
   * The state the job was in when the cancel arrived.
   *
   * @return {@link JobState#PENDING} (removed from the queue) or {@link JobState#RUNNING}
   *     (signalled); empty when the node did not know the job or it had already finished
   */
  public abstract Optional<JobState> previousState();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CancelResult} values. */
  public static final class Builder extends ImmutableCancelResult.Builder {
    Builder() {}
  }
}
