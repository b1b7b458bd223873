package io.github.scrapyd4j.model;

import org.immutables.value.Value;

/** The answer of {@code schedule.json}: the job was queued. */
@Value.Immutable
@ScrapydStyle
public abstract class ScheduleResult {
  ScheduleResult() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The job id: the one requested, or the one Scrapyd made up.
   *
   * @return the job id
   */
  public abstract String jobId();

  /**
   * The project the job was scheduled in, as requested.
   *
   * @return the project name
   */
  public abstract String project();

  /**
   * The spider the job runs, as requested.
   *
   * @return the spider name
   */
  public abstract String spider();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ScheduleResult} values. */
  public static final class Builder extends ImmutableScheduleResult.Builder {
    Builder() {}
  }
}
