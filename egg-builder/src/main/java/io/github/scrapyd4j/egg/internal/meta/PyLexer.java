package io.github.scrapyd4j.egg.internal.meta;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into tokens: names, numbers, strings (prefixes, triple quotes, escapes),
 * operators; comments and line continuations are dropped. Indentation is not tracked, but each
 * token knows its line and whether it starts a line, which is all the static reader needs.
 */
final class PyLexer {
  /** What a token is. */
  enum Type { NAME, NUMBER, STRING, OP, END }

  /** One token. */
  static final class Token {
    final Type type;
    /** The name, the operator, the number's text, or the string's decoded value. */
    final String text;
    final int line;
    /** For strings: the prefix had an {@code f} (a formatted string, not a literal). */
    final boolean formatted;
    /** The token is the first on its physical line. */
    final boolean lineStart;
    /** The column of the token on its line. */
    final int column;

    Token(Type type, String text, int line, boolean formatted, boolean lineStart, int column) {
      this.type = type;
      this.text = text;
      this.line = line;
      this.formatted = formatted;
      this.lineStart = lineStart;
      this.column = column;
    }

    boolean is(String op) {
      return (type == Type.OP || type == Type.NAME) && text.equals(op);
    }

    @Override
    public String toString() {
      return type == Type.STRING ? "'" + text + "'" : text;
    }
  }

  private static final String[] OPERATORS = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="
  };

  private PyLexer() {}

  static List<Token> tokenize(String src) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int lineBegin = 0;
    boolean lineStart = true;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
        lineBegin = i;
        lineStart = true;
        continue;
      }
      if (c == '\r' || c == ' ' || c == '\t' || c == '\f') {
        i++;
        continue;
      }
      if (c == '#') {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '\\' && i + 1 < n && (src.charAt(i + 1) == '\n' || src.charAt(i + 1) == '\r')) {
        i++;
        if (src.charAt(i) == '\r' && i + 1 < n && src.charAt(i + 1) == '\n') {
          i++;
        }
        i++;
        line++;
        lineBegin = i;
        continue;
      }
      int column = i - lineBegin;
      int startLine = line;
      if (Character.isLetter(c) || c == '_' || c > 127 && Character.isJavaIdentifierStart(c)) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
          j++;
        }
        String word = src.substring(i, j);
        if (j < n && (src.charAt(j) == '\'' || src.charAt(j) == '"')
            && word.length() <= 2 && word.toLowerCase().matches("[rbuf]{1,2}")) {
          String prefix = word.toLowerCase();
          int[] end = new int[2];
          String value = string(src, j, prefix.contains("r"), end);
          line += end[1];
          if (end[1] > 0) {
            lineBegin = src.lastIndexOf('\n', end[0] - 1) + 1;
          }
          out.add(new Token(Type.STRING, value, startLine, prefix.contains("f"), lineStart,
              column));
          i = end[0];
        } else {
          out.add(new Token(Type.NAME, word, startLine, false, lineStart, column));
          i = j;
        }
      } else if (Character.isDigit(c)
          || c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1))) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '.'
            || src.charAt(j) == '_')) {
          j++;
        }
        out.add(new Token(Type.NUMBER, src.substring(i, j), startLine, false, lineStart, column));
        i = j;
      } else if (c == '\'' || c == '"') {
        int[] end = new int[2];
        String value = string(src, i, false, end);
        line += end[1];
        if (end[1] > 0) {
          lineBegin = src.lastIndexOf('\n', end[0] - 1) + 1;
        }
        out.add(new Token(Type.STRING, value, startLine, false, lineStart, column));
        i = end[0];
      } else {
        String op = String.valueOf(c);
        for (String candidate : OPERATORS) {
          if (src.startsWith(candidate, i)) {
            op = candidate;
            break;
          }
        }
        out.add(new Token(Type.OP, op, startLine, false, lineStart, column));
        i += op.length();
      }
      lineStart = false;
    }
    out.add(new Token(Type.END, "", line, false, true, 0));
    return out;
  }

  /**
   * Reads a string literal starting at its opening quote.
   *
   * @param end receives the index after the closing quote and the number of newlines crossed
   */
  private static String string(String src, int start, boolean raw, int[] end) {
    char q = src.charAt(start);
    boolean triple = src.startsWith("" + q + q + q, start);
    int i = start + (triple ? 3 : 1);
    int newlines = 0;
    StringBuilder value = new StringBuilder();
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (triple ? src.startsWith("" + q + q + q, i) : c == q) {
        i += triple ? 3 : 1;
        break;
      }
      if (c == '\n') {
        newlines++;
        if (!triple) {
          break; // unterminated: Python would refuse the file; stop at the line's end
        }
      }
      if (c == '\\' && i + 1 < n) {
        char e = src.charAt(i + 1);
        if (e == '\n') {
          newlines++;
        }
        if (raw) {
          value.append(c).append(e);
          i += 2;
          continue;
        }
        i += 2;
        switch (e) {
          case '\n':
            break;
          case 'n':
            value.append('\n');
            break;
          case 't':
            value.append('\t');
            break;
          case 'r':
            value.append('\r');
            break;
          case '0':
            value.append('\0');
            break;
          case '\\':
          case '\'':
          case '"':
            value.append(e);
            break;
          case 'x':
          case 'u':
            int digits = e == 'x' ? 2 : 4;
            if (i + digits <= n && src.substring(i, i + digits).matches("[0-9a-fA-F]+")) {
              value.append((char) Integer.parseInt(src.substring(i, i + digits), 16));
              i += digits;
            } else {
              value.append('\\').append(e);
            }
            break;
          default:
            value.append('\\').append(e);
        }
        continue;
      }
      value.append(c);
      i++;
    }
    end[0] = i;
    end[1] = newlines;
    return value.toString();
  }
}
