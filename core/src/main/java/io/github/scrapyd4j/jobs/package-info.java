/**
 * Everything that takes a job: {@link io.github.scrapyd4j.jobs.JobRef} names a job, {@link
 * io.github.scrapyd4j.jobs.JobWaiter} waits for one to finish (blocking or as a future), {@link
 * io.github.scrapyd4j.jobs.JobWatcher} tells listeners what the jobs of one or many nodes do,
 * {@link io.github.scrapyd4j.jobs.JobLogs} reads and follows logs and tells how a job went ({@link
 * io.github.scrapyd4j.jobs.JobOutcome}), {@link io.github.scrapyd4j.jobs.JobItems} streams and
 * follows scraped items.
 *
 * <pre>{@code
 * JobRef job = JobRef.of(client.schedule(ScheduleRequest.of("shop", "products")));
 * JobLogs logs = JobLogs.of(client);
 * logs.follow(job, LogConsumer.lines(System.out::println), Duration.ofHours(1));
 * JobOutcome outcome = logs.outcome(job);
 * try (Stream<JsonNode> items = JobItems.of(client).stream(job)) {
 *   items.forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Scrapyd serves logs and items as static files with byte ranges; everything here streams them
 * (whole files are never held in memory) and reads only the part it needs. The parsing of what a
 * log says is {@code io.github.scrapyd4j.logs}. Nothing in this package accepts or returns {@code
 * null} unless its documentation says so.
 */
package io.github.scrapyd4j.jobs;
