package io.github.scrapyd4j.egg.bench;

import io.github.scrapyd4j.egg.EggBuilder;
import java.nio.file.Path;

/**
 * Builds one egg and exits: the Java side of the whole-process comparison with {@code python3
 * setup.py bdist_egg} (JVM start included).
 *
 * <p>Run: {@code java -cp ... io.github.scrapyd4j.egg.bench.BuildEggMain PROJECT OUT.egg
 * [--no-data]}
 */
public final class BuildEggMain {
  private BuildEggMain() {}

  /**
   * Builds the egg of a project.
   *
   * @param args the project folder, the egg file, and optionally {@code --no-data}
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: BuildEggMain PROJECT OUT.egg [--no-data]");
    }
    boolean data = !(args.length > 2 && args[2].equals("--no-data"));
    EggBuilder.builder().projectDir(Path.of(args[0])).dataFiles(data).build()
        .buildTo(Path.of(args[1]));
  }
}
