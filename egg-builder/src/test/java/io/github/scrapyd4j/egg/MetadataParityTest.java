package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Fixtures;
import io.github.scrapyd4j.egg.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds each fixture project (one per packaging shape: a package in a sub-package with its own
 * entry point, find_packages(exclude=...), packages=[...], computed values, setup.cfg,
 * pyproject.toml, tests left out by metadata) twice: as scrapyd-deploy does, {@code setup.py
 * clean -a} then {@code setup.py bdist_egg -d TMP} with Debian's setuptools in a copy, and with
 * {@link EggBuilder}; the modules, the data files and the {@code [scrapy] settings} entry point
 * must be the same. Skipped where no Python can import setuptools.
 */
class MetadataParityTest {
  @TempDir Path tmp;

  private static String python;

  @BeforeAll
  static void findPython() {
    python = Python.withModule("setuptools").orElse(null);
  }

  static List<String> fixtures() {
    return Fixtures.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void eggHoldsWhatSetuptoolsBdistEggHolds(String fixture) throws IOException {
    assumeTrue(python != null, Python.missing("setuptools"));
    Egg setuptools = bdistEgg(Fixtures.copy(fixture, tmp.resolve("python")));
    Path project = Fixtures.copy(fixture, tmp.resolve("java"));

    Egg java = EggBuilder.builder().projectDir(project)
        .environment(Map.of("HOME", "/nonexistent")).build().build();

    assertThat(modules(java)).as("modules").isNotEmpty().isEqualTo(modules(setuptools));
    assertThat(dataFiles(java)).as("data files").isEqualTo(dataFiles(setuptools));
    assertThat(java.settingsModule()).as("[scrapy] settings").isPresent()
        .isEqualTo(setuptools.settingsModule());
    assertThat(new TreeSet<>(java.topLevelNames())).as("top_level.txt")
        .isEqualTo(new TreeSet<>(setuptools.topLevelNames()));
  }

  /** As scrapyd-deploy 2.0 builds: clean -a, then bdist_egg -d TMP, in the project folder. */
  private Egg bdistEgg(Path project) throws IOException {
    Python.Run clean = Python.run(List.of(python, "setup.py", "clean", "-a"), project);
    assertThat(clean.exitCode).as(clean.toString()).isZero();
    Path out = tmp.resolve("bdist-out");
    Python.Run build = Python.run(List.of(python, "setup.py", "bdist_egg", "-d",
        out.toString()), project);
    assertThat(build.exitCode).as(build.toString()).isZero();
    try (Stream<Path> eggs = Files.list(out)) {
      return Egg.read(eggs.filter(p -> p.toString().endsWith(".egg")).findFirst().orElseThrow());
    }
  }

  private static TreeSet<String> modules(Egg egg) {
    return egg.entries().stream().filter(e -> e.kind() == EggEntry.Kind.MODULE)
        .map(EggEntry::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static TreeSet<String> dataFiles(Egg egg) {
    return egg.entries().stream().filter(e -> e.kind() == EggEntry.Kind.DATA)
        .map(EggEntry::name).filter(n -> !n.endsWith(".pyc") && !n.contains("__pycache__"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
