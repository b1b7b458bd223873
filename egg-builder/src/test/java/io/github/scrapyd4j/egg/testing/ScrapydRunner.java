package io.github.scrapyd4j.egg.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads eggs with real Python exactly as Scrapyd's runner does (see load_egg.py). */
public final class ScrapydRunner {
  private ScrapydRunner() {}

  /**
   * Runs {@code scrapy list} (or another command) on an egg, from an empty folder.
   *
   * @param python the interpreter with Scrapy
   * @param egg the egg file
   * @param work an empty folder to run in (no scrapy.cfg around)
   * @param command the scrapy command, {@code list} if none
   * @return what Python printed
   */
  public static Python.Run run(String python, Path egg, Path work, String... command) {
    try {
      Files.createDirectories(work);
      Path script = work.resolve("load_egg.py");
      try (InputStream in = ScrapydRunner.class.getResourceAsStream("/python/load_egg.py")) {
        Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> args = new ArrayList<>(List.of(python, script.toString(), egg.toString()));
      args.addAll(List.of(command));
      return Python.run(args, work, Map.of("HOME", work.toString(), "PYTHONPATH", "",
          "SCRAPY_SETTINGS_MODULE", "", "PYTHONIOENCODING", "UTF-8"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
