package io.github.scrapyd4j.jobs.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs small Scrapy spiders kept under {@code src/test/resources/logs/spiders/}, to get real Scrapy
 * logs and items. The interpreter is the system property {@code scrapyd4j.python} if set, else the
 * first of {@code python3} on the PATH and {@code /usr/bin/python3} that can {@code import scrapy}
 * (Debian's python3-scrapy, which {@code .ci/run} installs). Tests call {@link #require()}, which
 * reports them skipped, with the reason, when there is none.
 */
public final class ScrapyPython {
  private static String found;
  private static String why;

  private ScrapyPython() {}

  public static synchronized String require() {
    if (found == null && why == null) {
      find();
    }
    assumeTrue(found != null, why);
    return found;
  }

  private static void find() {
    List<String> candidates = new ArrayList<>();
    String given = System.getProperty("scrapyd4j.python", "").trim();
    if (!given.isEmpty()) {
      candidates.add(given);
    } else {
      candidates.add("python3");
      candidates.add("/usr/bin/python3");
    }
    List<String> tried = new ArrayList<>();
    for (String python : candidates) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import scrapy; print(scrapy.__version__)")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          found = python;
          return;
        }
        tried.add(python + " (" + lastLine(out) + ")");
      } catch (IOException e) {
        tried.add(python + " (" + e.getMessage() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        tried.add(python + " (interrupted)");
      }
    }
    why = "Scrapy is not installed: no interpreter could 'import scrapy'; tried " + tried
        + ". Install Debian's python3-scrapy (.ci/run does) or set -Dscrapyd4j.python=/path/to/python";
  }

  private static String lastLine(String out) {
    String[] lines = out.split("\n");
    return lines[lines.length - 1];
  }

  /** A spider file of the test resources. */
  public static Path spider(String name) {
    try {
      return Paths.get(ScrapyPython.class.getResource("/logs/spiders/" + name + ".py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts {@code python -m scrapy runspider} in {@code dir}, logging to {@code log} and writing
   * items to {@code items} (JSON lines), with extra {@code -s NAME=VALUE} settings ({@code
   * arg:NAME=VALUE} becomes a spider argument, {@code -a NAME=VALUE}).
   */
  public static Process start(Path dir, String spider, Path log, Path items, String... settings)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(require(), "-m", "scrapy", "runspider",
        spider(spider).toString(), "-s", "LOG_FILE=" + log, "-s", "TELNETCONSOLE_ENABLED=0",
        "-O", items.toString() + ":jsonlines"));
    for (String s : settings) {
      if (s.startsWith("arg:")) {
        command.add("-a");
        command.add(s.substring(4));
      } else {
        command.add("-s");
        command.add(s);
      }
    }
    Files.createDirectories(dir);
    return new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(spider + ".out").toFile())
        .start();
  }

  /** Runs a spider to its end (at most 2 minutes) and returns its exit code. */
  public static int run(Path dir, String spider, Path log, Path items, String... settings)
      throws IOException, InterruptedException {
    Process p = start(dir, spider, log, items, settings);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("scrapy " + spider + " did not end within 2 minutes");
    }
    return p.exitValue();
  }
}
