package io.github.scrapyd4j.egg.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One path pattern, matched against {@code /}-separated paths relative to a root (like
 * {@code .gitignore} lines, without negation):
 *
 * <ul>
 *   <li>{@code *} matches any characters but {@code /}; {@code ?} one character but {@code /};
 *       {@code [abc]}, {@code [a-z]}, {@code [!abc]} one character of (or not of) a set;
 *       {@code {json,csv}} one of the alternatives; {@code \} escapes the next character.
 *   <li>{@code **} as a whole segment matches any number of folders, none included.
 *   <li>A pattern without {@code /} (a trailing one aside) matches a name at any depth; with a
 *       {@code /} it is anchored to the root (a leading {@code /} only anchors).
 *   <li>A trailing {@code /} matches folders only.
 * </ul>
 */
public final class Glob {
  /** How a simple pattern (one segment, no {@code /}, at most a leading and a trailing *) matches. */
  enum Simple {
    /** The name equals the literal. */
    EXACT,
    /** The name ends with the literal ({@code *.pyc}). */
    SUFFIX,
    /** The name starts with the literal ({@code ._*}). */
    PREFIX,
    /** The name contains the literal ({@code *cache*}). */
    CONTAINS
  }

  private final String text;
  private final boolean directoryOnly;
  private final boolean anchored;
  private final List<String> regexTexts;
  private volatile List<Pattern> regexes;
  /** Non-null for a simple pattern matched against the last path segment without a regex. */
  private final Simple simple;
  private final String literal;
  /** Non-null for an anchored pattern without wildcards: the path it matches. */
  private final String literalPath;
  /** Segments of each alternative, for {@link #mightMatchBelow}. */
  private final List<List<String>> alternatives;

  private Glob(String text, boolean directoryOnly, boolean anchored, List<String> regexTexts,
      List<List<String>> alternatives, Simple simple, String literal) {
    this.text = text;
    this.directoryOnly = directoryOnly;
    this.anchored = anchored;
    this.regexTexts = regexTexts;
    this.alternatives = alternatives;
    this.simple = simple;
    this.literal = literal;
    this.literalPath = anchored && alternatives.size() == 1
        && alternatives.get(0).stream().allMatch(Glob::isLiteral)
        ? String.join("/", alternatives.get(0)) : null;
  }

  private static boolean isLiteral(String segment) {
    return segment.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
  }

  /** The path an anchored pattern without wildcards matches, or null. */
  String literalPath() {
    return literalPath;
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern the pattern
   * @return the compiled pattern
   * @throws IllegalArgumentException if the pattern is empty or malformed
   */
  public static Glob compile(String pattern) {
    String p = pattern;
    if (p.isBlank()) {
      throw new IllegalArgumentException("a glob pattern must not be blank");
    }
    boolean directoryOnly = p.endsWith("/");
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    boolean anchored = p.startsWith("/") || p.contains("/");
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty() || p.contains("//")) {
      throw new IllegalArgumentException("glob pattern '" + pattern + "' has an empty segment");
    }
    List<String> regexes = new ArrayList<>();
    List<List<String>> alternatives = new ArrayList<>();
    for (String alternative : expandBraces(pattern, p)) {
      List<String> segments = List.of(alternative.split("/", -1));
      StringBuilder regex = new StringBuilder();
      if (!anchored) {
        regex.append("(?:[^/]+/)*");
      }
      for (int i = 0; i < segments.size(); i++) {
        String segment = segments.get(i);
        if (segment.equals("**")) {
          regex.append(i == segments.size() - 1 ? "[^/].*" : "(?:[^/]+/)*");
        } else {
          regex.append(segmentRegex(pattern, segment));
          if (i < segments.size() - 1) {
            regex.append('/');
          }
        }
      }
      regexes.add(regex.toString());
      alternatives.add(segments);
    }
    Simple simple = null;
    String literal = null;
    if (!anchored && alternatives.size() == 1 && alternatives.get(0).size() == 1) {
      String segment = alternatives.get(0).get(0);
      boolean leading = segment.startsWith("*");
      String middle = leading ? segment.substring(1) : segment;
      boolean trailing = middle.endsWith("*") && !middle.isEmpty();
      if (trailing) {
        middle = middle.substring(0, middle.length() - 1);
      }
      if (middle.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\')) {
        literal = middle;
        simple = leading && trailing ? Simple.CONTAINS
            : leading ? Simple.SUFFIX : trailing ? Simple.PREFIX : Simple.EXACT;
      }
    }
    return new Glob(pattern, directoryOnly, anchored, List.copyOf(regexes),
        List.copyOf(alternatives), simple, literal);
  }

