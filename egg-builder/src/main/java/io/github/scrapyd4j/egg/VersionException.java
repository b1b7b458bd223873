package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydException;

/**
 * A {@code GIT} or {@code HG} version could not be computed: the tool is not installed, or the
 * folder is not a repository. The message names the command, the folder and what the tool said.
 *
 * <pre>{@code
 * try {
 *   String version = VersionResolver.builder().directory(projectDir).build().resolve("GIT");
 * } catch (VersionException e) {
 *   // for example: version GIT needs git, which cannot be run (is it installed and on the PATH?)
 * }
 * }</pre>
 */
public class VersionException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed and what to do
   * @param cause the cause, or {@code null}
   */
  public VersionException(String message, Throwable cause) {
    super(message, null, null, null, cause);
  }
}
