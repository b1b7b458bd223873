/**
 * A job's log, items and outcome: {@link io.github.scrapyd4j.logs.JobLogs} reads and follows logs
 * and tells from a log how a job went ({@link io.github.scrapyd4j.logs.JobOutcome}, {@link
 * io.github.scrapyd4j.logs.ScrapyStats}); {@link io.github.scrapyd4j.logs.JobItems} streams and
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
 * (whole files are never held in memory) and reads only the part it needs. Nothing in this package
 * accepts or returns {@code null} unless its documentation says so.
 */
package io.github.scrapyd4j.logs;
