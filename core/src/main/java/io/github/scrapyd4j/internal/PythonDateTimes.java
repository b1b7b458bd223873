package io.github.scrapyd4j.internal;

import java.time.LocalDateTime;

/**
 * Reads the times Scrapyd sends: Python's {@code str(datetime)} of a naive local time, {@code
 * 2026-11-23 18:27:10.217898}. The fraction is left out when the microsecond is 0, and a {@code T}
 * separator ({@code isoformat()}) is accepted too.
 */
public final class PythonDateTimes {
  private PythonDateTimes() {}

  public static LocalDateTime parse(String text) {
    int n = text.length();
    if (n < 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || (text.charAt(10) != ' ' && text.charAt(10) != 'T')
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      throw new IllegalArgumentException("not a date-time like 2026-11-23 18:27:10.217898: '" + text + "'");
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    if (n > 19) {
      if (text.charAt(19) != '.' || n == 20 || n > 29) {
        throw new IllegalArgumentException("bad fraction of a second in '" + text + "'");
      }
      nanos = digits(text, 20, n);
      for (int i = n; i < 29; i++) {
        nanos *= 10;
      }
    }
    return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a date-time: '" + text + "'");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
