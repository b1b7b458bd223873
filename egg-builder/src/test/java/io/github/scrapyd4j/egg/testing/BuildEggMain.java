package io.github.scrapyd4j.egg.testing;

import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.egg.EggBuilder;
import java.nio.file.Path;

/** Builds one project's egg in its own JVM (for tests that limit the heap). */
public final class BuildEggMain {
  private BuildEggMain() {}

  /**
   * Builds {@code args[0]} into {@code args[1]} and prints the summary and warnings.
   *
   * @param args the project folder and the egg file
   */
  public static void main(String[] args) {
    Egg egg = EggBuilder.builder().projectDir(Path.of(args[0])).build().buildTo(Path.of(args[1]));
    System.out.println(egg.summary().line());
    egg.warnings().forEach(w -> System.out.println("warning: " + w));
  }
}
