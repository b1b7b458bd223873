package io.github.scrapyd4j.logs.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits bytes into lines at {@code \n} (a {@code \r} before it is dropped), keeping an incomplete
 * last line until the rest arrives. Memory is the longest line. Works on bytes, so it is safe for
 * UTF-8 (a 0x0A byte is never part of a multi-byte character).
 */
public final class LineSplitter implements ByteSink {
  /** Receives complete lines. */
  public interface Lines {
    /** A line without its terminator; {@code bytes} is only valid during the call. */
    void line(byte[] bytes, int offset, int length, long lineNumber);

    void restart();

    void end();
  }

  private final Lines lines;
  private byte[] partial = new byte[256];
  private int partialLength;
  private long lineNumber;

  public LineSplitter(Lines lines) {
    this.lines = lines;
  }

  @Override
  public void accept(ByteBuffer src) {
    byte[] chunk;
    int start;
    int end;
    if (src.hasArray()) {
      chunk = src.array();
      start = src.arrayOffset() + src.position();
      end = start + src.remaining();
    } else {
      chunk = new byte[src.remaining()];
      src.duplicate().get(chunk);
      start = 0;
      end = chunk.length;
    }
    src.position(src.limit());
    int from = start;
    for (int i = start; i < end; i++) {
      if (chunk[i] == '\n') {
        if (partialLength == 0) {
          emit(chunk, from, i - from);
        } else {
          append(chunk, from, i - from);
          emit(partial, 0, partialLength);
          partialLength = 0;
        }
        from = i + 1;
      }
    }
    if (from < end) {
      append(chunk, from, end - from);
    }
  }

  private void append(byte[] b, int off, int len) {
    if (partialLength + len > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partialLength + len, partial.length * 2));
    }
    System.arraycopy(b, off, partial, partialLength, len);
    partialLength += len;
  }

  private void emit(byte[] b, int off, int len) {
    int n = len > 0 && b[off + len - 1] == '\r' ? len - 1 : len;
    lines.line(b, off, n, ++lineNumber);
  }

  /** Whether an incomplete line is held. */
  public boolean hasPartial() {
    return partialLength > 0;
  }

  @Override
  public void restart() {
    partialLength = 0;
    lineNumber = 0;
    shrink();
    lines.restart();
  }

  /** Emits an unterminated last line, if any, and ends. */
  @Override
  public void end() {
    if (partialLength > 0) {
      emit(partial, 0, partialLength);
      partialLength = 0;
    }
    shrink();
    lines.end();
  }

  private void shrink() {
    if (partial.length > 65536) {
      partial = new byte[256];
    }
  }
}
