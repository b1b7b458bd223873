package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.LocalDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How far a crawl got, read from its log while it runs (what LogParser shows as live progress):
 * the counts of Scrapy's periodic {@code LogStats} line
 *
 * <pre>{@code
 * 2026-12-06 19:32:57 [scrapy.extensions.logstats] INFO: Crawled 5 pages (at 300 pages/min),
 *   scraped 4 items (at 240 items/min)     (one line in the log)
 * }</pre>
 *
 * (every {@code LOGSTATS_INTERVAL}, 60 s by default), the responses and items logged one by one
 * at DEBUG level ({@code Crawled (200) <GET ...>}, {@code Scraped from <200 ...>}) and the latest
 * item. A {@link ProgressReader} makes one.
 *
 * <pre>{@code
 * CrawlProgress p = reader.progress();
 * System.out.printf("%d pages (%d/min), %d items (%d/min), latest: %s%n", p.pages(),
 *     p.pagesPerMinute(), p.items(), p.itemsPerMinute(), p.latestItem().orElse("-"));
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class CrawlProgress {
  CrawlProgress() {}

  /**
   * Pages crawled, as the last {@code LogStats} line said; 0 before the first.
   *
   * @return pages crawled
   */
  @Value.Default
  public long pages() {
    return 0;
  }

  /**
   * Pages per minute over the last {@code LogStats} interval.
   *
   * @return the page rate
   */
  @Value.Default
  public long pagesPerMinute() {
    return 0;
  }

  /**
   * Items scraped, as the last {@code LogStats} line said; 0 before the first.
   *
   * @return items scraped
   */
  @Value.Default
  public long items() {
    return 0;
  }

  /**
   * Items per minute over the last {@code LogStats} interval.
   *
   * @return the item rate
   */
  @Value.Default
  public long itemsPerMinute() {
    return 0;
  }

  /**
   * How many {@code LogStats} lines were read.
   *
   * @return the count
   */
  @Value.Default
  public long statsLines() {
    return 0;
  }

  /**
   * When the last {@code LogStats} line was written, in the node's local time (the log's time
   * stamps have no zone).
   *
   * @return the time of the last stats line
   */
  public abstract Optional<LocalDateTime> statsLoggedAt();

  /**
   * Responses logged one by one ({@code Crawled (200) <GET ...>}, DEBUG level only).
   *
   * @return the count
   */
  @Value.Default
  public long crawledLines() {
    return 0;
  }

  /**
   * Items logged one by one ({@code Scraped from <...>}, DEBUG level only).
   *
   * @return the count
   */
  @Value.Default
  public long scrapedLines() {
    return 0;
  }

  /**
   * The latest item logged (the text after its {@code Scraped from} line, at most 2,000
   * characters); only logs at DEBUG level have it.
   *
   * @return the latest item
   */
  public abstract Optional<String> latestItem();

  /**
   * A figure that grows whenever the crawl makes progress: the sum of pages, items, and the
   * responses and items logged one by one. A monitor that sees it unchanged for a while sees a
   * crawl that makes no progress.
   *
   * @return the activity figure
   */
  public long activity() {
    return pages() + items() + crawledLines() + scrapedLines();
  }

  /**
   * A new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CrawlProgress}. */
  public static final class Builder extends ImmutableCrawlProgress.Builder {
    Builder() {}
  }
}
