package io.github.scrapyd4j.tasks;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed cron expression, matched against local date-times (the time zone is {@link Trigger}'s
 * business). Five fields ({@code minute hour day-of-month month day-of-week}) or six (a second
 * first); {@code *}, {@code ?}, values, ranges {@code a-b}, steps {@code * / n}, {@code a-b/n} and
 * {@code a/n}, lists, month and day names, day of week 0-7 (0 and 7 are Sunday), and the macros
 * {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code
 * @midnight} and {@code @hourly}. As in Vixie cron, when both day fields are restricted (neither
 * starts with {@code *} or {@code ?}), a day matches if either matches.
 */
final class CronExpression {
  private static final List<String> MONTHS = List.of(
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String text;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domStar;
  private final boolean dowStar;

  private CronExpression(String text, String[] f) {
    this.text = text;
    boolean six = f.length == 6;
    int i = 0;
    this.seconds = six ? field(text, "second", f[i++], 0, 59, null) : single(0);
    this.minutes = field(text, "minute", f[i++], 0, 59, null);
    this.hours = field(text, "hour", f[i++], 0, 23, null);
    String dom = f[i++];
    this.daysOfMonth = field(text, "day-of-month", dom, 1, 31, null);
    this.months = field(text, "month", f[i++], 1, 12, MONTHS);
    String dow = f[i];
    BitSet dows = field(text, "day-of-week", dow, 0, 7, DAYS);
    if (dows.get(7)) {
      dows.set(0);
      dows.clear(7);
    }
    this.daysOfWeek = dows;
    this.domStar = dom.startsWith("*") || dom.equals("?");
    this.dowStar = dow.startsWith("*") || dow.equals("?");
  }

  /**
   * Parses an expression.
   *
   * @param expression the expression
   * @return the parsed expression
   * @throws IllegalArgumentException naming the field and what is wrong
   */
  static CronExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("cron expression must not be blank");
    }
    String text = expression.trim();
    String expanded = macro(text);
    String[] fields = expanded.split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      throw new IllegalArgumentException("cron expression '" + text + "' has " + fields.length
          + " fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (a second"
          + " first)");
    }
    CronExpression cron = new CronExpression(text, fields);
    LocalDateTime probe = LocalDateTime.of(2000, 1, 1, 0, 0);
    if (cron.nextLocal(probe).isEmpty()) {
      throw new IllegalArgumentException("cron expression '" + text
          + "' never matches a date (such as the 30th of February)");
    }
    return cron;
  }

  private static String macro(String text) {
    if (!text.startsWith("@")) {
      return text;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "@yearly":
      case "@annually":
        return "0 0 1 1 *";
      case "@monthly":
        return "0 0 1 * *";
      case "@weekly":
        return "0 0 * * 0";
      case "@daily":
      case "@midnight":
        return "0 0 * * *";
      case "@hourly":
        return "0 * * * *";
      default:
        throw new IllegalArgumentException("cron expression '" + text + "': unknown macro; use"
            + " @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly");
    }
  }

  private static BitSet single(int value) {
    BitSet bits = new BitSet();
    bits.set(value);
    return bits;
  }

  private static BitSet field(String text, String name, String field, int min, int max,
      List<String> names) {
    BitSet bits = new BitSet(max + 1);
    for (String part : field.split(",", -1)) {
      if (part.isEmpty()) {
        throw bad(text, name, "an empty list element in '" + field + "'");
      }
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(text, name, part.substring(slash + 1), 1, Integer.MAX_VALUE, null, "step");
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        if (range.equals("?") && !name.startsWith("day-of")) {
          throw bad(text, name, "'?' is only allowed in the day-of-month and day-of-week fields");
        }
        from = min;
        to = max == 7 ? 6 : max;
      } else {
        int dash = range.indexOf('-');
        if (dash > 0) {
          from = number(text, name, range.substring(0, dash), min, max, names, "value");
          to = number(text, name, range.substring(dash + 1), min, max, names, "value");
          if (to < from) {
            throw bad(text, name, "range " + range + " goes backwards");
          }
        } else {
          from = number(text, name, range, min, max, names, "value");
          to = slash >= 0 ? (max == 7 ? 6 : max) : from;
        }
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
        if (v > Integer.MAX_VALUE - step) {
          break;
        }
      }
    }
    return bits;
  }

  private static int number(String text, String name, String value, int min, int max,
      List<String> names, String what) {
    if (names != null) {
      int at = names.indexOf(value.toUpperCase(Locale.ROOT));
      if (at >= 0) {
        return names == MONTHS ? at + 1 : at;
      }
    }
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      String hint = value.matches(".*[LW#].*")
          ? " (L, W and # are not supported)" : names != null ? " (a number or a name such as "
              + names.get(0) + ")" : "";
      throw bad(text, name, what + " '" + value + "' is not a number" + hint);
    }
    long n = value.length() > 9 ? Long.MAX_VALUE : Long.parseLong(value);
    if (n < min || n > max) {
      throw bad(text, name, what + " " + value + " is out of range "
          + (what.equals("step") ? "1 and up" : min + "-" + max));
    }
    return (int) n;
  }

  private static IllegalArgumentException bad(String text, String field, String problem) {
    return new IllegalArgumentException("cron expression '" + text + "': " + field + " field: "
        + problem);
  }

  /**
   * Whether the expression matches every hour: then a time of a repeated (daylight-saving
   * overlap) hour fires at both offsets, as for any other hour.
   */
  boolean everyHour() {
    return hours.cardinality() == 24;
  }

  /**
   * The first matching local date-time at or after {@code from} (rounded up to a whole second),
   * within about 30 years.
   */
  Optional<LocalDateTime> nextLocal(LocalDateTime from) {
    LocalDateTime t = from.getNano() == 0 ? from : from.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    int lastYear = t.getYear() + 30;
    while (t.getYear() <= lastYear) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
        continue;
      }
      if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      int h = hours.nextSetBit(t.getHour());
      if (h < 0) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      if (h != t.getHour()) {
        t = t.toLocalDate().atTime(h, 0);
        continue;
      }
      int m = minutes.nextSetBit(t.getMinute());
      if (m < 0) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if (m != t.getMinute()) {
        t = t.truncatedTo(ChronoUnit.HOURS).withMinute(m);
        continue;
      }
      int s = seconds.nextSetBit(t.getSecond());
      if (s < 0) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        continue;
      }
      return Optional.of(t.withSecond(s));
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate date) {
    boolean dom = daysOfMonth.get(date.getDayOfMonth());
    boolean dow = daysOfWeek.get(date.getDayOfWeek() == DayOfWeek.SUNDAY
        ? 0 : date.getDayOfWeek().getValue());
    return domStar || dowStar ? dom && dow : dom || dow;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression && ((CronExpression) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
