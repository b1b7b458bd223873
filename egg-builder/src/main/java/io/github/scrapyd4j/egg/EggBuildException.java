package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The egg could not be built: the project is incomplete or the file system refused something.
 * Thrown before anything is uploaded. {@link #problem()} tells which check failed, {@link #path()}
 * names the file or folder concerned, and the message says what to change.
 *
 * <pre>{@code
 * try {
 *   Egg egg = EggBuilder.builder().findProject(Path.of(".")).build().build();
 * } catch (EggBuildException e) {
 *   if (e.problem() == EggBuildException.Problem.NO_SCRAPY_CFG) {
 *     // not inside a Scrapy project: the message lists the folders searched
 *   }
 *   throw e;
 * }
 * }</pre>
 */
public class EggBuildException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** Which check failed. */
  public enum Problem {
    /** No {@code scrapy.cfg} in the folder or any folder above it. */
    NO_SCRAPY_CFG,
    /** The project folder does not exist or is not a folder. */
    NOT_A_FOLDER,
    /** No settings module: {@code scrapy.cfg} has no {@code [settings] default} and none was given. */
    NO_SETTINGS_MODULE,
    /** The settings module name is not a dotted Python module name. */
    INVALID_SETTINGS_MODULE,
    /** No file of the egg is the settings module ({@code pkg/settings.py} or {@code pkg/settings/__init__.py}). */
    SETTINGS_MODULE_NOT_FOUND,
    /** The project has no Python package (a folder with {@code __init__.py}). */
    NO_PACKAGES,
    /** A symbolic link that would be packaged points outside the project (it is not followed). */
    SYMLINK_OUTSIDE_PROJECT,
    /** A symbolic link that would be packaged points to a folder that contains it (a loop). */
    SYMLINK_LOOP,
    /** A symbolic link that would be packaged points to nothing. */
    BROKEN_SYMLINK,
    /** A file or folder that would be packaged cannot be read. */
    UNREADABLE_FILE,
    /** A file name that would be packaged is not valid UTF-8. */
    INVALID_FILE_NAME,
    /** Two files would land at the same place in the egg, or a file at a reserved place. */
    DUPLICATE_ENTRY,
    /** The egg would be too large for a ZIP file without ZIP64 (65,535 files or 4 GiB). */
    TOO_LARGE,
    /** {@code SOURCE_DATE_EPOCH} or the given timestamp is not usable. */
    INVALID_TIMESTAMP,
    /** {@code setup.py bdist_egg} (opt-in mode) failed, or Python could not be started. */
    SETUP_PY_FAILED,
    /**
     * The dependencies to vendor ({@link Dependencies}) could not be installed: nothing declares
     * them, no Python with pip was found, or pip failed.
     */
    DEPENDENCIES_FAILED,
    /** A dependency to vendor has compiled extension modules, which cannot load from an egg. */
    COMPILED_DEPENDENCY,
    /** An existing egg file is not a ZIP file or not an egg. */
    INVALID_EGG,
    /** Reading the project or writing the egg failed for another reason. */
    IO_ERROR
  }

  /** Which check failed. */
  private final Problem problem;
  private final transient Path path;

  /**
   * Creates an exception.
   *
   * @param problem which check failed
   * @param message what is wrong and what to do, naming the file or folder
   * @param path the file or folder concerned, or {@code null}
   * @param cause the cause, or {@code null}
   */
  public EggBuildException(Problem problem, String message, Path path, Throwable cause) {
    super(message, null, null, null, cause);
    this.problem = problem;
    this.path = path;
  }

  /**
   * Which check failed.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The file or folder concerned.
   *
   * @return the path, if one is concerned
   */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }
}
