package io.github.scrapyd4j.model;

import java.util.Locale;

/** Where a job is in Scrapyd's life cycle. */
public enum JobState {
  /** Queued, waiting for a free process slot. */
  PENDING,
  /** Its crawl process is running. */
  RUNNING,
  /**
   * Its process has ended, for whatever reason: Scrapyd does not tell a successful crawl from a
   * crashed one.
   */
  FINISHED;

  /**
   * The name Scrapyd uses for this state on the wire.
   *
   * @return {@code pending}, {@code running} or {@code finished}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a state name as Scrapyd sends it.
   *
   * @param wireName {@code pending}, {@code running} or {@code finished}
   * @return the state
   * @throws IllegalArgumentException if the name is none of those
   */
  public static JobState fromWireName(String wireName) {
    switch (wireName) {
      case "pending":
        return PENDING;
      case "running":
        return RUNNING;
      case "finished":
        return FINISHED;
      default:
        throw new IllegalArgumentException("unknown job state '" + wireName + "'");
    }
  }
}
