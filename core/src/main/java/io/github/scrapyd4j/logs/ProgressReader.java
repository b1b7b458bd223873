package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.logs.internal.TextLines;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Scrapy log as it grows and keeps, in constant memory, both its live progress ({@link
 * CrawlProgress}: pages and items with their rates, the latest item) and its summary ({@link
 * LogSummary}: records per level, first errors, stats). Pure parsing: feed it text as a {@link
 * LogConsumer}, for example from {@code JobLogs.followAsync}.
 *
 * <pre>{@code
 * ProgressReader reader = new ProgressReader();
 * reader.onText(Files.readString(Path.of("crawl.log")));
 * reader.onEnd();
 * CrawlProgress progress = reader.progress();
 * long errors = reader.summary().count("ERROR");
 * }</pre>
 *
 * <p>Not thread-safe: one reader reads one log, and its calls must not overlap.
 */
public final class ProgressReader implements LogConsumer {
  private static final Pattern LOGSTATS = Pattern.compile(
      "Crawled (\\d+) pages \\(at (\\d+) pages/min\\), "
          + "scraped (\\d+) items \\(at (\\d+) items/min\\)");
  private static final Pattern CRAWLED = Pattern.compile("\\bCrawled \\(\\d{3}\\) <");
  private static final String SCRAPED = "Scraped from <";
  private static final Pattern TIME =
      Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})");
  static final int MAX_ITEM_CHARS = 2000;

  private final LogFormat format;
  private final ScrapyLogAnalyzer analyzer;
  private final TextLines lines;
  private CrawlProgress.Builder stats = CrawlProgress.builder();
  private long statsLines;
  private long crawled;
  private long scraped;
  private String latestItem;
  private StringBuilder item;

  /** A reader for Scrapy's default log format. */
  public ProgressReader() {
    this(LogFormat.scrapyDefault(), LogConsumer.DEFAULT_MAX_LINE_CHARS);
  }

  /**
   * A reader for a log format, with a line cap (a longer line is skipped).
   *
   * @param format how records start
   * @param maxLineChars the line cap in characters, 1 or more
   * @throws IllegalArgumentException if {@code maxLineChars} is less than 1
   */
  public ProgressReader(LogFormat format, int maxLineChars) {
    this.format = Checks.notNull("format", format);
    this.analyzer = new ScrapyLogAnalyzer(format, maxLineChars);
    this.lines = new TextLines(maxLineChars, this::line, (number, offset, length) -> { });
  }

  @Override
  public void onText(String text) {
    analyzer.onText(text);
    lines.text(text);
  }

  /** The log starts over: everything read so far is forgotten. */
  @Override
  public void onRestart() {
    analyzer.onRestart();
    lines.restart();
    stats = CrawlProgress.builder();
    statsLines = 0;
    crawled = 0;
    scraped = 0;
    latestItem = null;
    item = null;
  }

  @Override
  public void onEnd() {
    analyzer.onEnd();
    lines.end();
    endItem();
  }

  /**
   * The progress read so far.
   *
   * @return the progress
   */
  public CrawlProgress progress() {
    String latest = item != null && item.length() > 0 ? item.toString().strip() : latestItem;
    return CrawlProgress.builder().from(stats.build())
        .statsLines(statsLines)
        .crawledLines(crawled)
        .scrapedLines(scraped)
        .latestItem(java.util.Optional.ofNullable(latest))
        .build();
  }

  /**
   * The summary read so far: records per level, first errors, stats, close reason.
   *
   * @return the summary
   */
  public LogSummary summary() {
    return analyzer.summary();
  }

  private void line(String raw) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    boolean record = format.level(line) != null || format.fallbackLevel(line) != null;
    if (!record) {
      if (item != null && item.length() < MAX_ITEM_CHARS) {
        if (item.length() > 0) {
          item.append('\n');
        }
        item.append(line, 0, Math.min(line.length(), MAX_ITEM_CHARS - item.length()));
      }
      return;
    }
    endItem();
    Matcher m = LOGSTATS.matcher(line);
    if (m.find()) {
      statsLines++;
      stats = CrawlProgress.builder()
          .pages(Long.parseLong(m.group(1)))
          .pagesPerMinute(Long.parseLong(m.group(2)))
          .items(Long.parseLong(m.group(3)))
          .itemsPerMinute(Long.parseLong(m.group(4)));
      time(line).ifPresent(stats::statsLoggedAt);
      return;
    }
    if (line.contains(SCRAPED)) {
      scraped++;
      item = new StringBuilder();
    } else if (CRAWLED.matcher(line).find()) {
      crawled++;
    }
  }

  private void endItem() {
    if (item != null) {
      if (item.length() > 0) {
        latestItem = item.toString().strip();
      }
      item = null;
    }
  }

  private static java.util.Optional<LocalDateTime> time(String line) {
    Matcher m = TIME.matcher(line);
    if (!m.find()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(LocalDateTime.parse(m.group(1) + "T" + m.group(2)));
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }
}
