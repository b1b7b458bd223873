package io.github.scrapyd4j.egg.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A port of Python 3.11's {@code configparser.ConfigParser} with its defaults, as Scrapy and
 * scrapyd-deploy use it: delimiters {@code =} and {@code :}, full-line comments starting with
 * {@code #} or {@code ;} (no inline comments), continuation lines indented deeper than their
 * option, empty lines kept inside values, option names lower-cased, {@code [DEFAULT]} inherited by
 * every section, strict mode (a section or option repeated within one file is an error), and
 * {@code BasicInterpolation} ({@code %%}, {@code %(name)s}, at most 10 levels deep) applied when a
 * value is read, followed by an optional post-processing step (scrapyd-client expands environment
 * variables there).
 */
public final class PyConfigParser {
  /** The name of the section every other section inherits from. */
  public static final String DEFAULT_SECTION = "DEFAULT";
  private static final int MAX_INTERPOLATION_DEPTH = 10;

  /** What went wrong, named after Python's exception classes. */
  public enum ErrorKind {
    /** {@code MissingSectionHeaderError}. */
    MISSING_SECTION_HEADER,
    /** {@code ParsingError}: lines that are neither a section, an option nor a continuation. */
    PARSING,
    /** {@code DuplicateSectionError}. */
    DUPLICATE_SECTION,
    /** {@code DuplicateOptionError}. */
    DUPLICATE_OPTION,
    /** {@code InterpolationMissingOptionError}. */
    INTERPOLATION_MISSING_OPTION,
    /** {@code InterpolationSyntaxError}. */
    INTERPOLATION_SYNTAX,
    /** {@code InterpolationDepthError}. */
    INTERPOLATION_DEPTH
  }

  /** A parsing or interpolation error. */
  public static final class Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** What went wrong. */
    public final ErrorKind kind;
    /** The file (or source name), for reading errors. */
    public final String source;
    /** The first line concerned (1-based), for reading errors; 0 otherwise. */
    public final int line;

    Error(ErrorKind kind, String source, int line, String message) {
      super(message);
      this.kind = kind;
      this.source = source;
      this.line = line;
    }
  }

  private final LinkedHashMap<String, String> defaults = new LinkedHashMap<>();
  private final LinkedHashMap<String, LinkedHashMap<String, String>> sections =
      new LinkedHashMap<>();
  private final UnaryOperator<String> afterInterpolation;
  private final boolean keepCase;

  /**
   * Creates an empty parser.
   *
   * @param afterInterpolation applied to every value after interpolation (identity for plain
   *     {@code ConfigParser})
   */
  public PyConfigParser(UnaryOperator<String> afterInterpolation) {
    this(afterInterpolation, false);
  }

  /**
   * Creates an empty parser.
   *
   * @param afterInterpolation applied to every value after interpolation
   * @param keepCase true for {@code optionxform = str}, as setuptools reads {@code setup.cfg}
   *     (package names as option names keep their case)
   */
  public PyConfigParser(UnaryOperator<String> afterInterpolation, boolean keepCase) {
    this.afterInterpolation = afterInterpolation;
    this.keepCase = keepCase;
  }

  private String xform(String name) {
    return keepCase ? name : optionxform(name);
  }

  /**
   * Reads one file's text, like {@code ConfigParser.read_string(text, source)}: sections already
   * read from other files are extended, options overridden.
   *
   * @param source the file name, for messages
   * @param text the file's content
   * @throws Error for a missing section header, a repeated section or option, or bad lines
   */
  public void read(String source, String text) {
    Set<Object> added = new HashSet<>();
    Map<String, List<String>> cursect = null;
    Map<String, List<String>> pendingDefaults = new LinkedHashMap<>();
    Map<String, Map<String, List<String>>> pending = new LinkedHashMap<>();
    String sectname = null;
    String optname = null;
    int indentLevel = 0;
    List<Integer> badLines = new ArrayList<>();
    int firstBadLine = 0;
    List<String> lines = splitLines(text);
    for (int index = 0; index < lines.size(); index++) {
      int lineno = index + 1;
      String line = lines.get(index);
      String stripped = PyText.strip(line);
      boolean comment = stripped.startsWith("#") || stripped.startsWith(";");
      String value = comment ? "" : stripped;
      if (value.isEmpty()) {
        if (!comment && cursect != null && optname != null && !optname.isEmpty()
            && cursect.get(optname) != null) {
          cursect.get(optname).add("");
        }
        continue;
      }
      int firstNonSpace = PyText.firstNonSpace(line);
      int curIndent = firstNonSpace < 0 ? 0 : line.codePointCount(0, firstNonSpace);
      if (cursect != null && optname != null && !optname.isEmpty() && curIndent > indentLevel) {
        cursect.get(optname).add(value);
        continue;
      }
      indentLevel = curIndent;
      int close = value.lastIndexOf(']');
      if (value.startsWith("[") && close >= 2) {
        sectname = value.substring(1, close);
        if (sections.containsKey(sectname) || pending.containsKey(sectname)) {
          if (added.contains(sectname)) {
            throw new Error(ErrorKind.DUPLICATE_SECTION, source, lineno,
                "While reading from " + PyText.repr(source) + " [line " + pad(lineno)
                    + "]: section " + PyText.repr(sectname) + " already exists");
          }
          cursect = pending.computeIfAbsent(sectname, k -> new LinkedHashMap<>());
          added.add(sectname);
        } else if (sectname.equals(DEFAULT_SECTION)) {
          cursect = pendingDefaults;
        } else {
          sections.put(sectname, new LinkedHashMap<>());
          cursect = pending.computeIfAbsent(sectname, k -> new LinkedHashMap<>());
          added.add(sectname);
        }
        optname = null;
      } else if (cursect == null) {
        throw new Error(ErrorKind.MISSING_SECTION_HEADER, source, lineno,
            "File contains no section headers: " + PyText.repr(source) + " [line " + pad(lineno)
                + "] holds " + describe(value) + " before any [section]");
      } else {
        int delimiter = firstDelimiter(value);
        if (delimiter < 0) {
          // Python keeps the current option: a deeper-indented line after this one continues it.
          if (badLines.isEmpty()) {
            firstBadLine = lineno;
          }
          badLines.add(lineno);
          continue;
        }
        String rawName = PyText.rstrip(value.substring(0, delimiter));
        if (rawName.isEmpty()) {
          if (badLines.isEmpty()) {
            firstBadLine = lineno;
          }
          badLines.add(lineno);
        }
        optname = xform(rawName);
        List<Object> key = List.of(sectname, optname);
        if (added.contains(key)) {
          throw new Error(ErrorKind.DUPLICATE_OPTION, source, lineno,
              "While reading from " + PyText.repr(source) + " [line " + pad(lineno)
                  + "]: option " + PyText.repr(optname) + " in section " + PyText.repr(sectname)
                  + " already exists");
        }
        added.add(key);
        List<String> valueLines = new ArrayList<>();
        valueLines.add(PyText.strip(value.substring(delimiter + 1)));
        cursect.put(optname, valueLines);
      }
    }
    // _join_multiline_values: pending values of this file replace earlier ones.
    join(pendingDefaults, defaults);
    for (Map.Entry<String, Map<String, List<String>>> section : pending.entrySet()) {
      join(section.getValue(), sections.get(section.getKey()));
    }
    if (!badLines.isEmpty()) {
      // The lines are not quoted: one may be part of a password (a value wrapped without indent).
      throw new Error(ErrorKind.PARSING, source, firstBadLine,
          "Source contains parsing errors: " + PyText.repr(source) + " [line"
              + (badLines.size() == 1 ? " " : "s ")
              + badLines.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + "]: neither a [section], a key = value nor an indented continuation of a value");
    }
  }

  private static void join(Map<String, List<String>> from, Map<String, String> into) {
    for (Map.Entry<String, List<String>> option : from.entrySet()) {
      into.put(option.getKey(), PyText.rstrip(String.join("\n", option.getValue())));
    }
  }

  /** A line named by its key, never its value: "the key 'url'", or what kind of line it is. */
  private static String describe(String value) {
    int delimiter = firstDelimiter(value);
    String key = delimiter < 0 ? "" : PyText.rstrip(value.substring(0, delimiter));
    if (key.isEmpty()) {
      return "a line that is not a key = value";
    }
    return "the key " + PyText.repr(optionxform(key));
  }

  private static String pad(int lineno) {
    return lineno < 10 ? " " + lineno : Integer.toString(lineno);
  }

  private static int firstDelimiter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '=' || c == ':') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Python's default {@code optionxform}: lower case.
   *
   * @param name an option name
   * @return the name in lower case
   */
  public static String optionxform(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Python's universal newlines: {@code \r\n}, {@code \r} and {@code \n} end a line.
   *
   * @param text a file's text
   * @return its lines without terminators
   */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
      i++;
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /**
   * The section names in the order first read, without {@code DEFAULT}.
   *
   * @return the section names
   */
  public List<String> sections() {
    return List.copyOf(sections.keySet());
  }

  /**
   * Whether a section exists ({@code DEFAULT} does not count, as in Python).
   *
   * @param section the section name (case-sensitive)
   * @return whether it was read
   */
  public boolean hasSection(String section) {
    return sections.containsKey(section);
  }

  /**
   * The keys of a section, its own first and then {@code DEFAULT}'s, like Python's
   * {@code options(section)}; for {@code DEFAULT} itself, its keys.
   *
   * @param section the section name
   * @return the keys, or {@code null} if the section is absent
   */
  public List<String> options(String section) {
    if (section.equals(DEFAULT_SECTION)) {
      return List.copyOf(defaults.keySet());
    }
    Map<String, String> own = sections.get(section);
    if (own == null) {
      return null;
    }
    LinkedHashMap<String, String> keys = new LinkedHashMap<>(own);
    keys.putAll(defaults);
    return List.copyOf(keys.keySet());
  }

  /**
   * A value without interpolation: the section's own, else {@code DEFAULT}'s.
   *
   * @param section the section name
   * @param option the option name (any case)
   * @return the raw value, or {@code null} if absent (or the section is absent)
   */
  public String raw(String section, String option) {
    Map<String, String> merged = merged(section);
    return merged == null ? null : merged.get(xform(option));
  }

  /**
   * A value after interpolation and post-processing, like {@code ConfigParser.get}.
   *
   * @param section the section name
   * @param option the option name (any case)
   * @return the value, or {@code null} if absent
   * @throws Error if interpolation fails
   */
  public String get(String section, String option) {
    Map<String, String> merged = merged(section);
    if (merged == null) {
      return null;
    }
    String name = xform(option);
    String value = merged.get(name);
    return value == null ? null : afterInterpolation.apply(interpolate(section, name, value, merged));
  }

  /**
   * Every option of a section with {@code DEFAULT}'s first, interpolated, like
   * {@code ConfigParser.items(section)}.
   *
   * @param section the section name
   * @return the options in Python's order, empty if the section is absent
   * @throws Error if interpolation of any value fails
   */
  public Map<String, String> items(String section) {
    Map<String, String> merged = merged(section);
    if (merged == null) {
      return Collections.emptyMap();
    }
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> option : merged.entrySet()) {
      out.put(option.getKey(), afterInterpolation.apply(
          interpolate(section, option.getKey(), option.getValue(), merged)));
    }
    return out;
  }

  private Map<String, String> merged(String section) {
    LinkedHashMap<String, String> merged = new LinkedHashMap<>(defaults);
    if (section.equals(DEFAULT_SECTION)) {
      return merged;
    }
    Map<String, String> own = sections.get(section);
    if (own == null) {
      return null;
    }
    merged.putAll(own);
    return merged;
  }

  private static String interpolate(
      String section, String option, String value, Map<String, String> map) {
    StringBuilder out = new StringBuilder();
    interpolateSome(section, option, option, out, value, map, 1);
    return out.toString();
  }

  /**
   * Whether a key's value must never be quoted, not even in part: a password or the like. The
   * messages below never quote a value anyway (a URL's user information can hold a password
   * too); this decides whether the name of an interpolation key found inside it may be quoted.
   */
  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("pass") || k.contains("secret") || k.contains("token")
        || k.contains("key");
  }

  /**
   * Python's BasicInterpolation, with messages that name the option, the section and (unless
   * it holds a secret) the key referred to, but never quote a value: the raw value or the rest
   * of it can be a password, or a URL with one.
   *
   * @param owner the key whose value {@code rest} comes from (the option itself, or a key it
   *     refers to)
   */
  private static void interpolateSome(String section, String option, String owner,
      StringBuilder accum, String rest, Map<String, String> map, int depth) {
    if (depth > MAX_INTERPOLATION_DEPTH) {
      throw new Error(ErrorKind.INTERPOLATION_DEPTH, null, 0,
          "Recursion limit exceeded in value substitution: option " + PyText.repr(option)
              + " in section " + PyText.repr(section)
              + " contains an interpolation key which cannot be substituted in "
              + MAX_INTERPOLATION_DEPTH + " steps");
    }
    String where = " (in option " + PyText.repr(option) + " of section " + PyText.repr(section)
        + (owner.equals(option) ? "" : ", in the value of " + PyText.repr(owner)) + ")";
    while (!rest.isEmpty()) {
      int p = rest.indexOf('%');
      if (p < 0) {
        accum.append(rest);
        return;
      }
      if (p > 0) {
        accum.append(rest, 0, p);
        rest = rest.substring(p);
      }
      char c = rest.length() > 1 ? rest.charAt(1) : '\0';
      if (rest.length() > 1 && c == '%') {
        accum.append('%');
        rest = rest.substring(2);
      } else if (rest.length() > 1 && c == '(') {
        int close = rest.indexOf(')', 2);
        if (close < 0 || close == 2 || close + 1 >= rest.length() || rest.charAt(close + 1) != 's') {
          throw new Error(ErrorKind.INTERPOLATION_SYNTAX, null, 0,
              "bad interpolation variable reference: '%(' not followed by a name and ')s'"
                  + where);
        }
        String var = optionxform(rest.substring(2, close));
        rest = rest.substring(close + 2);
        String v = map.get(var);
        if (v == null) {
          throw new Error(ErrorKind.INTERPOLATION_MISSING_OPTION, null, 0,
              "Bad value substitution: option " + PyText.repr(option) + " in section "
                  + PyText.repr(section) + " contains an interpolation key "
                  + (isSecret(owner) ? "" : PyText.repr(var) + " ")
                  + "which is not a valid option name" + where);
        }
        if (v.indexOf('%') >= 0) {
          interpolateSome(section, option, var, accum, v, map, depth + 1);
        } else {
          accum.append(v);
        }
      } else {
        throw new Error(ErrorKind.INTERPOLATION_SYNTAX, null, 0,
            "'%' must be followed by '%' or '('" + where);
      }
    }
  }
}
