package io.github.scrapyd4j.internal;

import java.nio.ByteBuffer;

/** Where a file's bytes go, in order. */
public interface ByteSink {
  /** The next bytes of the file; the buffer may be read but must not be kept. */
  void accept(ByteBuffer bytes);

  /** The file shrank or was replaced: the bytes that follow start again at offset 0. */
  void restart();

  /** No more bytes will come. */
  void end();
}
