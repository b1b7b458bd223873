package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.jobs.JobRef;

/**
 * Hears what happens to the runs a {@link TaskScheduler} fires: to attach a monitor to each job,
 * count, or log. Every method has an empty default. Calls come from the scheduler's threads, one
 * run's calls in order; keep them short (start your own work asynchronously). What a listener
 * throws is logged and ignored.
 *
 * <pre>{@code
 * RunListener follow = new RunListener() {
 *   public void scheduled(CrawlTask task, TaskRun run, JobRef job) {
 *     monitors.watch(task, job);                  // e.g. monitoring rules per run
 *   }
 *   public void finished(CrawlTask task, TaskRun run) {
 *     System.out.println(task.id() + " " + run.status() + " " + run.verdict().orElse(null));
 *   }
 * };
 * TaskScheduler scheduler = TaskScheduler.builder().cluster(cluster).listener(follow).build();
 * }</pre>
 */
public interface RunListener {
  /**
   * This instance claimed a fire (the run is {@link RunStatus#CLAIMED}) and is about to schedule
   * it.
   *
   * @param task the task
   * @param run the claimed run, with the job id it will have
   */
  default void claimed(CrawlTask task, TaskRun run) {}

  /**
   * Scrapyd accepted the run's job (the run is {@link RunStatus#SCHEDULED}); also called for the
   * runs a restarted scheduler follows again.
   *
   * @param task the task
   * @param run the run
   * @param job the job, naming its node
   */
  default void scheduled(CrawlTask task, TaskRun run, JobRef job) {}

  /**
   * The run is done: finished with a verdict, skipped, failed to schedule, of unknown outcome or
   * lost ({@link RunStatus#isDone()}).
   *
   * @param task the task
   * @param run the final run
   */
  default void finished(CrawlTask task, TaskRun run) {}
}
