package io.github.scrapyd4j.egg.internal;

import io.github.scrapyd4j.egg.EggBuildException;
import io.github.scrapyd4j.egg.EggBuildException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an egg with Python, as scrapyd-deploy does, but in a temporary copy of the project: the
 * project folder is never written to. Without a {@code setup.py}, the copy gets the one
 * scrapyd-deploy would write.
 */
public final class SetupPyRunner {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.egg.EggBuilder");

  /** scrapyd-deploy 2.0.3's generated setup.py, with {@code %s} for the settings module. */
  public static final String SETUP_PY_TEMPLATE = "# Automatically created by: scrapyd-deploy\n"
      + "\n"
      + "from setuptools import setup, find_packages\n"
      + "\n"
      + "setup(\n"
      + "    name         = 'project',\n"
      + "    version      = '1.0',\n"
      + "    packages     = find_packages(),\n"
      + "    entry_points = {'scrapy': ['settings = %s']},\n"
      + ")\n";

  private SetupPyRunner() {}

  /**
   * Runs {@code python setup.py bdist_egg} in a copy of the project.
   *
   * @param projectDir the project folder (only read)
   * @param python the Python interpreter
   * @param settingsModule the settings module for a generated setup.py, or {@code null}
   * @param timeout the time limit for the build
   * @return the egg's bytes
   * @throws EggBuildException if the copy or the build fails
   */
  public static byte[] build(
      Path projectDir, String python, String settingsModule, Duration timeout) {
    Path work = null;
    try {
      work = Files.createTempDirectory("scrapyd4j-setup-py-");
      Path copy = work.resolve("project");
      Path out = work.resolve("dist");
      Files.createDirectories(out);
      copyProject(projectDir, copy);
      if (!Files.exists(copy.resolve("setup.py"), LinkOption.NOFOLLOW_LINKS)) {
        if (settingsModule == null) {
          throw new EggBuildException(Problem.NO_SETTINGS_MODULE, "project " + projectDir
              + " has no setup.py and no settings module to write one with", projectDir, null);
        }
        Files.writeString(copy.resolve("setup.py"),
            String.format(SETUP_PY_TEMPLATE, settingsModule), StandardCharsets.UTF_8);
      }
      List<String> command = List.of(python, "setup.py", "bdist_egg", "-d", out.toString());
      LOG.info("Running '{}' in a copy of {}", String.join(" ", command), projectDir);
      Processes.Result result;
      try {
        result = Processes.run(command, copy, Map.of(), timeout);
      } catch (IOException e) {
        throw new EggBuildException(Problem.SETUP_PY_FAILED, "cannot run " + python
            + " (is Python installed? choose it with EggBuilder.Builder.python): " + e.getMessage(),
            projectDir, e);
      }
      if (result.timedOut) {
        throw new EggBuildException(Problem.SETUP_PY_FAILED, "'" + String.join(" ", command)
            + "' did not finish within " + timeout + "; output:\n" + result.output(4000),
            projectDir, null);
      }
      if (result.exitCode != 0) {
        throw new EggBuildException(Problem.SETUP_PY_FAILED, "'" + python
            + " setup.py bdist_egg' failed (exit " + result.exitCode + ") in a copy of "
            + projectDir + "; output:\n" + result.output(4000), projectDir, null);
      }
      List<Path> eggs = new ArrayList<>();
      try (Stream<Path> files = Files.list(out)) {
        files.filter(p -> p.getFileName().toString().endsWith(".egg")).sorted().forEach(eggs::add);
      }
      if (eggs.isEmpty()) {
        throw new EggBuildException(Problem.SETUP_PY_FAILED, "'" + python
            + " setup.py bdist_egg' made no .egg file; output:\n" + result.output(4000),
            projectDir, null);
      }
      return Files.readAllBytes(eggs.get(0));
    } catch (IOException e) {
      throw new EggBuildException(Problem.IO_ERROR,
          "cannot build with setup.py in a temporary copy of " + projectDir + ": " + e, projectDir,
          e);
    } finally {
      if (work != null) {
        deleteTree(work);
      }
    }
  }

  /** Copies the project, leaving out build output, byte code and virtualenvs. */
  private static void copyProject(Path from, Path to) throws IOException {
    Path root = from.toRealPath();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        Path rel = root.relativize(dir);
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        boolean top = rel.getNameCount() == 1;
        if (!dir.equals(root) && (name.equals("__pycache__") || name.endsWith(".egg-info")
            || (top && (name.equals("build") || name.equals("dist")))
            || Files.exists(dir.resolve("pyvenv.cfg")))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(rel.toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".pyc")) {
          return FileVisitResult.CONTINUE;
        }
        Files.copy(file, to.resolve(root.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
            StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        throw new EggBuildException(Problem.UNREADABLE_FILE,
            file + " cannot be read to copy the project: " + e, file, e);
      }
    });
  }

  /**
   * Deletes a folder and everything in it, without following links; failures are logged.
   *
   * @param dir the folder
   */
  public static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("Could not delete temporary file {}: {}", p, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.warn("Could not delete temporary folder {}: {}", dir, e.toString());
    }
  }
}
