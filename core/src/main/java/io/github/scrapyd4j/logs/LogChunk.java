package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** A piece of a job's log: its bytes, where they start, and the log's size then. */
@Value.Immutable
@ScrapydStyle
public abstract class LogChunk {
  LogChunk() {}

  /**
   * Where the bytes start in the log.
   *
   * @return the offset of the first byte
   */
  public abstract long offset();

  /**
   * The bytes (a copy).
   *
   * @return the bytes
   */
  public abstract byte[] bytes();

  /**
   * The log's size when it was read, if the server told it.
   *
   * @return the size in bytes
   */
  public abstract OptionalLong totalSize();

  /**
   * The bytes decoded as UTF-8, invalid bytes (and a character cut at either end) replaced by
   * U+FFFD.
   *
   * @return the text
   */
  @Value.Lazy
  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /**
   * The number of bytes.
   *
   * @return the length
   */
  public int length() {
    return bytes().length;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link LogChunk} values. */
  public static final class Builder extends ImmutableLogChunk.Builder {
    Builder() {}
  }
}
