package io.github.scrapyd4j.egg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates the benchmark's Scrapy project: package {@code benchbot} with a settings module, 40
 * sub-packages of 50 modules each (2,000 modules, about 1.5 KB each, 4 of them spiders) and 500
 * data files (JSON and CSV, 1 to 4 KB) in {@code data/} folders inside the packages. The content
 * is the same for the same seed.
 *
 * <p>Run: {@code java -cp ... io.github.scrapyd4j.egg.bench.BenchProject DIR}
 */
public final class BenchProject {
  /** Sub-packages. */
  public static final int PACKAGES = 40;
  /** Modules per sub-package (40 x 50 = 2,000 modules). */
  public static final int MODULES_PER_PACKAGE = 50;
  /** Data files in all. */
  public static final int DATA_FILES = 500;

  private BenchProject() {}

  /**
   * Writes the project.
   *
   * @param dir an empty or missing folder
   * @return the folder
   * @throws IOException if writing fails
   */
  public static Path generate(Path dir) throws IOException {
    Random random = new Random(42);
    write(dir.resolve("scrapy.cfg"), "[settings]\ndefault = benchbot.settings\n\n"
        + "[deploy]\nproject = benchbot\n");
    write(dir.resolve("benchbot/__init__.py"), "");
    write(dir.resolve("benchbot/settings.py"), "BOT_NAME = 'benchbot'\n"
        + "SPIDER_MODULES = ['benchbot.pkg00']\nNEWSPIDER_MODULE = 'benchbot.pkg00'\n"
        + "ROBOTSTXT_OBEY = True\n");
    int data = 0;
    for (int p = 0; p < PACKAGES; p++) {
      Path pkg = dir.resolve(String.format("benchbot/pkg%02d", p));
      write(pkg.resolve("__init__.py"), "");
      for (int m = 0; m < MODULES_PER_PACKAGE; m++) {
        write(pkg.resolve(String.format("module%02d.py", m)), module(p, m, random));
      }
      int here = DATA_FILES / PACKAGES + (p < DATA_FILES % PACKAGES ? 1 : 0);
      for (int d = 0; d < here; d++, data++) {
        boolean json = data % 2 == 0;
        write(pkg.resolve(String.format("data/table%03d.%s", data, json ? "json" : "csv")),
            json ? json(random) : csv(random));
      }
    }
    return dir;
  }

  private static String module(int p, int m, Random random) {
    StringBuilder s = new StringBuilder();
    s.append("\"\"\"Module ").append(m).append(" of package ").append(p).append(".\"\"\"\n");
    s.append("import re\n\nimport scrapy\n\n");
    s.append("PATTERN = re.compile(r'item-(\\d+)')\n\n\n");
    if (p == 0 && m < 4) {
      s.append("class Spider").append(m).append("(scrapy.Spider):\n");
      s.append("    name = 'spider").append(m).append("'\n");
      s.append("    start_urls = ['https://example.com/").append(m).append("']\n\n");
      s.append("    def parse(self, response):\n");
      s.append("        for href in response.css('a::attr(href)').getall():\n");
      s.append("            yield {'url': response.urljoin(href)}\n\n\n");
    }
    for (int f = 0; f < 6; f++) {
      s.append("def helper_").append(f).append("(value, factor=").append(random.nextInt(100))
          .append("):\n");
      s.append("    \"\"\"Scales a value found by PATTERN.\"\"\"\n");
      s.append("    match = PATTERN.search(str(value))\n");
      s.append("    if match is None:\n        return None\n");
      s.append("    return int(match.group(1)) * factor + ").append(random.nextInt(1000))
          .append("\n\n\n");
    }
    return s.toString();
  }

  private static String json(Random random) {
    StringBuilder s = new StringBuilder("[\n");
    int rows = 20 + random.nextInt(60);
    for (int i = 0; i < rows; i++) {
      s.append("  {\"id\": ").append(i).append(", \"name\": \"item-").append(random.nextInt(1_000_000))
          .append("\", \"price\": ").append(random.nextInt(10_000) / 100.0).append("}")
          .append(i < rows - 1 ? ",\n" : "\n");
    }
    return s.append("]\n").toString();
  }

  private static String csv(Random random) {
    StringBuilder s = new StringBuilder("id,name,price\n");
    int rows = 40 + random.nextInt(100);
    for (int i = 0; i < rows; i++) {
      s.append(i).append(",item-").append(random.nextInt(1_000_000)).append(',')
          .append(random.nextInt(10_000) / 100.0).append('\n');
    }
    return s.toString();
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /**
   * Generates the project into the folder given as the only argument.
   *
   * @param args the folder
   * @throws IOException if writing fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BenchProject DIR");
    }
    generate(Path.of(args[0]));
  }
}
