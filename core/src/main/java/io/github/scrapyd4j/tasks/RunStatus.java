package io.github.scrapyd4j.tasks;

/**
 * Where one run of a task stands. A run starts {@link #CLAIMED} (the scheduler instance that
 * claimed its fire time owns it), becomes {@link #SCHEDULED} once Scrapyd gave it a job, and ends
 * in one of the final states.
 */
public enum RunStatus {
  /** A scheduler instance claimed this fire time and is about to schedule the crawl. */
  CLAIMED(false),
  /** Scrapyd accepted the job; it is pending or running. */
  SCHEDULED(false),
  /** The job finished; {@link TaskRun#verdict()} says how it went. */
  FINISHED(true),
  /** The run was not started: the previous run was still going, or the fire time was missed. */
  SKIPPED(true),
  /** Scheduling failed with an answer that says no job was started (no node, an error). */
  FAILED_TO_SCHEDULE(true),
  /**
   * The schedule call failed in a way that leaves unknown whether Scrapyd started the job (a
   * timeout after the request was sent). Such a run is never retried.
   */
  OUTCOME_UNKNOWN(true),
  /** The job vanished from its node (restart, eviction) before a verdict could be read. */
  LOST(true);

  private final boolean done;

  RunStatus(boolean done) {
    this.done = done;
  }

  /**
   * Whether this state is final: nothing more will happen to the run.
   *
   * @return true for a final state
   */
  public boolean isDone() {
    return done;
  }
}
