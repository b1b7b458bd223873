package io.github.scrapyd4j.model;

import org.immutables.value.Value;

/** The answer of {@code daemonstatus.json}: how busy a node is. */
@Value.Immutable
@ScrapydStyle
public abstract class DaemonStatus {
  DaemonStatus() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * Jobs waiting in all project queues.
   *
   * @return the number of pending jobs
   */
  public abstract int pending();

  /**
   * Crawl processes running now.
   *
   * @return the number of running jobs
   */
  public abstract int running();

  /**
   * Finished jobs the node still remembers (at most its {@code finished_to_keep} setting).
   *
   * @return the number of finished jobs kept
   */
  public abstract int finished();

  /**
   * Pending plus running jobs: the load that least-loaded placement compares.
   *
   * @return pending + running
   */
  public int load() {
    return pending() + running();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DaemonStatus} values. */
  public static final class Builder extends ImmutableDaemonStatus.Builder {
    Builder() {}
  }
}
