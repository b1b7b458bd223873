package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;

/**
 * The rules for the names Scrapyd stores things under, as {@link ScrapydClient} checks them before
 * any request is sent: for tools built on the client (the egg builder's deployer among them) that
 * check their input up front, before the first node is called.
 *
 * <pre>{@code
 * ScrapydNames.checkNewProject("shop");     // fine
 * ScrapydNames.checkNewProject("shop?x");   // IllegalArgumentException: names '?' and why
 * }</pre>
 */
public final class ScrapydNames {
  private ScrapydNames() {}

  /**
   * Checks the name of a project that may already exist: not blank, and usable as the folder name
   * Scrapyd stores it under (no slash, no {@code ..}).
   *
   * @param project the project name
   * @return the name
   * @throws IllegalArgumentException if it is not such a name, saying why
   * @throws NullPointerException if it is null
   */
  public static String checkProject(String project) {
    return Checks.project(project);
  }

  /**
   * Checks the name of a project an upload ({@code addversion.json}) may create: as {@link
   * #checkProject(String)}, and without {@code ?}, {@code #}, {@code %}, white space or control
   * characters, which Scrapyd would write unescaped into its jobs' log and items URLs.
   *
   * @param project the project name
   * @return the name
   * @throws IllegalArgumentException if it is not such a name, saying why
   * @throws NullPointerException if it is null
   */
  public static String checkNewProject(String project) {
    return Checks.newProject(project);
  }

  /**
   * Checks a version name: not blank.
   *
   * @param version the version
   * @return the version
   * @throws IllegalArgumentException if it is blank
   * @throws NullPointerException if it is null
   */
  public static String checkVersion(String version) {
    return Checks.version(version);
  }
}
