package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.logs.ScrapyStats;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;

/**
 * Writes {@link ScrapyStats} back as the Python dict literal Scrapy dumps, which {@link
 * ScrapyStats#parse(String)} reads again into equal stats: how {@link JdbcRunStore} keeps them
 * (types included: a {@code datetime} stays a date-time, which JSON would turn into a string).
 */
final class StatsText {
  private StatsText() {}

  static String write(ScrapyStats stats) {
    StringBuilder out = new StringBuilder(64 + 48 * stats.raw().size());
    value(out, stats.raw());
    return out.toString();
  }

  private static void value(StringBuilder out, Object v) {
    if (v == null) {
      out.append("None");
    } else if (v instanceof Boolean) {
      out.append((Boolean) v ? "True" : "False");
    } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger
        || v instanceof Short || v instanceof Byte) {
      out.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        out.append("nan");
      } else if (Double.isInfinite(d)) {
        out.append(d > 0 ? "inf" : "-inf");
      } else {
        out.append(Double.toString(d));
      }
    } else if (v instanceof String) {
      string(out, (String) v);
    } else if (v instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        value(out, e.getKey() instanceof String || e.getKey() == null ? e.getKey()
            : isPlain(e.getKey()) ? e.getKey() : String.valueOf(e.getKey()));
        out.append(": ");
        value(out, e.getValue());
      }
      out.append('}');
    } else if (v instanceof Collection) {
      out.append('[');
      boolean first = true;
      for (Object item : (Collection<?>) v) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        value(out, item);
      }
      out.append(']');
    } else if (v instanceof LocalDateTime) {
      dateTime(out, (LocalDateTime) v);
      out.append(')');
    } else if (v instanceof OffsetDateTime) {
      OffsetDateTime t = (OffsetDateTime) v;
      dateTime(out, t.toLocalDateTime());
      out.append(", tzinfo=");
      offset(out, t.getOffset());
      out.append(')');
    } else if (v instanceof LocalDate) {
      LocalDate d = (LocalDate) v;
      out.append("datetime.date(").append(d.getYear()).append(", ").append(d.getMonthValue())
          .append(", ").append(d.getDayOfMonth()).append(')');
    } else if (v instanceof Duration) {
      Duration d = (Duration) v;
      out.append("datetime.timedelta(seconds=").append(d.getSeconds())
          .append(", microseconds=").append(d.getNano() / 1000).append(')');
    } else if (v instanceof ZoneOffset) {
      offset(out, (ZoneOffset) v);
    } else if (v instanceof ZoneId) {
      out.append("zoneinfo.ZoneInfo(");
      string(out, ((ZoneId) v).getId());
      out.append(')');
    } else {
      string(out, String.valueOf(v));
    }
  }

  private static boolean isPlain(Object key) {
    return key instanceof Number || key instanceof Boolean;
  }

  private static void dateTime(StringBuilder out, LocalDateTime t) {
    out.append("datetime.datetime(").append(t.getYear()).append(", ").append(t.getMonthValue())
        .append(", ").append(t.getDayOfMonth()).append(", ").append(t.getHour()).append(", ")
        .append(t.getMinute()).append(", ").append(t.getSecond()).append(", ")
        .append(t.getNano() / 1000);
  }

  private static void offset(StringBuilder out, ZoneOffset offset) {
    if (offset.getTotalSeconds() == 0) {
      out.append("datetime.timezone.utc");
    } else {
      out.append("datetime.timezone(datetime.timedelta(seconds=")
          .append(offset.getTotalSeconds()).append("))");
    }
  }

  /** A Python str literal: single quotes, backslash escapes for quotes and control characters. */
  private static void string(StringBuilder out, String s) {
    out.append('\'');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '\\':
          out.append("\\\\");
          break;
        case '\'':
          out.append("\\'");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('\'');
  }
}
