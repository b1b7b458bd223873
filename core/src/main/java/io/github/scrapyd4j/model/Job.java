package io.github.scrapyd4j.model;

/**
 * A job as {@code listjobs.json} lists it: {@link PendingJob}, {@link RunningJob} or {@link
 * FinishedJob}.
 */
public interface Job {
  /**
   * The job id: the {@code jobid} given to {@code schedule}, or the one Scrapyd made up (32
   * lowercase hex characters).
   *
   * @return the job id
   */
  String id();

  /**
   * The project the job belongs to. Scrapyd 1.2 did not send it; the client then fills in the
   * project the listing was asked for.
   *
   * @return the project name
   */
  String project();

  /**
   * The spider the job runs.
   *
   * @return the spider name
   */
  String spider();

  /**
   * Which list the job was in.
   *
   * @return the job's state
   */
  JobState state();
}
