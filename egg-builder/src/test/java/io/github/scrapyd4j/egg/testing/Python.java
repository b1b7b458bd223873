package io.github.scrapyd4j.egg.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Python to test against: the {@code scrapyd4j.python} system property if set, else the
 * first of {@code python3} (from the PATH) and {@code /usr/bin/python3} that can import the
 * module asked for. On these machines the {@code python3} on the PATH has no Scrapy; Debian's
 * {@code python3-scrapy} lives in {@code /usr/bin/python3}.
 */
public final class Python {
  private static final Map<String, Optional<String>> FOUND = new ConcurrentHashMap<>();

  private Python() {}

  /**
   * A Python that can import Scrapy (and so pkg_resources, setuptools and packaging).
   *
   * @return the interpreter, empty when none is found
   */
  public static Optional<String> withScrapy() {
    return withModule("scrapy");
  }

  /**
   * A Python that can import a module.
   *
   * @param module the module, such as {@code packaging}
   * @return the interpreter, empty when none is found
   */
  public static Optional<String> withModule(String module) {
    return FOUND.computeIfAbsent(module, Python::find);
  }

  /** Why tests that need a module are skipped. */
  public static String missing(String module) {
    String property = System.getProperty("scrapyd4j.python", "");
    if (!property.isBlank()) {
      return "-Dscrapyd4j.python=" + property + " cannot import '" + module + "'";
    }
    return "neither python3 on the PATH nor /usr/bin/python3 can import '" + module
        + "'; install Debian's python3-scrapy (apt-get install python3-scrapy) or give"
        + " -Dscrapyd4j.python=<interpreter>";
  }

  private static Optional<String> find(String module) {
    List<String> candidates = new ArrayList<>();
    String property = System.getProperty("scrapyd4j.python", "");
    if (!property.isBlank()) {
      candidates.add(property);
    } else {
      candidates.add("python3");
      candidates.add("/usr/bin/python3");
    }
    for (String candidate : candidates) {
      if (run(List.of(candidate, "-c", "import " + module), null).exitCode == 0) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Output of a run. */
  public static final class Run {
    public final int exitCode;
    public final String stdout;
    public final String stderr;

    Run(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /**
   * Runs a command and waits up to two minutes.
   *
   * @param command the command
   * @param dir the working folder, or null
   * @return what it printed
   */
  public static Run run(List<String> command, Path dir) {
    return run(command, dir, Map.of());
  }

  /**
   * Runs a command with extra environment variables and waits up to two minutes.
   *
   * @param command the command
   * @param dir the working folder, or null
   * @param env extra variables
   * @return what it printed
   */
  public static Run run(List<String> command, Path dir, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      pb.environment().putAll(env);
      Path out = java.nio.file.Files.createTempFile("py-out", ".txt");
      Path err = java.nio.file.Files.createTempFile("py-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Run(-1, "", "timed out");
      }
      Run run = new Run(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
          java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
      java.nio.file.Files.deleteIfExists(out);
      java.nio.file.Files.deleteIfExists(err);
      return run;
    } catch (IOException e) {
      return new Run(-1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(-1, "", e.toString());
    }
  }
}
