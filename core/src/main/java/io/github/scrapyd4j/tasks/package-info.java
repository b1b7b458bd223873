/**
 * Timed crawls: tasks with cron, interval and one-shot triggers, a scheduler that runs each fire
 * to its verdict on one node or a cluster, and the run stores that keep their history.
 *
 * <ul>
 *   <li>{@link io.github.scrapyd4j.tasks.CrawlTask}: what to run, when ({@link
 *       io.github.scrapyd4j.tasks.Trigger}), where ({@link io.github.scrapyd4j.tasks.Target}),
 *       and the overlap, misfire, time-limit and re-run rules.
 *   <li>{@link io.github.scrapyd4j.tasks.TaskScheduler}: fires the tasks, claims each fire in a
 *       {@link io.github.scrapyd4j.tasks.RunStore}, follows the jobs to their verdict, sends
 *       alerts, and tells a {@link io.github.scrapyd4j.tasks.RunListener}.
 *   <li>{@link io.github.scrapyd4j.tasks.TaskRun}: one run as recorded;
 *       {@link io.github.scrapyd4j.tasks.InMemoryRunStore} keeps them in memory.
 * </ul>
 *
 * <pre>{@code
 * try (ScrapydClient client = ScrapydClient.builder().baseUri("http://localhost:6800").build();
 *     TaskScheduler scheduler = TaskScheduler.builder()
 *         .client(client)
 *         .task(CrawlTask.builder()
 *             .id("quarter-hourly").project("shop").spider("prices")
 *             .trigger(Trigger.fixedRate(Duration.ofMinutes(15)))
 *             .build())
 *         .build()) {
 *   scheduler.start();
 *   Thread.sleep(Duration.ofHours(1).toMillis());
 *   scheduler.store().history(Optional.of("quarter-hourly"), 10)
 *       .forEach(run -> System.out.println(run.fireTime().get() + " " + run.verdict()));
 * }
 * }</pre>
 */
package io.github.scrapyd4j.tasks;
