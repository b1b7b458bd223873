/**
 * Following jobs after {@code schedule}: {@link io.github.scrapyd4j.jobs.JobRef} names a job,
 * {@link io.github.scrapyd4j.jobs.JobWaiter} waits for one to finish (blocking or as a future),
 * {@link io.github.scrapyd4j.jobs.JobWatcher} tells listeners what the jobs of one or many nodes
 * do.
 *
 * <pre>{@code
 * JobRef job = JobRef.of(client.schedule(ScheduleRequest.of("shop", "products")));
 * JobCompletion done = JobWaiter.of(client).await(job, Duration.ofHours(1));
 * JobOutcome outcome = JobLogs.of(client).outcome(done.job());
 * }</pre>
 *
 * <p>Nothing in this package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.scrapyd4j.jobs;
