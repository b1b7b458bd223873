package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.internal.Checks;
import java.util.function.Consumer;

/**
 * Receives a log as text, decoded from UTF-8 (invalid bytes become U+FFFD), in chunks that may end
 * anywhere (never inside a character). Calls never overlap; when following, they come from the
 * client's threads.
 *
 * <pre>{@code
 * logs.read(job, text -> System.out.print(text));                  // chunks
 * logs.read(job, LogConsumer.lines(line -> System.out.println(line)));  // lines
 * }</pre>
 */
@FunctionalInterface
public interface LogConsumer {
  /**
   * The line cap of {@link #lines} consumers used on their own: 8 MiB of characters, the same
   * figure as the client's default {@code maxLineBytes} ({@link
   * io.github.scrapyd4j.ScrapydClient#DEFAULT_MAX_LINE_BYTES}).
   */
  int DEFAULT_MAX_LINE_CHARS = 8 << 20;

  /**
   * The next text of the log.
   *
   * @param text a chunk of text
   */
  void onText(String text);

  /**
   * When following: the log file shrank or was replaced (its job id was reused), and the text
   * that follows starts again from its beginning. The default does nothing.
   */
  default void onRestart() {}

  /** The log has been read to its end (for a follow: the job finished). The default does nothing. */
  default void onEnd() {}

  /**
   * A consumer that gets whole lines, without their {@code \n} or {@code \r\n}. An unterminated
   * last line comes at the end; on a restart an incomplete line is dropped. A line longer than
   * the cap is never held whole: it is skipped, with a WARN log (logger {@code
   * io.github.scrapyd4j.logs}) giving its number and offset. The cap is the client's {@code
   * maxLineBytes} (in characters) when the consumer is given to {@code JobLogs} (see {@link
   * #withLineCap}), else {@link #DEFAULT_MAX_LINE_CHARS}.
   *
   * @param onLine receives each line
   * @return the consumer
   */
  static LogConsumer lines(Consumer<String> onLine) {
    return lines(onLine, () -> {});
  }

  /**
   * A consumer that gets whole lines, and is told of restarts.
   *
   * @param onLine receives each line
   * @param onRestart runs when the log starts over
   * @return the consumer
   */
  static LogConsumer lines(Consumer<String> onLine, Runnable onRestart) {
    Checks.notNull("onLine", onLine);
    Checks.notNull("onRestart", onRestart);
    return lines(onLine, onRestart, DEFAULT_MAX_LINE_CHARS);
  }

  /**
   * A consumer that gets whole lines, is told of restarts, and skips (with a WARN log) a line of
   * more than {@code maxLineChars} characters.
   *
   * @param onLine receives each line
   * @param onRestart runs when the log starts over
   * @param maxLineChars the line cap, 1 or more
   * @return the consumer
   * @throws IllegalArgumentException if {@code maxLineChars} is less than 1
   */
  static LogConsumer lines(Consumer<String> onLine, Runnable onRestart, int maxLineChars) {
    Checks.notNull("onLine", onLine);
    Checks.notNull("onRestart", onRestart);
    if (maxLineChars < 1) {
      throw new IllegalArgumentException(
          "maxLineChars must be 1 or more, but was " + maxLineChars);
    }
    return new LineConsumer(onLine, onRestart, maxLineChars);
  }

  /**
   * This consumer for one read with a reader's line cap: {@code JobLogs} calls it with its
   * client's {@code maxLineBytes} before each read. A consumer made by {@link #lines} returns a
   * fresh consumer with that cap (and the same callbacks); the default returns this consumer.
   *
   * @param maxLineChars the reader's line cap, 1 or more
   * @return the consumer to feed
   */
  default LogConsumer withLineCap(int maxLineChars) {
    return this;
  }
}
