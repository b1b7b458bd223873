package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One file of an {@link Egg}: its path in the egg, its size, what it is, and where it came from.
 *
 * <pre>{@code
 * for (EggEntry entry : egg.entries()) {
 *   System.out.println(entry.name() + " " + entry.size() + " " + entry.kind());
 * }
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class EggEntry {
  EggEntry() {}

  /** What a file of the egg is. */
  public enum Kind {
    /** A file of {@code EGG-INFO/}: the metadata Scrapyd and {@code pkg_resources} read. */
    METADATA,
    /** A Python source file ({@code .py}). */
    MODULE,
    /** Any other file: data read with {@code pkgutil.get_data}, templates, and so on. */
    DATA
  }

  /**
   * The path in the egg, with {@code /} separators, such as {@code mybot/spiders/shop.py}.
   *
   * @return the entry name
   */
  public abstract String name();

  /**
   * The uncompressed size.
   *
   * @return the size in bytes
   */
  public abstract long size();

  /**
   * The size stored in the egg (deflated, or the same as {@link #size()} when stored).
   *
   * @return the compressed size in bytes
   */
  public abstract long compressedSize();

  /**
   * What the file is.
   *
   * @return the kind
   */
  public abstract Kind kind();

  /**
   * The file it was read from, for eggs built by {@link EggBuilder} in Java.
   *
   * @return the source file, empty for metadata and for eggs read from a file
   */
  public abstract Optional<Path> source();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EggEntry} values. */
  public static final class Builder extends ImmutableEggEntry.Builder {
    Builder() {}
  }
}
