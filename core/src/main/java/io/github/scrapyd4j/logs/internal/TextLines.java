package io.github.scrapyd4j.logs.internal;

import java.util.function.Consumer;

/**
 * Splits text into lines at {@code \n} (a {@code \r} before it is dropped), keeping an incomplete
 * last line until the rest arrives, but never more than a cap: a longer line is not buffered, it
 * is skipped and reported with its number and offset. Memory is the cap at most.
 */
public final class TextLines {
  /** Told of a line over the cap, which is skipped. */
  @FunctionalInterface
  public interface Overlong {
    /**
     * A skipped line.
     *
     * @param lineNumber its number, from 1
     * @param offset the offset of its first character, from where reading started
     * @param length its length in characters (up to the end of the text, if it never ended)
     */
    void skipped(long lineNumber, long offset, long length);
  }

  private final int maxChars;
  private final Consumer<String> onLine;
  private final Overlong onOverlong;
  private final StringBuilder partial = new StringBuilder();
  private long lineNumber;
  private long consumed;
  private long lineStart;
  private boolean skipping;

  public TextLines(int maxChars, Consumer<String> onLine, Overlong onOverlong) {
    this.maxChars = maxChars;
    this.onLine = onLine;
    this.onOverlong = onOverlong;
  }

  /** The next text. */
  public void text(String text) {
    int from = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', from)) {
      if (skipping) {
        skipping = false;
        onOverlong.skipped(++lineNumber, lineStart, consumed + i - lineStart);
      } else if (partial.length() + (i - from) > maxChars) {
        partial.setLength(0);
        onOverlong.skipped(++lineNumber, lineStart, consumed + i - lineStart);
      } else {
        String line;
        if (partial.length() == 0) {
          line = text.substring(from, i);
        } else {
          line = partial.append(text, from, i).toString();
          partial.setLength(0);
        }
        lineNumber++;
        onLine.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      }
      from = i + 1;
      lineStart = consumed + from;
    }
    if (!skipping && from < text.length()) {
      if (partial.length() + (text.length() - from) > maxChars) {
        partial.setLength(0);
        partial.trimToSize();
        skipping = true;
      } else {
        partial.append(text, from, text.length());
      }
    }
    consumed += text.length();
  }

  /** The text starts over: an incomplete line is dropped. */
  public void restart() {
    partial.setLength(0);
    skipping = false;
    lineNumber = 0;
    consumed = 0;
    lineStart = 0;
  }

  /** Emits an unterminated last line (or reports it, if over the cap). */
  public void end() {
    if (skipping) {
      skipping = false;
      onOverlong.skipped(++lineNumber, lineStart, consumed - lineStart);
    } else if (partial.length() > 0) {
      String line = partial.toString();
      partial.setLength(0);
      lineNumber++;
      onLine.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    if (partial.capacity() > 65536) {
      partial.setLength(0);
      partial.trimToSize();
    }
  }
}
