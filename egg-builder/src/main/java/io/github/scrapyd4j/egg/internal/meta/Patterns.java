package io.github.scrapyd4j.egg.internal.meta;

import java.util.regex.Pattern;

/** Python's three pattern dialects, as regular expressions over {@code /}-separated paths. */
final class Patterns {
  private Patterns() {}

  /**
   * {@code fnmatch.fnmatchcase}: {@code *} matches anything (dots and slashes too), {@code ?}
   * one character, {@code [...]} a set.
   */
  static Pattern fnmatch(String pattern) {
    return Pattern.compile(chars(pattern, ".*", "."), Pattern.DOTALL);
  }

  /**
   * {@code glob.glob(pattern, recursive=True)} relative to a folder: wildcards stay within a
   * segment and do not match a leading dot, {@code **} as a whole segment spans folders.
   */
  static Pattern glob(String pattern) {
    return segments(pattern, true);
  }

  /**
   * setuptools' {@code translate_pattern} (MANIFEST.in exclusions): like {@link #glob} but dots
   * are matched.
   */
  static Pattern manifest(String pattern) {
    return segments(pattern, false);
  }

  private static Pattern segments(String pattern, boolean hidden) {
    String p = pattern.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    String[] parts = p.split("/+", -1);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      String part = parts[i];
      String noDot = hidden && !part.startsWith(".") ? "(?!\\.)" : "";
      if (part.equals("**")) {
        String seg = (hidden ? "(?!\\.)" : "") + "[^/]+";
        re.append(last ? "(?:" + seg + "(?:/" + seg + ")*)?" : "(?:" + seg + "/)*");
        continue;
      }
      re.append(noDot).append(chars(part, "[^/]*", "[^/]"));
      if (!last) {
        re.append('/');
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static String chars(String p, String star, String one) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i++);
      if (c == '*') {
        re.append(star);
        while (i < p.length() && p.charAt(i) == '*' && star.equals(".*")) {
          i++;
        }
      } else if (c == '?') {
        re.append(one);
      } else if (c == '[') {
        int j = i;
        if (j < p.length() && p.charAt(j) == '!') {
          j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
          j++;
        }
        while (j < p.length() && p.charAt(j) != ']') {
          j++;
        }
        if (j >= p.length()) {
          re.append("\\[");
        } else {
          String set = p.substring(i, j).replace("\\", "\\\\");
          i = j + 1;
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          } else if (set.startsWith("^")) {
            set = "\\" + set;
          }
          re.append('[').append(set.replace("[", "\\[")).append(']');
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