  private List<Pattern> regexes() {
    List<Pattern> compiled = regexes;
    if (compiled == null) {
      List<Pattern> list = new ArrayList<>();
      for (String r : regexTexts) {
        list.add(Pattern.compile(r));
      }
      compiled = List.copyOf(list);
      regexes = compiled;
    }
    return compiled;
  }

  /** The simple kind, or null. */
  Simple simple() {
    return simple;
  }

  /** The literal of a simple pattern. */
  String literal() {
    return literal;
  }

  /** Whether only folders match. */
  boolean directoryOnly() {
    return directoryOnly;
  }

  /**
   * Whether the pattern matches this path itself (not its folders).
   *
   * @param path the path relative to the root, {@code /}-separated
   * @param directory whether the path is a folder
   * @return whether it matches
   */
  public boolean matches(String path, boolean directory) {
    if (directoryOnly && !directory) {
      return false;
    }
    if (simple != null) {
      return matchesName(path.substring(path.lastIndexOf('/') + 1));
    }
    for (Pattern regex : regexes()) {
      if (regex.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  /** For a simple pattern: whether a name (a last path segment) matches. */
  boolean matchesName(String name) {
    switch (simple) {
      case EXACT:
        return name.equals(literal);
      case SUFFIX:
        return name.endsWith(literal);
      case PREFIX:
        return name.startsWith(literal);
      default:
        return name.contains(literal);
    }
  }

  /**
   * Whether a path strictly below this folder could match: decides whether a folder that is
   * otherwise not packaged has to be looked into.
   *
   * @param folder the folder's path relative to the root
   * @return false only when nothing below the folder can match
   */
  public boolean mightMatchBelow(String folder) {
    if (!anchored) {
      return true;
    }
    String[] parts = folder.split("/");
    for (List<String> segments : alternatives) {
      if (prefixCompatible(segments, parts)) {
        return true;
      }
    }
    return false;
  }

  private static boolean prefixCompatible(List<String> segments, String[] parts) {
    for (int i = 0; i < parts.length; i++) {
      if (i >= segments.size()) {
        return false;
      }
      String segment = segments.get(i);
      if (segment.equals("**")) {
        return true;
      }
      if (!Pattern.compile(segmentRegex(segment, segment)).matcher(parts[i]).matches()) {
        return false;
      }
    }
    return segments.size() > parts.length;
  }

  private static List<String> expandBraces(String original, String p) {
    int open = -1;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        open = i;
        break;
      }
    }
    if (open < 0) {
      return List.of(p);
    }
    int depth = 0;
    int close = -1;
    List<Integer> commas = new ArrayList<>();
    for (int i = open; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          close = i;
          break;
        }
      } else if (c == ',' && depth == 1) {
        commas.add(i);
      } else if (c == '/') {
        throw new IllegalArgumentException(
            "glob pattern '" + original + "' has a '/' inside {...}, which is not supported");
      }
    }
    if (close < 0) {
      throw new IllegalArgumentException("glob pattern '" + original + "' has an unclosed '{'");
    }
    List<String> out = new ArrayList<>();
    int start = open + 1;
    commas.add(close);
    for (int comma : commas) {
      String choice = p.substring(start, comma);
      for (String rest : expandBraces(original, p.substring(close + 1))) {
        out.addAll(expandBraces(original, p.substring(0, open) + choice + rest));
      }
      start = comma + 1;
    }
    return out;
  }

  private static String segmentRegex(String original, String segment) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      switch (c) {
        case '*':
          while (i + 1 < segment.length() && segment.charAt(i + 1) == '*') {
            i++;
          }
          out.append("[^/]*");
          break;
        case '?':
          out.append("[^/]");
          break;
        case '\\':
          if (i + 1 == segment.length()) {
            throw new IllegalArgumentException(
                "glob pattern '" + original + "' ends with an escaping '\\'");
          }
          out.append(Pattern.quote(String.valueOf(segment.charAt(++i))));
          break;
        case '[':
          int end = segment.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException(
                "glob pattern '" + original + "' has an unclosed '['");
          }
          String set = segment.substring(i + 1, end);
          boolean negated = set.startsWith("!") || set.startsWith("^");
          if (negated) {
            set = set.substring(1);
          }
          out.append('[').append(negated ? "^/" : "");
          for (int j = 0; j < set.length(); j++) {
            char s = set.charAt(j);
            if (s == '-' && j > 0 && j < set.length() - 1) {
              out.append('-');
            } else {
              out.append(s == '\\' || s == '[' || s == ']' || s == '^' || s == '-' || s == '&'
                  ? "\\" + s : String.valueOf(s));
            }
          }
          out.append(']');
          i = end;
          break;
        default:
          out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
