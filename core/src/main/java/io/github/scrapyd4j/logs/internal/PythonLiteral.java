package io.github.scrapyd4j.logs.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Python literal as {@code repr()} and {@code pprint.pformat()} write it: what Scrapy's
 * {@code Dumping Scrapy stats:} block holds.
 *
 * <p>Values become: {@code str}/{@code bytes} → String (bytes as ISO-8859-1), {@code int} → Long
 * (BigInteger when larger), {@code float} → Double, {@code True}/{@code False} → Boolean, {@code
 * None} → null, list/tuple/set → unmodifiable List, dict → unmodifiable LinkedHashMap (in source
 * order), {@code datetime.datetime(...)} → LocalDateTime, or OffsetDateTime with a {@code tzinfo},
 * {@code datetime.date} → LocalDate, {@code datetime.timedelta} → Duration, {@code
 * datetime.timezone...} → ZoneOffset. Anything else that is well bracketed (another call, {@code
 * <object at 0x...>}, a bare name) → its source text as a String.
 */
public final class PythonLiteral {
  private final String s;
  private int i;

  private PythonLiteral(String s) {
    this.s = s;
  }

  /** A syntax error, with its position. */
  public static final class SyntaxError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  /** Parses one literal, which must make up the whole text (white space aside). */
  public static Object parse(String text) {
    PythonLiteral p = new PythonLiteral(text);
    Object value = p.value();
    p.ws();
    if (p.i < text.length()) {
      throw p.error("unexpected text after the value");
    }
    return value;
  }

  private SyntaxError error(String what) {
    int from = Math.max(0, i - 20);
    int to = Math.min(s.length(), i + 20);
    return new SyntaxError(what + " at offset " + i + " near '" + s.substring(from, to) + "'");
  }

