/**
 * Pure parsing of Scrapy logs and stats, with no client: {@link
 * io.github.scrapyd4j.logs.ScrapyLogAnalyzer} sums a log up ({@link
 * io.github.scrapyd4j.logs.LogSummary}), {@link io.github.scrapyd4j.logs.ScrapyStats} types
 * Scrapy's final stats, {@link io.github.scrapyd4j.logs.LogFormat} says how records start, {@link
 * io.github.scrapyd4j.logs.LogConsumer} receives a log as text and {@link
 * io.github.scrapyd4j.logs.LogChunk} is a piece of one.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(Path.of("crawl.log"))) {
 *   LogSummary summary = ScrapyLogAnalyzer.analyze(in);
 *   summary.stats().ifPresent(stats -> System.out.println(stats.itemsScraped()));
 * }
 * }</pre>
 *
 * <p>Reading a job's log from a node is {@code io.github.scrapyd4j.jobs.JobLogs}; this package
 * knows nothing of clients or jobs. Everything here reads in constant memory. Nothing in this
 * package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.scrapyd4j.logs;
