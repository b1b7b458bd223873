package io.github.scrapyd4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Item lines of exactly {@link #LINE} bytes, made as they are read: a items file of any size that
 * costs no memory, for {@code FakeScrapyd.serve(path, lines * LINE, () -> new ItemLines(lines))}.
 * Item {@code i} has id {@code i}.
 */
final class ItemLines extends InputStream {
  /** Every line has this many bytes, newline included. */
  static final int LINE = 256;

  private final long lines;
  private long next;
  private byte[] current = new byte[0];
  private int at;

  ItemLines(long lines) {
    this.lines = lines;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    int n = 0;
    while (n < len) {
      if (at == current.length) {
        if (next == lines) {
          break;
        }
        current = line(next++);
        at = 0;
      }
      int k = Math.min(len - n, current.length - at);
      System.arraycopy(current, at, b, off + n, k);
      at += k;
      n += k;
    }
    return n == 0 && len > 0 ? -1 : n;
  }

  @Override
  public long skip(long n) throws IOException {
    long whole = Math.min(n / LINE, lines - next);
    if (at == current.length && whole > 0) {
      next += whole; // whole lines skipped without making them
      return whole * LINE;
    }
    return super.skip(n);
  }

  static byte[] line(long i) {
    String json = String.format(Locale.ROOT,
        "{\"id\": %d, \"name\": \"item-%d\", \"price\": %d.%02d, \"tags\": [\"a\", \"b\", \"c\"],"
            + " \"in_stock\": %s, \"text\": \"caf\u00e9 ", i, i, i % 1000, i % 100, i % 2 == 0);
    byte[] head = json.getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[LINE];
    System.arraycopy(head, 0, line, 0, head.length);
    for (int k = head.length; k < LINE - 3; k++) {
      line[k] = 'x';
    }
    line[LINE - 3] = '"';
    line[LINE - 2] = '}';
    line[LINE - 1] = '\n';
    return line;
  }
}
