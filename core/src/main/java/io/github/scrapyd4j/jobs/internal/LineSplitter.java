package io.github.scrapyd4j.jobs.internal;

import io.github.scrapyd4j.internal.ByteSink;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits bytes into lines at {@code \n} (a {@code \r} before it is dropped), keeping an incomplete
 * last line until the rest arrives, up to a cap: a longer line is never buffered whole, it is
 * skipped and reported with its number, its offset and its first bytes. Memory is the cap at
 * most. Works on bytes, so it is safe for UTF-8 (a 0x0A byte is never part of a multi-byte
 * character).
 */
public final class LineSplitter implements ByteSink {
  /** The most bytes of a skipped line kept to show. */
  public static final int HEAD = 500;

  /** Receives complete lines. */
  public interface Lines {
    /** A line without its terminator; {@code bytes} is only valid during the call. */
    void line(byte[] bytes, int offset, int length, long lineNumber);

    /**
     * A line longer than the cap, skipped.
     *
     * @param lineNumber its number, from 1
     * @param offset the offset of its first byte in the file
     * @param length its length in bytes (to the end of the file, if it never ended)
     * @param head its first bytes, at most {@link #HEAD}
     */
    void overlong(long lineNumber, long offset, long length, byte[] head);

    void restart();

    void end();
  }

  private final Lines lines;
  private final int maxLineBytes;
  private byte[] partial = new byte[256];
  private int partialLength;
  private long lineNumber;
  private long consumed;
  private long lineStart;
  private byte[] skippedHead;

  public LineSplitter(Lines lines, int maxLineBytes) {
    this.lines = lines;
    this.maxLineBytes = maxLineBytes;
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
        long at = consumed + (i - start);
        if (skippedHead != null) {
          skipped(at);
        } else if ((long) partialLength + (i - from) > maxLineBytes) {
          startSkipping(chunk, from, i - from);
          skipped(at);
        } else if (partialLength == 0) {
          emit(chunk, from, i - from);
        } else {
          append(chunk, from, i - from);
          emit(partial, 0, partialLength);
          partialLength = 0;
        }
        from = i + 1;
        lineStart = at + 1;
      }
    }
    if (from < end && skippedHead == null) {
      if ((long) partialLength + (end - from) > maxLineBytes) {
        startSkipping(chunk, from, end - from);
      } else {
        append(chunk, from, end - from);
      }
    }
    consumed += end - start;
  }

  private void startSkipping(byte[] chunk, int from, int length) {
    byte[] head = new byte[Math.min(HEAD, partialLength + length)];
    int fromPartial = Math.min(partialLength, head.length);
    System.arraycopy(partial, 0, head, 0, fromPartial);
    System.arraycopy(chunk, from, head, fromPartial, head.length - fromPartial);
    skippedHead = head;
    partialLength = 0;
    partial = new byte[256];
  }

  private void skipped(long endOffset) {
    byte[] head = skippedHead;
    skippedHead = null;
    lines.overlong(++lineNumber, lineStart, endOffset - lineStart, head);
  }

  private void append(byte[] b, int off, int len) {
    if (partialLength + len > partial.length) {
      partial = Arrays.copyOf(partial,
          (int) Math.min(maxLineBytes, Math.max(partialLength + len, partial.length * 2L)));
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
    return partialLength > 0 || skippedHead != null;
  }

  @Override
  public void restart() {
    partialLength = 0;
    lineNumber = 0;
    consumed = 0;
    lineStart = 0;
    skippedHead = null;
    shrink();
    lines.restart();
  }

  /** Emits an unterminated last line, if any, and ends. */
  @Override
  public void end() {
    if (skippedHead != null) {
      skipped(consumed);
    } else if (partialLength > 0) {
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
