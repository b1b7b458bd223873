package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.logs.internal.TextLines;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link LogConsumer#lines} makes: whole lines, a line over the cap skipped and logged. */
final class LineConsumer implements LogConsumer {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.logs");

  private final Consumer<String> onLine;
  private final Runnable onRestart;
  private final TextLines lines;

  LineConsumer(Consumer<String> onLine, Runnable onRestart, int maxChars) {
    this.onLine = onLine;
    this.onRestart = onRestart;
    this.lines = new TextLines(maxChars, onLine, (number, offset, length) -> LOG.warn(
        "log line {} (at character {}) has {} characters, more than the cap of {} "
            + "(maxLineBytes); skipped", number, offset, length, maxChars));
  }

  /** A fresh consumer for one read, with a client's cap. */
  @Override
  public LogConsumer withLineCap(int maxChars) {
    return new LineConsumer(onLine, onRestart, maxChars);
  }

  @Override
  public void onText(String text) {
    lines.text(text);
  }

  @Override
  public void onRestart() {
    lines.restart();
    onRestart.run();
  }

  @Override
  public void onEnd() {
    lines.end();
  }
}
