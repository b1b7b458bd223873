package io.github.scrapyd4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shell-style patterns for project and spider names, as scrapyd-client's {@code fnmatch}: {@code
 * *} any run of characters, {@code ?} one character, {@code [abc]} / {@code [!abc]} one of or
 * none of a set; everything else literal.
 */
final class Globs {
  private Globs() {}

  /** Whether the text holds a pattern character. */
  static boolean isPattern(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
  }

  /** The names the pattern matches, in their order. */
  static List<String> filter(String pattern, List<String> names) {
    Pattern regex = toRegex(pattern);
    List<String> matches = new ArrayList<>();
    for (String name : names) {
      if (regex.matcher(name).matches()) {
        matches.add(name);
      }
    }
    return matches;
  }

  static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char ch = glob.charAt(i);
      if (ch == '*') {
        regex.append(".*");
      } else if (ch == '?') {
        regex.append('.');
      } else if (ch == '[') {
        int end = glob.indexOf(']', i + 2); // a ']' right after '[' or '[!' is literal
        if (end < 0) {
          regex.append("\\[");
          continue;
        }
        String set = glob.substring(i + 1, end);
        regex.append('[');
        if (set.startsWith("!")) {
          regex.append('^');
          set = set.substring(1);
        }
        for (char c : set.toCharArray()) {
          if (c == '\\' || c == '^' || c == '[' || c == ']' || c == '&') {
            regex.append('\\');
          }
          regex.append(c);
        }
        regex.append(']');
        i = end;
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
