package io.github.scrapyd4j.egg.internal;

/** Python's idea of white space and of stripping, for faithful ports of Python parsers. */
public final class PyText {
  private PyText() {}

  /**
   * Python's {@code str.isspace()} for one code point (also what {@code \s} matches in a Python
   * {@code re} pattern on a {@code str}).
   *
   * @param c a code point
   * @return whether Python counts it as white space
   */
  public static boolean isSpace(int c) {
    if (c < 0x80) {
      return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    switch (c) {
      case 0x85:
      case 0xA0:
      case 0x1680:
      case 0x2028:
      case 0x2029:
      case 0x202F:
      case 0x205F:
      case 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /**
   * Python's {@code s.strip()}.
   *
   * @param s a string
   * @return the string without leading and trailing Python white space
   */
  public static String strip(String s) {
    return rstrip(lstrip(s));
  }

  /**
   * Python's {@code s.lstrip()}.
   *
   * @param s a string
   * @return the string without leading Python white space
   */
  public static String lstrip(String s) {
    int start = 0;
    while (start < s.length()) {
      int c = s.codePointAt(start);
      if (!isSpace(c)) {
        break;
      }
      start += Character.charCount(c);
    }
    return s.substring(start);
  }

  /**
   * Python's {@code s.rstrip()}.
   *
   * @param s a string
   * @return the string without trailing Python white space
   */
  public static String rstrip(String s) {
    int end = s.length();
    while (end > 0) {
      int c = s.codePointBefore(end);
      if (!isSpace(c)) {
        break;
      }
      end -= Character.charCount(c);
    }
    return s.substring(0, end);
  }

  /**
   * Index of the first character that is not Python white space.
   *
   * @param s a string
   * @return the index, or -1 when the string is all white space
   */
  public static int firstNonSpace(String s) {
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (!isSpace(c)) {
        return i;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  /**
   * A string as Python's {@code repr()} would show it, near enough for messages: single quotes,
   * backslash escapes for quotes, backslashes and control characters.
   *
   * @param s a string
   * @return the quoted string
   */
  public static String repr(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\'':
          out.append("\\'");
          break;
        case '\\':
          out.append("\\\\");
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
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('\'').toString();
  }
}
