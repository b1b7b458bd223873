package io.github.scrapyd4j.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 arriving in chunks split anywhere, also inside a character: the decoder and up to
 * three bytes of an incomplete character are kept between chunks. Invalid bytes become U+FFFD.
 * Memory is constant: one 8 KiB byte buffer and one 8 Ki-char buffer.
 */
public final class Utf8Decoder implements ByteSink {
  private static final int SIZE = 8192;

  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer in = ByteBuffer.allocate(SIZE);
  private final CharBuffer out = CharBuffer.allocate(SIZE);
  private final TextSink sink;

  public Utf8Decoder(TextSink sink) {
    this.sink = sink;
  }

  @Override
  public void accept(ByteBuffer src) {
    while (src.hasRemaining()) {
      int n = Math.min(in.remaining(), src.remaining());
      ByteBuffer slice = src.duplicate();
      slice.limit(slice.position() + n);
      in.put(slice);
      src.position(src.position() + n);
      in.flip();
      decode(false);
      in.compact();
    }
    emit();
  }

  public void accept(byte[] bytes, int offset, int length) {
    accept(ByteBuffer.wrap(bytes, offset, length));
  }

  private void decode(boolean endOfInput) {
    while (true) {
      CoderResult r = decoder.decode(in, out, endOfInput);
      if (r.isOverflow()) {
        emit();
        continue;
      }
      return; // underflow: what is left in 'in' is an incomplete character
    }
  }

  private void emit() {
    if (out.position() > 0) {
      out.flip();
      String text = out.toString();
      out.clear();
      sink.text(text);
    }
  }

  /** Decodes what is left (an incomplete character becomes U+FFFD) and ends the text. */
  @Override
  public void end() {
    in.flip();
    decode(true);
    while (decoder.flush(out).isOverflow()) {
      emit();
    }
    in.clear();
    emit();
    decoder.reset();
    sink.end();
  }

  /** Drops an incomplete character and starts over. */
  @Override
  public void restart() {
    decoder.reset();
    in.clear();
    out.clear();
    sink.restart();
  }
}
