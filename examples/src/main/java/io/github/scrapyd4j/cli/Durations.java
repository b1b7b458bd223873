package io.github.scrapyd4j.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a task file: {@code 90s}, {@code 1h30m}, or ISO-8601. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");

  private Durations() {}

  /**
   * {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, combined ({@code 1h30m}), or
   * ISO-8601 ({@code PT15M}).
   *
   * @throws IllegalArgumentException naming what is accepted
   */
  static Duration parse(String text) {
    String t = text.strip();
    if (WHOLE.matcher(t).matches()) {
      Duration d = Duration.ZERO;
      Matcher m = PART.matcher(t);
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "ms":
            d = d.plusMillis(n);
            break;
          case "s":
            d = d.plusSeconds(n);
            break;
          case "m":
            d = d.plusMinutes(n);
            break;
          case "h":
            d = d.plusHours(n);
            break;
          default:
            d = d.plusDays(n);
        }
      }
      return d;
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (write 30s, 15m, 2h,"
          + " 1h30m, 500ms, 1d, or ISO-8601 such as PT15M)");
    }
  }

  /** 1h30m, 15m, 2s, 250ms: the short form {@link #parse} reads. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    long millis = d.toMillisPart();
    if (days > 0) {
      b.append(days).append('d');
    }
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (minutes > 0) {
      b.append(minutes).append('m');
    }
    if (seconds > 0) {
      b.append(seconds).append('s');
    }
    if (millis > 0) {
      b.append(millis).append("ms");
    }
    return b.length() == 0 ? d.toString() : b.toString();
  }
}
