package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code scrapy.cfg} cannot be used: it does not parse the way Python's {@code ConfigParser} would
 * parse it, a value's {@code %} interpolation fails, or a deploy target is unknown or incomplete.
 * The message names the file, line, section or target, and says what to change.
 *
 * <pre>{@code
 * try {
 *   DeployTarget target = ScrapyConfig.find(Path.of(".")).target("prod");
 * } catch (ScrapyConfigException e) {
 *   // e.problem() == UNKNOWN_TARGET: the message lists the known targets;
 *   // e.file() and e.line() point at a line Python's ConfigParser would refuse too
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class ScrapyConfigException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** What is wrong; the first seven are Python's own {@code configparser} errors. */
  public enum Problem {
    /** Python's {@code MissingSectionHeaderError}: a line before the first {@code [section]}. */
    MISSING_SECTION_HEADER,
    /** Python's {@code ParsingError}: a line that is neither a section, an option nor a continuation. */
    PARSE_ERROR,
    /** Python's {@code DuplicateSectionError}: a section repeated within one file. */
    DUPLICATE_SECTION,
    /** Python's {@code DuplicateOptionError}: an option repeated within one section of one file. */
    DUPLICATE_OPTION,
    /** Python's {@code InterpolationMissingOptionError}: {@code %(name)s} names no option. */
    INTERPOLATION_MISSING_OPTION,
    /** Python's {@code InterpolationSyntaxError}: a {@code %} not followed by {@code %} or {@code (name)s}. */
    INTERPOLATION_SYNTAX,
    /** Python's {@code InterpolationDepthError}: more than 10 nested substitutions. */
    INTERPOLATION_DEPTH,
    /** A configuration file or {@code .netrc} exists but cannot be read or decoded as UTF-8. */
    UNREADABLE,
    /** No {@code scrapy.cfg} was found. */
    NOT_FOUND,
    /** No deploy target of that name. */
    UNKNOWN_TARGET,
    /** The target has no {@code url}, or it is not an http(s) URL. */
    INVALID_URL,
    /** The target has no {@code project} and none was given. */
    MISSING_PROJECT,
    /** The target's {@code username} cannot be used (it holds a {@code :}). */
    INVALID_CREDENTIALS,
    /** A {@code .netrc} file does not parse. */
    NETRC
  }

  /** What is wrong. */
  private final Problem problem;
  private final transient Path file;
  /** The line concerned (1-based), 0 when none. */
  private final int line;

  /**
   * Creates an exception.
   *
   * @param problem what is wrong
   * @param message the message, naming the file, line, section or target
   * @param file the file concerned, or {@code null}
   * @param line the 1-based line concerned, or 0
   * @param cause the cause, or {@code null}
   */
  public ScrapyConfigException(
      Problem problem, String message, Path file, int line, Throwable cause) {
    super(message, null, null, null, cause);
    this.problem = problem;
    this.file = file;
    this.line = line;
  }

  /**
   * What is wrong.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The file concerned.
   *
   * @return the file, if the problem belongs to one
   */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * The line concerned.
   *
   * @return the 1-based line number, or 0 if the problem belongs to no line
   */
  public int line() {
    return line;
  }
}
