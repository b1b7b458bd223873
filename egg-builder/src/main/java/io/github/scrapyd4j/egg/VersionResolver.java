package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.egg.internal.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Turns a version rule into the version string to upload, with scrapyd-deploy's rules:
 *
 * <ul>
 *   <li>empty or {@code null}: the current time in epoch seconds, such as {@code 1795458531} (the
 *       default, and the only common kind that always sorts right on Scrapyd);
 *   <li>{@code GIT}: {@code git describe}, or {@code r} and the commit count ({@code git rev-list
 *       --count HEAD}) when no annotated tag is reachable, then {@code -} and the branch ({@code
 *       git rev-parse --abbrev-ref HEAD}, {@code HEAD} when detached): {@code v1.2-3-gabc1234-main}
 *       or {@code r42-main};
 *   <li>{@code HG}: {@code r}, the tip's revision number ({@code hg tip --template {rev}}),
 *       {@code -} and the branch ({@code hg branch}): {@code r17-default};
 *   <li>anything else: used as is.
 * </ul>
 *
 * <pre>{@code
 * VersionResolver versions = VersionResolver.builder().directory(projectDir).build();
 * String version = versions.resolve(target.version().orElse(null));   // "GIT", "1.2" or null
 * }</pre>
 *
 * <p>The tools run in {@link Builder#directory(Path)} (scrapyd-deploy runs them wherever it was
 * started). Unlike scrapyd-deploy, a missing tool or a folder that is not a repository is an error
 * ({@link VersionException}) rather than a version such as {@code r-}.
 *
 * <p>Scrapyd stores the version with every character outside {@code [A-Za-z0-9_-]} replaced by
 * {@code _}, and orders versions as {@link VersionOrder} explains: {@code GIT} versions do not
 * sort by age.
 */
public final class VersionResolver {
  /** The rule for a version from {@code git describe} and the branch. */
  public static final String GIT = "GIT";
  /** The rule for a version from Mercurial's tip revision and branch. */
  public static final String HG = "HG";

  private final Path directory;
  private final Clock clock;
  private final String git;
  private final String hg;
  private final Duration timeout;

  private VersionResolver(Builder b) {
    this.directory = b.directory;
    this.clock = b.clock;
    this.git = b.git;
    this.hg = b.hg;
    this.timeout = b.timeout;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves a rule with the default settings: the current folder and the system clock.
   *
   * @param rule {@code null} or empty for a timestamp, {@code GIT}, {@code HG}, or a version
   * @return the version to upload
   * @throws VersionException if {@code git} or {@code hg} fails
   */
  public static String resolveDefault(String rule) {
    return builder().build().resolve(rule);
  }

  /**
   * Resolves a rule.
   *
   * @param rule {@code null} or empty for a timestamp, {@code GIT}, {@code HG}, or a version
   *     used as is
   * @return the version to upload
   * @throws VersionException if {@code git} or {@code hg} is missing or fails
   */
  public String resolve(String rule) {
    if (rule == null || rule.isEmpty()) {
      return timestamp();
    }
    if (rule.equals(GIT)) {
      return git();
    }
    if (rule.equals(HG)) {
      return hg();
    }
    return rule;
  }

  /**
   * The current time in whole epoch seconds, scrapyd-deploy's default version.
   *
   * @return the timestamp version
   */
  public String timestamp() {
    return Long.toString(clock.millis() / 1000);
  }

  /**
   * The {@code GIT} version: {@code <git describe>-<branch>}, or {@code r<commit count>-<branch>}
   * when {@code git describe} fails (no annotated tag).
   *
   * @return the version
   * @throws VersionException if git is missing or the folder is not in a repository with a commit
   */
  public String git() {
    Processes.Result describe = run(git, List.of("describe"), GIT);
    String descriptor;
    if (describe.exitCode == 0) {
      descriptor = stripNewlines(describe.stdout);
    } else {
      Processes.Result count = run(git, List.of("rev-list", "--count", "HEAD"), GIT);
      if (count.exitCode != 0) {
        throw failed(git, "rev-list --count HEAD", count, GIT);
      }
      descriptor = "r" + stripNewlines(count.stdout);
    }
    Processes.Result branch = run(git, List.of("rev-parse", "--abbrev-ref", "HEAD"), GIT);
    if (branch.exitCode != 0) {
      throw failed(git, "rev-parse --abbrev-ref HEAD", branch, GIT);
    }
    return descriptor + "-" + stripNewlines(branch.stdout);
  }

  /**
   * The {@code HG} version: {@code r<tip revision>-<branch>}.
   *
   * @return the version
   * @throws VersionException if hg is missing or the folder is not in a repository
   */
  public String hg() {
    Processes.Result tip = run(hg, List.of("tip", "--template", "{rev}"), HG);
    if (tip.exitCode != 0) {
      throw failed(hg, "tip --template {rev}", tip, HG);
    }
    Processes.Result branch = run(hg, List.of("branch"), HG);
    if (branch.exitCode != 0) {
      throw failed(hg, "branch", branch, HG);
    }
    return "r" + tip.stdout + "-" + stripNewlines(branch.stdout);
  }

  /** Python's {@code s.strip("\n")}. */
  private static String stripNewlines(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '\n') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(start, end);
  }

  private Processes.Result run(String tool, List<String> args, String rule) {
    List<String> command = new java.util.ArrayList<>();
    command.add(tool);
    command.addAll(args);
    try {
      Processes.Result result = Processes.run(command, directory, Map.of(), timeout);
      if (result.timedOut) {
        throw new VersionException("version " + rule + ": '" + String.join(" ", command)
            + "' did not finish within " + timeout + " in " + directory, null);
      }
      return result;
    } catch (IOException e) {
      throw new VersionException("version " + rule + " needs " + tool
          + ", which cannot be run (is it installed and on the PATH?): " + e.getMessage(), e);
    }
  }

  private VersionException failed(String tool, String args, Processes.Result r, String rule) {
    return new VersionException("version " + rule + ": '" + tool + " " + args + "' failed in "
        + directory + " (exit " + r.exitCode + "): " + r.output(2000)
        + (rule.equals(GIT) ? " (is it a git repository with at least one commit?)"
            : " (is it a Mercurial repository?)"), null);
  }

  /** Builds a {@link VersionResolver}. */
  public static final class Builder {
    private Path directory = Path.of("").toAbsolutePath();
    private Clock clock = Clock.systemUTC();
    private String git = "git";
    private String hg = "hg";
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Where {@code git} and {@code hg} run: the project folder. Default: the current folder.
     *
     * @param directory the folder
     * @return this builder
     */
    public Builder directory(Path directory) {
      this.directory = Args.notNull("directory", directory);
      return this;
    }

    /**
     * The clock for timestamp versions. Default: the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Args.notNull("clock", clock);
      return this;
    }

    /**
     * The git program. Default: {@code git} from the PATH.
     *
     * @param command the program name or path
     * @return this builder
     */
    public Builder gitCommand(String command) {
      this.git = Args.notBlank("command", command);
      return this;
    }

    /**
     * The Mercurial program. Default: {@code hg} from the PATH.
     *
     * @param command the program name or path
     * @return this builder
     */
    public Builder hgCommand(String command) {
      this.hg = Args.notBlank("command", command);
      return this;
    }

    /**
     * The time limit for each tool run. Default: 30 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Args.positive("timeout", timeout);
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @return the resolver
     */
    public VersionResolver build() {
      return new VersionResolver(this);
    }
  }
}