  private void ws() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
        i++;
      } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        i += 2; // explicit line continuation
      } else {
        return;
      }
    }
  }

  private boolean eat(char c) {
    ws();
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!eat(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private Object value() {
    ws();
    if (i >= s.length()) {
      throw error("unexpected end of text");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return dict();
      case '[':
        i++;
        return Collections.unmodifiableList(items(']'));
      case '(':
        return parenthesized();
      case '<':
        return angle();
      case '\'':
      case '"':
        return strings();
      default:
        break;
    }
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      if (isStringPrefix()) {
        return strings();
      }
      return name();
    }
    throw error("unexpected character '" + c + "'");
  }

  private Object dict() {
    i++; // {
    if (eat('}')) {
      return Collections.unmodifiableMap(new LinkedHashMap<>());
    }
    Object first = value();
    if (eat(':')) {
      Map<Object, Object> map = new LinkedHashMap<>();
      map.put(first, value());
      while (eat(',')) {
        if (eat('}')) {
          return Collections.unmodifiableMap(map);
        }
        Object key = value();
        expect(':');
        map.put(key, value());
      }
      expect('}');
      return Collections.unmodifiableMap(map);
    }
    // a set literal
    List<Object> set = new ArrayList<>();
    set.add(first);
    while (eat(',')) {
      if (eat('}')) {
        return Collections.unmodifiableList(set);
      }
      set.add(value());
    }
    expect('}');
    return Collections.unmodifiableList(set);
  }

  private List<Object> items(char close) {
    List<Object> list = new ArrayList<>();
    if (eat(close)) {
      return list;
    }
    list.add(value());
    while (eat(',')) {
      if (eat(close)) {
        return list;
      }
      list.add(value());
    }
    expect(close);
    return list;
  }

  /** A tuple, or a value in parentheses (pprint wraps long strings so). */
  private Object parenthesized() {
    i++; // (
    if (eat(')')) {
      return Collections.emptyList();
    }
    Object first = value();
    if (eat(')')) {
      return first;
    }
    List<Object> tuple = new ArrayList<>();
    tuple.add(first);
    while (eat(',')) {
      if (eat(')')) {
        return Collections.unmodifiableList(tuple);
      }
      tuple.add(value());
    }
    expect(')');
    return Collections.unmodifiableList(tuple);
  }

  /** {@code <scrapy.Foo object at 0x7f...>}: kept as text. */
  private Object angle() {
    int start = i;
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '<') {
        depth++;
      } else if (c == '>' && --depth == 0) {
        return s.substring(start, i);
      } else if (c == '\n') {
        break;
      }
    }
    i = start;
    throw error("unclosed '<'");
  }

  private boolean isStringPrefix() {
    int j = i;
    while (j < s.length() && j - i < 2 && "rRbBuUfF".indexOf(s.charAt(j)) >= 0) {
      j++;
    }
    return j > i && j < s.length() && (s.charAt(j) == '\'' || s.charAt(j) == '"');
  }

  /** One string literal, or several adjacent ones, concatenated as Python does. */
  private String strings() {
    StringBuilder out = new StringBuilder();
    do {
      string(out);
      ws();
    } while (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"' || isStringPrefix()));
    return out.toString();
  }

  private void string(StringBuilder out) {
    boolean raw = false;
    boolean bytes = false;
    while (s.charAt(i) != '\'' && s.charAt(i) != '"') {
      char p = Character.toLowerCase(s.charAt(i++));
      raw |= p == 'r';
      bytes |= p == 'b';
    }
    char quote = s.charAt(i);
    boolean triple = s.startsWith(String.valueOf(quote).repeat(3), i);
    i += triple ? 3 : 1;
    StringBuilder text = bytes ? new StringBuilder() : out;
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i);
      if (c == quote && (!triple || s.startsWith(String.valueOf(quote).repeat(3), i))) {
        i += triple ? 3 : 1;
        break;
      }
      if (c == '\n' && !triple) {
        throw error("unterminated string");
      }
      if (c != '\\') {
        text.append(c);
        i++;
        continue;
      }
      if (i + 1 >= s.length()) {
        throw error("unterminated string");
      }
      char e = s.charAt(i + 1);
      if (raw) {
        text.append(c).append(e);
        i += 2;
        continue;
      }
      i += 2;
      switch (e) {
        case '\n':
          break;
        case '\\':
        case '\'':
        case '"':
          text.append(e);
          break;
        case 'n':
          text.append('\n');
          break;
        case 'r':
          text.append('\r');
          break;
        case 't':
          text.append('\t');
          break;
        case 'a':
          text.append('\u0007');
          break;
        case 'b':
          text.append('\b');
          break;
        case 'f':
          text.append('\f');
          break;
        case 'v':
          text.append('\u000b');
          break;
        case 'x':
          text.appendCodePoint(hex(2));
          break;
        case 'u':
          if (bytes) {
            text.append("\\u");
          } else {
            text.appendCodePoint(hex(4));
          }
          break;
        case 'U':
          if (bytes) {
            text.append("\\U");
          } else {
            text.appendCodePoint(hex(8));
          }
          break;
        case 'N':
          int close = s.indexOf('}', i);
          if (bytes || i >= s.length() || s.charAt(i) != '{' || close < 0) {
            text.append("\\N");
          } else {
            text.append("\\N").append(s, i, close + 1); // named characters are kept as written
            i = close + 1;
          }
          break;
        default:
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
              value = value * 8 + (s.charAt(i++) - '0');
            }
            text.appendCodePoint(value);
          } else {
            text.append('\\').append(e); // unknown escapes stay as written
          }
      }
    }
    if (bytes) {
      // bytes repr: each char is one byte; keep them as ISO-8859-1 text
      out.append(new String(text.toString().getBytes(StandardCharsets.ISO_8859_1),
          StandardCharsets.ISO_8859_1));
    }
  }

  private int hex(int digits) {
    if (i + digits > s.length()) {
      throw error("short \\x, \\u or \\U escape");
    }
    try {
      int cp = Integer.parseInt(s.substring(i, i + digits), 16);
      i += digits;
      if (!Character.isValidCodePoint(cp)) {
        throw error("bad code point");
      }
      return cp;
    } catch (NumberFormatException e) {
      throw error("bad hex escape");
    }
  }

  private Object number() {
    int start = i;
    if (s.charAt(i) == '-' || s.charAt(i) == '+') {
      i++;
      ws();
      if (i < s.length() && Character.isLetter(s.charAt(i))) {
        Object named = name();
        if (named instanceof Double) {
          return s.charAt(start) == '-' ? -(Double) named : named;
        }
        throw error("a sign before a name");
      }
    }
    int digitsStart = i;
    boolean isFloat = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || c == '_') {
        i++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        isFloat = true;
        i++;
        if ((c == 'e' || c == 'E') && i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
          i++;
        }
      } else {
        break;
      }
    }
    String text = (s.charAt(start) == '-' ? "-" : "") + s.substring(digitsStart, i).replace("_", "");
    if (text.isEmpty() || text.equals("-")) {
      throw error("bad number");
    }
    try {
      if (isFloat) {
        return Double.parseDouble(text);
      }
      if ((text.equals("0") || text.equals("-0"))
          && i < s.length() && "xXoObB".indexOf(s.charAt(i)) >= 0) {
        return prefixedInteger(start);
      }
      BigInteger big = new BigInteger(text);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    } catch (NumberFormatException e) {
      throw error("bad number '" + text + "'");
    }
  }

  private Object prefixedInteger(int start) {
    boolean negative = s.charAt(start) == '-';
    char kind = Character.toLowerCase(s.charAt(i++));
    int radix = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
    int from = i;
    while (i < s.length() && (Character.digit(s.charAt(i), radix) >= 0 || s.charAt(i) == '_')) {
      i++;
    }
    BigInteger big = new BigInteger(s.substring(from, i).replace("_", ""), radix);
    if (negative) {
      big = big.negate();
    }
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  /** A (dotted) name: a constant, or a call such as {@code datetime.datetime(...)}. */
  private Object name() {
    int start = i;
    while (i < s.length()
        && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
      i++;
    }
    String name = s.substring(start, i);
    switch (name) {
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "None":
        return null;
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "nan":
        return Double.NaN;
      case "datetime.timezone.utc":
      case "timezone.utc":
        return ZoneOffset.UTC;
      default:
        break;
    }
    int afterName = i;
    ws();
    if (i >= s.length() || s.charAt(i) != '(') {
      i = afterName;
      return name;
    }
    i++;
    List<Object> args = new ArrayList<>();
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (!eat(')')) {
      do {
        ws();
        if (i < s.length() && s.charAt(i) == ')') {
          break;
        }
        int mark = i;
        String keyword = keyword();
        if (keyword != null) {
          kwargs.put(keyword, value());
        } else {
          i = mark;
          args.add(value());
        }
      } while (eat(','));
      expect(')');
    }
    String source = s.substring(start, i);
    try {
      Object known = call(name, args, kwargs);
      return known != null ? known : source;
    } catch (RuntimeException e) {
      return source; // a known name with arguments we do not understand: keep its text
    }
  }

  /** {@code name=} (not {@code ==}) at the current position, or null. */
  private String keyword() {
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    if (i == start) {
      return null;
    }
    String word = s.substring(start, i);
    ws();
    if (i < s.length() && s.charAt(i) == '=' && (i + 1 >= s.length() || s.charAt(i + 1) != '=')) {
      i++;
      return word;
    }
    return null;
  }

  private static Object call(String name, List<Object> args, Map<String, Object> kwargs) {
    switch (name) {
      case "datetime.datetime":
      case "datetime":
        return dateTime(args, kwargs);
      case "datetime.date":
      case "date":
        return LocalDate.of(toInt(args.get(0)), toInt(args.get(1)), toInt(args.get(2)));
      case "datetime.timedelta":
      case "timedelta":
        return timedelta(args, kwargs);
      case "datetime.timezone":
      case "timezone":
        Object delta = args.isEmpty() ? kwargs.get("offset") : args.get(0);
        return delta instanceof Duration ? ZoneOffset.ofTotalSeconds((int) ((Duration) delta).getSeconds()) : null;
      case "zoneinfo.ZoneInfo":
      case "ZoneInfo":
        Object key = args.isEmpty() ? kwargs.get("key") : args.get(0);
        return key instanceof String ? ZoneId.of((String) key) : null;
      default:
        return null;
    }
  }

  private static Object dateTime(List<Object> args, Map<String, Object> kwargs) {
    int[] fields = new int[7];
    String[] names = {"year", "month", "day", "hour", "minute", "second", "microsecond"};
    for (int k = 0; k < 7; k++) {
      Object v = k < args.size() ? args.get(k) : kwargs.get(names[k]);
      if (v == null && k < 3) {
        return null;
      }
      fields[k] = v == null ? 0 : toInt(v);
    }
    if (args.size() > 7 && !kwargs.containsKey("tzinfo")) {
      kwargs.put("tzinfo", args.get(7));
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
          fields[6] * 1000);
    } catch (DateTimeException e) {
      return null;
    }
    Object tz = kwargs.get("tzinfo");
    if (tz == null) {
      return local;
    }
    if (tz instanceof ZoneOffset) {
      return OffsetDateTime.of(local, (ZoneOffset) tz);
    }
    if (tz instanceof ZoneId) {
      return local.atZone((ZoneId) tz).toOffsetDateTime();
    }
    return null;
  }

  private static Duration timedelta(List<Object> args, Map<String, Object> kwargs) {
    String[] names = {"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"};
    long[] scale = {86_400_000_000L, 1_000_000L, 1L, 1_000L, 60_000_000L, 3_600_000_000L,
        604_800_000_000L};
    double micros = 0;
    for (int k = 0; k < names.length; k++) {
      Object v = k < args.size() ? args.get(k) : kwargs.get(names[k]);
      if (v != null) {
        micros += ((Number) v).doubleValue() * scale[k];
      }
    }
    long whole = Math.round(micros);
    return Duration.ofSeconds(Math.floorDiv(whole, 1_000_000L), Math.floorMod(whole, 1_000_000L) * 1000);
  }

  private static int toInt(Object v) {
    if (v instanceof Long) {
      return Math.toIntExact((Long) v);
    }
    throw new IllegalArgumentException("not an int: " + v);
  }
}
