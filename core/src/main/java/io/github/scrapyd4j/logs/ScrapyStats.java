package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.logs.internal.AllowNulls;
import io.github.scrapyd4j.logs.internal.PythonLiteral;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * Scrapy's final stats, as its log dumps them at the end of a crawl ({@code Dumping Scrapy
 * stats:} and a Python dict): typed accessors for what tells how a crawl went, and {@link #raw()}
 * for everything else.
 *
 * <pre>{@code
 * ScrapyStats stats = JobLogs.of(client).stats(job).orElseThrow();
 * System.out.println(stats.finishReason().orElse("?") + ": " + stats.itemsScraped() + " items, "
 *     + stats.responseStatusCounts().getOrDefault(404, 0L) + " not found, in " + stats.elapsed().orElse(null));
 * }</pre>
 *
 * <p>Counts Scrapy did not record (it records none that stayed at zero) are 0.
 */
@Value.Immutable
@ScrapydStyle
public abstract class ScrapyStats {
  ScrapyStats() {}

  /**
   * Every stat, as Python wrote it: str → String, int → Long (BigInteger if larger), float →
   * Double, bool → Boolean, None → {@code null}, list/tuple → List, dict → Map, {@code
   * datetime.datetime} → LocalDateTime (OffsetDateTime with a {@code tzinfo}), other objects →
   * their text.
   *
   * @return stat names to values, in the order of the dump
   */
  @AllowNulls
  public abstract Map<String, Object> raw();

  /**
   * Why the spider closed ({@code finish_reason}): {@code finished} when it ran out of work,
   * {@code shutdown} when stopped by a signal (Scrapyd's {@code cancel}), {@code closespider_*}
   * when a {@code CLOSESPIDER_*} limit was reached, or what the spider passed to {@code
   * close_spider}.
   *
   * @return the finish reason, if recorded
   */
  public Optional<String> finishReason() {
    Object v = raw().get("finish_reason");
    return v instanceof String ? Optional.of((String) v) : Optional.empty();
  }

  /**
   * Items scraped ({@code item_scraped_count}).
   *
   * @return the count
   */
  public long itemsScraped() {
    return count("item_scraped_count");
  }

  /**
   * Items dropped by pipelines ({@code item_dropped_count}).
   *
   * @return the count
   */
  public long itemsDropped() {
    return count("item_dropped_count");
  }

  /**
   * Requests the downloader sent ({@code downloader/request_count}).
   *
   * @return the count
   */
  public long requests() {
    return count("downloader/request_count");
  }

  /**
   * Responses the downloader got ({@code downloader/response_count}).
   *
   * @return the count
   */
  public long responses() {
    return count("downloader/response_count");
  }

  /**
   * Responses that reached the engine ({@code response_received_count}).
   *
   * @return the count
   */
  public long responsesReceived() {
    return count("response_received_count");
  }

  /**
   * Responses by HTTP status ({@code downloader/response_status_count/<code>}).
   *
   * @return status codes to counts, in code order
   */
  @Value.Lazy
  public Map<Integer, Long> responseStatusCounts() {
    Map<Integer, Long> out = new TreeMap<>();
    String prefix = "downloader/response_status_count/";
    for (Map.Entry<String, Object> e : raw().entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue() instanceof Number) {
        try {
          out.put(Integer.parseInt(e.getKey().substring(prefix.length())),
              ((Number) e.getValue()).longValue());
        } catch (NumberFormatException ignored) {
          // not a status code
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Log records per level ({@code log_count/<LEVEL>}), as Scrapy counted them up to the dump.
   *
   * @return level names (DEBUG, INFO, WARNING, ERROR, CRITICAL) to counts
   */
  @Value.Lazy
  public Map<String, Long> logCounts() {
    return counts("log_count/", true);
  }

  /**
   * Exceptions raised in spider callbacks, by exception class ({@code spider_exceptions/<Name>}).
   *
   * @return class names to counts
   */
  @Value.Lazy
  public Map<String, Long> spiderExceptions() {
    return counts("spider_exceptions/", false);
  }

  /**
   * ERROR and CRITICAL log records, as Scrapy counted them.
   *
   * @return the count
   */
  public long errorCount() {
    return logCounts().getOrDefault("ERROR", 0L) + logCounts().getOrDefault("CRITICAL", 0L);
  }

  /**
   * How long the crawl ran ({@code elapsed_time_seconds}, else finish minus start time).
   *
   * @return the elapsed time, if recorded
   */
  public Optional<Duration> elapsed() {
    Object v = raw().get("elapsed_time_seconds");
    if (v instanceof Number) {
      return Optional.of(Duration.ofNanos(Math.round(((Number) v).doubleValue() * 1e9)));
    }
    Optional<Instant> start = startTime();
    Optional<Instant> finish = finishTime();
    return start.isPresent() && finish.isPresent()
        ? Optional.of(Duration.between(start.get(), finish.get()))
        : Optional.empty();
  }

  /**
   * When the spider opened ({@code start_time}). Scrapy records UTC: a time without a zone
   * (Scrapy before 2.11) is read as UTC.
   *
   * @return the start time, if recorded
   */
  public Optional<Instant> startTime() {
    return instant("start_time");
  }

  /**
   * When the spider closed ({@code finish_time}), read as {@link #startTime()} is.
   *
   * @return the finish time, if recorded
   */
  public Optional<Instant> finishTime() {
    return instant("finish_time");
  }

  /**
   * A number stat, such as {@code dupefilter/filtered} or {@code memusage/max}.
   *
   * @param name the stat name
   * @return its value, or 0 when absent or not a number
   */
  public long count(String name) {
    Object v = raw().get(Checks.notNull("name", name));
    return v instanceof Number ? ((Number) v).longValue() : 0;
  }

  /**
   * Any stat.
   *
   * @param name the stat name
   * @return its value, empty when absent or None
   */
  public Optional<Object> value(String name) {
    return Optional.ofNullable(raw().get(Checks.notNull("name", name)));
  }

  private Map<String, Long> counts(String prefix, boolean upper) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : raw().entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue() instanceof Number) {
        String key = e.getKey().substring(prefix.length());
        out.put(upper ? key.toUpperCase(Locale.ROOT) : key, ((Number) e.getValue()).longValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private Optional<Instant> instant(String name) {
    Object v = raw().get(name);
    if (v instanceof LocalDateTime) {
      return Optional.of(((LocalDateTime) v).toInstant(ZoneOffset.UTC));
    }
    if (v instanceof OffsetDateTime) {
      return Optional.of(((OffsetDateTime) v).toInstant());
    }
    return Optional.empty();
  }

  /**
   * Reads a stats dump: the Python dict literal Scrapy writes after {@code Dumping Scrapy
   * stats:}.
   *
   * @param dictLiteral the text, from its opening {@code {} to its closing {@code }}
   * @return the stats
   * @throws IllegalArgumentException if the text is not a Python dict literal
   */
  public static ScrapyStats parse(String dictLiteral) {
    Checks.notNull("dictLiteral", dictLiteral);
    Object value = PythonLiteral.parse(dictLiteral);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("the stats dump is not a dict: "
          + (dictLiteral.length() > 80 ? dictLiteral.substring(0, 80) + "..." : dictLiteral));
    }
    Builder builder = builder();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      builder.putRaw(String.valueOf(e.getKey()), e.getValue());
    }
    return builder.build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ScrapyStats} values. */
  public static final class Builder extends ImmutableScrapyStats.Builder {
    Builder() {}
  }
}
