package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a read through a Scrapy log found: log records per level, the first error lines, the
 * last stats dump and the reason the spider closed. Made by {@link ScrapyLogAnalyzer}; works for
 * running jobs too (their log simply has no stats yet).
 */
@Value.Immutable
@ScrapydStyle
public abstract class LogSummary {
  /** The most error lines kept in {@link #firstErrors()}. */
  public static final int MAX_ERROR_LINES = 10;

  LogSummary() {}

  /**
   * Lines read (all of them, continuation lines included).
   *
   * @return the number of lines
   */
  public abstract long lines();

  /**
   * Lines recognised as the first line of a log record, by the {@link LogFormat}.
   *
   * @return the number of records
   */
  public abstract long records();

  /**
   * Log records per level, counted in the log itself.
   *
   * @return level names (DEBUG, INFO, WARNING, ERROR, CRITICAL) to counts; levels not seen are
   *     absent
   */
  public abstract Map<String, Long> levelCounts();

  /**
   * The first ERROR and CRITICAL record lines, at most {@link #MAX_ERROR_LINES}, each cut to 500
   * characters.
   *
   * @return the first error lines
   */
  public abstract List<String> firstErrors();

  /**
   * The last {@code Dumping Scrapy stats:} block of the log.
   *
   * @return the stats, empty if the log has none (the crawl is running, or its process died)
   */
  public abstract Optional<ScrapyStats> stats();

  /**
   * How many stats dumps the log holds (more than one when a job id was reused and the log
   * appended to, or when one process ran several crawls).
   *
   * @return the number of stats dumps
   */
  public abstract int statsDumps();

  /**
   * Why a stats dump could not be read, if one could not.
   *
   * @return the problem, if any
   */
  public abstract Optional<String> statsProblem();

  /**
   * The reason in the last {@code Spider closed (reason)} line, which Scrapy logs after the stats
   * dump.
   *
   * @return the close reason, if logged
   */
  public abstract Optional<String> closeReason();

  /**
   * The log records of one level.
   *
   * @param level DEBUG, INFO, WARNING, ERROR or CRITICAL
   * @return the count, 0 if none
   */
  public long count(String level) {
    return levelCounts().getOrDefault(level, 0L);
  }

  /**
   * ERROR and CRITICAL records, counted in the log.
   *
   * @return the count
   */
  public long errorCount() {
    return count("ERROR") + count("CRITICAL");
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link LogSummary} values. */
  public static final class Builder extends ImmutableLogSummary.Builder {
    Builder() {}
  }
}
