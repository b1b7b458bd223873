package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * What an egg holds, in numbers: its modules, its data files, their bytes unpacked and the
 * egg's own size. The command line prints {@link #line()} after every build.
 *
 * <pre>{@code
 * Egg egg = EggBuilder.builder().projectDir(Path.of("/src/shop")).build().build();
 * // 14 modules, 2 data files, 48.1 kB unpacked, egg 15.2 kB
 * System.out.println(egg.summary().line());
 * egg.warnings().forEach(w -> System.err.println("warning: " + w));
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class EggSummary {
  EggSummary() {}

  /**
   * The Python modules ({@code .py} files outside {@code EGG-INFO/}).
   *
   * @return the count
   */
  public abstract int modules();

  /**
   * The other files outside {@code EGG-INFO/}.
   *
   * @return the count
   */
  public abstract int dataFiles();

  /**
   * The bytes of the modules and data files, unpacked.
   *
   * @return the total size in bytes
   */
  public abstract long bytes();

  /**
   * The egg's size, as uploaded and as Scrapyd keeps it for each version.
   *
   * @return the size in bytes
   */
  public abstract long eggBytes();

  /**
   * One line for people, such as {@code 14 modules, 2 data files, 48.1 kB unpacked, egg 15.2 kB}.
   *
   * @return the line
   */
  public String line() {
    return contents() + ", egg " + size(eggBytes());
  }

  /**
   * {@link #line()} without the egg's size: {@code 14 modules, 2 data files, 48.1 kB unpacked}.
   *
   * @return the text
   */
  public String contents() {
    return modules() + (modules() == 1 ? " module, " : " modules, ") + dataFiles()
        + (dataFiles() == 1 ? " data file, " : " data files, ") + size(bytes()) + " unpacked";
  }

  /**
   * A size for people, in decimal units: {@code 812 bytes}, {@code 48.1 kB}, {@code 10.9 MB}.
   *
   * @param bytes a size in bytes
   * @return the size as text
   */
  public static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"kB", "MB", "GB"};
    double v = bytes;
    int unit = -1;
    while (v >= 1000 && unit < units.length - 1) {
      v /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
  }

  static EggSummary of(int modules, int dataFiles, long bytes, long eggBytes) {
    return ImmutableEggSummary.builder().modules(modules).dataFiles(dataFiles).bytes(bytes)
        .eggBytes(eggBytes).build();
  }
}
