package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A shell-style pattern for project and spider names, matched as scrapyd-client matches them
 * (Python's {@code fnmatch}): {@code *} any run of characters, {@code ?} one character, {@code
 * [abc]} and {@code [a-z]} one of a set, {@code [!abc]} one not in it; everything else, {@code .}
 * and {@code \} included, stands for itself, and an unclosed {@code [} is a plain {@code [}.
 * Matching is case-sensitive and covers the whole name.
 *
 * <pre>{@code
 * NamePattern shops = NamePattern.of("shop_*");
 * shops.matches("shop_eu");                                  // true
 * shops.filter(List.of("shop_eu", "blog", "shop_us"));       // [shop_eu, shop_us]
 * NamePattern.of("products").isLiteral();                    // true: a plain name
 *
 * SpiderMatches found = cluster.fanOut().matchSpiders(NamePattern.of("shop*"), NamePattern.any());
 * }</pre>
 *
 * <p>Unlike {@code fnmatch}, which quietly matches nothing there, a reversed range such as {@code
 * [z-a]} is refused when the pattern is made, as is an empty pattern: both are mistakes, and the
 * error names them before any request is sent.
 */
public final class NamePattern {
  private static final NamePattern ANY = new NamePattern("*", Pattern.compile(".*",
      Pattern.DOTALL), false);

  private final String glob;
  private final Pattern regex;
  private final boolean literal;

  private NamePattern(String glob, Pattern regex, boolean literal) {
    this.glob = glob;
    this.regex = regex;
    this.literal = literal;
  }

  /**
   * A pattern.
   *
   * @param glob the pattern, such as {@code shop*}, {@code spider_?} or {@code [!t]*}
   * @return the pattern
   * @throws IllegalArgumentException if the pattern is null or empty, or holds a reversed range
   *     such as {@code [z-a]} (the message quotes the pattern and says what is wrong)
   */
  public static NamePattern of(String glob) {
    if (glob == null) {
      throw new IllegalArgumentException("pattern must not be null: give * for every name");
    }
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("pattern must not be empty: give * for every name");
    }
    StringBuilder regex = new StringBuilder();
    boolean literal = true;
    int n = glob.length();
    int i = 0;
    while (i < n) {
      char ch = glob.charAt(i++);
      if (ch == '*') {
        regex.append(".*");
        literal = false;
      } else if (ch == '?') {
        regex.append('.');
        literal = false;
      } else if (ch == '[') {
        // As fnmatch: a '!' first negates; a ']' first (after any '!') is a member.
        int j = i;
        if (j < n && glob.charAt(j) == '!') {
          j++;
        }
        if (j < n && glob.charAt(j) == ']') {
          j++;
        }
        while (j < n && glob.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          regex.append(quote('['));
          continue;
        }
        regex.append(set(glob, glob.substring(i, j)));
        literal = false;
        i = j + 1;
      } else {
        regex.append(quote(ch));
      }
    }
    return new NamePattern(glob, Pattern.compile(regex.toString(), Pattern.DOTALL), literal);
  }

  /**
   * The pattern {@code *}: every name.
   *
   * @return the pattern that matches every name
   */
  public static NamePattern any() {
    return ANY;
  }

  /** The regex of one {@code [...]} set, its brackets excluded. */
  private static String set(String glob, String members) {
    StringBuilder out = new StringBuilder("[");
    String rest = members;
    if (rest.startsWith("!")) {
      out.append('^');
      rest = rest.substring(1);
    }
    int k = 0;
    while (k < rest.length()) {
      char from = rest.charAt(k);
      if (k + 2 < rest.length() && rest.charAt(k + 1) == '-') {
        char to = rest.charAt(k + 2);
        if (to < from) {
          throw new IllegalArgumentException("pattern '" + glob + "' holds the reversed range "
              + from + "-" + to + ", which matches nothing: write " + to + "-" + from);
        }
        out.append(quote(from)).append('-').append(quote(to));
        k += 3;
      } else {
        out.append(quote(from));
        k++;
      }
    }
    return out.append(']').toString();
  }

  private static String quote(char ch) {
    return String.format("\\x{%x}", (int) ch);
  }

  /**
   * The pattern as given.
   *
   * @return the pattern text
   */
  public String glob() {
    return glob;
  }

  /**
   * Whether the pattern is a plain name: it holds no {@code *}, {@code ?} or {@code [...]} set,
   * so it matches itself only.
   *
   * @return true for a plain name
   */
  public boolean isLiteral() {
    return literal;
  }

  /**
   * Whether a name matches the pattern, whole.
   *
   * @param name the name
   * @return true if it matches
   * @throws IllegalArgumentException if the name is null
   */
  public boolean matches(String name) {
    if (name == null) {
      throw new IllegalArgumentException("name must not be null");
    }
    return regex.matcher(name).matches();
  }

  /**
   * The names that match, in their order (Python's {@code fnmatch.filter}).
   *
   * @param names the names
   * @return the matching names, a new list
   * @throws IllegalArgumentException if the names or one of them is null
   */
  public List<String> filter(Collection<String> names) {
    if (names == null) {
      throw new IllegalArgumentException("names must not be null");
    }
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (matches(name)) {
        out.add(name);
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NamePattern && ((NamePattern) other).glob.equals(glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  @Override
  public String toString() {
    return glob;
  }
}
