package io.github.scrapyd4j.model;

import java.util.Optional;
import org.immutables.value.Value;

/** The answer of {@code status.json} (Scrapyd 1.5 and later): one job's state. */
@Value.Immutable
@ScrapydStyle
public abstract class JobStatus {
  JobStatus() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The job id that was asked about.
   *
   * @return the job id
   */
  public abstract String jobId();

  /**
   * The job's state.
   *
   * @return the state; empty when the node does not know the job (never scheduled there, or a
   *     finished job it no longer remembers, for example after a restart)
   */
  public abstract Optional<JobState> state();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JobStatus} values. */
  public static final class Builder extends ImmutableJobStatus.Builder {
    Builder() {}
  }
}
