package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a project's packaging metadata declares, read in Java without running Python, in
 * setuptools' order: {@code setup.py}'s {@code setup(...)} call (read statically), {@code
 * setup.cfg}'s {@code [options]} for what it leaves unset, then {@code pyproject.toml}'s {@code
 * [project]} and {@code [tool.setuptools]}. {@link EggBuilder} packages what it declares.
 *
 * <pre>{@code
 * ProjectMetadata meta = EggBuilder.builder().projectDir(Path.of("/src/shop")).build()
 *     .projectMetadata();
 * List<String> requirements = meta.dependencies();   // install_requires / [project] dependencies
 * meta.warnings().forEach(System.err::println);        // what could not be read statically
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class ProjectMetadata {
  ProjectMetadata() {}

  /**
   * The metadata files that declare something, in the order read: {@code setup.py}, {@code
   * setup.cfg}, {@code pyproject.toml}.
   *
   * @return the file names, empty when the project has none (scrapyd-deploy's rules then apply)
   */
  public abstract List<String> files();

  /**
   * The distribution name ({@code name=}, {@code [metadata] name}, {@code [project] name}).
   *
   * @return the name, empty when not declared or not readable
   */
  public abstract Optional<String> name();

  /**
   * The distribution version.
   *
   * @return the version, empty when not declared or not readable
   */
  public abstract Optional<String> version();

  /**
   * The declared dependencies ({@code install_requires}, {@code [options] install_requires},
   * {@code [project] dependencies}), as requirement strings.
   *
   * @return the requirements, empty when none are declared or readable
   */
  public abstract List<String> dependencies();

  /**
   * The module of the {@code [scrapy]} {@code settings} entry point the metadata declares.
   *
   * @return the module, empty when the metadata declares none
   */
  public abstract Optional<String> settingsModule();

  /**
   * What could not be read statically, each naming the file, the key, the line and what was
   * used instead.
   *
   * @return the warnings
   */
  public abstract List<String> warnings();

  static ImmutableProjectMetadata.Builder builder() {
    return ImmutableProjectMetadata.builder();
  }
}
