package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.internal.Checks;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to recognise the first line of a log record and its level, for counting log lines per level.
 * Lines that do not match (continuation lines of multi-line messages, tracebacks, the stats dump)
 * belong to the record before them and are not counted.
 *
 * <pre>{@code
 * // LOG_FORMAT = "%(levelname)s %(asctime)s %(name)s: %(message)s"
 * LogFormat mine = LogFormat.of(Pattern.compile("^(?<level>[A-Z]+) \\d{4}-\\d{2}-\\d{2} "));
 * JobLogs logs = Jobs.builder(client).logFormat(mine).build().logs();
 * }</pre>
 */
public final class LogFormat {
  private static final String LEVELS = "DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL";
  /** Scrapy's LOG_FORMAT {@code %(asctime)s [%(name)s] %(levelname)s: %(message)s}. */
  private static final Pattern SCRAPY = Pattern.compile(
      "^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:\\s?(?:[+-]\\d{2}:?\\d{2}|Z|UTC))?"
          + "\\s+\\[[^\\]]*\\]\\s+(?<level>" + LEVELS + ")\\s*:");
  /** Any line that starts with a time stamp and names a level early on. */
  private static final Pattern LOOSE = Pattern.compile(
      "^\\[?\\d{2,4}[-/.:]\\d{2}[-/.:]\\d{2}.{0,100}?\\b(?<level>" + LEVELS + ")\\b");
  private static final LogFormat DEFAULT = new LogFormat(SCRAPY, LOOSE, "Scrapy's default LOG_FORMAT");

  private final Pattern record;
  private final Pattern fallback;
  private final String description;

  private LogFormat(Pattern record, Pattern fallback, String description) {
    this.record = record;
    this.fallback = fallback;
    this.description = description;
  }

  /**
   * Scrapy's default {@code LOG_FORMAT} ({@code 2026-11-23 18:27:14 [scrapy.core.engine] INFO:
   * ...}). When no line of a log matches it, lines that start with a date or time and name a
   * level within their first hundred characters are counted instead, which covers most custom
   * formats that keep {@code %(asctime)s} first.
   *
   * @return the default format
   */
  public static LogFormat scrapyDefault() {
    return DEFAULT;
  }

  /**
   * A custom format: a pattern that matches the first line of a record (with {@link
   * Matcher#find()}) and captures its level in a group named {@code level}.
   *
   * @param recordStart the pattern
   * @return the format
   * @throws IllegalArgumentException if the pattern has no group named {@code level}
   */
  public static LogFormat of(Pattern recordStart) {
    Checks.notNull("recordStart", recordStart);
    if (!recordStart.pattern().contains("(?<level>")) {
      throw new IllegalArgumentException(
          "recordStart must capture the level in a group named 'level', but was " + recordStart);
    }
    return new LogFormat(recordStart, null, "pattern " + recordStart.pattern());
  }

  /** The level of a record's first line (upper case, WARN as WARNING), or null. */
  String level(String line) {
    return level(record, line);
  }

  /** The level by the fallback pattern, or null (also when there is none). */
  String fallbackLevel(String line) {
    return fallback == null ? null : level(fallback, line);
  }

  private static String level(Pattern p, String line) {
    Matcher m = p.matcher(line);
    if (!m.find()) {
      return null;
    }
    String level = m.group("level").toUpperCase(Locale.ROOT);
    return level.equals("WARN") ? "WARNING" : level.equals("FATAL") ? "CRITICAL" : level;
  }

  @Override
  public String toString() {
    return "LogFormat{" + description + "}";
  }
}
