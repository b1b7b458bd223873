package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.egg.testing.Fixtures;
import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.Tree;
import io.github.scrapyd4j.egg.testing.ZipInspector;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the project's packaging metadata makes of the egg beyond the parity with setuptools
 * (MetadataParityTest): warnings that name what could not be read statically, the declared
 * dependencies, the settings entry point, the summary and the size warnings.
 */
class ProjectMetadataTest {
  @TempDir Path tmp;

  private static EggBuilder.Builder builder(Path project) {
    return EggBuilder.builder().projectDir(project).environment(Map.of("HOME", "/nonexistent"));
  }

  @Test
  void computedValuesAreResolvedOrNamedWithKeywordAndLine() {
    Path project = Fixtures.copy("computed", tmp);

    Egg egg = builder(project).build().build();

    // NAME and PACKAGES are assigned once at the top: read. version is set inside a with block
    // and install_requires is a comprehension over open(): named, with what was used instead.
    assertThat(egg.warnings()).contains(
        "setup.py line 17: version= is the variable version, which only running Python can"
            + " evaluate; used the version '1.0' instead",
        "setup.py line 19: install_requires= is a comprehension, which only running Python can"
            + " evaluate; used no declared dependencies instead");
    assertThat(egg.entryNames()).doesNotContain("tests/__init__.py");
    assertThat(ZipInspector.contents(egg.bytes()).get("EGG-INFO/PKG-INFO"))
        .contains("Name: computed\n").contains("Version: 1.0\n");
    assertThat(builder(project).build().projectMetadata().dependencies()).isEmpty();
  }

  @Test
  void settingsEntryPointOfTheMetadataWinsOverScrapyCfgWithAWarning() {
    Path project = Fixtures.copy("subfolder-package", tmp);

    Egg egg = builder(project).build().build();

    assertThat(egg.settingsModule()).contains("outer.pkg.settings");
    assertThat(egg.warnings()).anySatisfy(w -> assertThat(w)
        .contains("outer.pkg.settings (entry_points in setup.py, line 7)")
        .contains("[settings] default is pkg.settings"));
  }

  @Test
  void settingsModuleGivenToTheBuilderWinsOverTheMetadata() {
    Path project = Fixtures.copy("subfolder-package", tmp);

    assertThatThrownBy(() -> builder(project).settingsModule("pkg.settings").build().build())
        .isInstanceOf(EggBuildException.class)
        .hasMessageContaining("settings module 'pkg.settings' (given to the builder)");
  }

  @Test
  void metadataWithoutAScrapyEntryPointUsesScrapyCfgAndSaysSetuptoolsWouldNot() {
    Path project = Tree.at(tmp.resolve("noep")).scrapyProject("noep", "one")
        .file("setup.py", "from setuptools import setup\nsetup(name='noep', packages=['noep',"
            + " 'noep.spiders'])\n").root();

    Egg egg = builder(project).build().build();

    assertThat(egg.settingsModule()).contains("noep.settings");
    assertThat(egg.warnings()).anySatisfy(w -> assertThat(w)
        .startsWith("setup.py declares no [scrapy] settings entry point")
        .contains("noep.settings"));
  }

  @Test
  void declaredDependenciesNameAndVersionOfEachFormat() {
    ProjectMetadata py = builder(Fixtures.copy("find-exclude", tmp)).build().projectMetadata();
    ProjectMetadata cfg = builder(Fixtures.copy("setup-cfg", tmp)).build().projectMetadata();
    ProjectMetadata toml = builder(Fixtures.copy("pyproject", tmp)).build().projectMetadata();

    assertThat(py.files()).containsExactly("setup.py");
    assertThat(py.dependencies()).containsExactly("scrapy>=2.5", "itemadapter");
    assertThat(py.name()).contains("shop");
    assertThat(py.version()).contains("0.3");
    assertThat(cfg.files()).containsExactly("setup.py", "setup.cfg");
    assertThat(cfg.dependencies()).containsExactly("scrapy>=2.11", "parsel");
    assertThat(cfg.settingsModule()).contains("cfgbot.settings");
    assertThat(toml.files()).containsExactly("setup.py", "pyproject.toml");
    assertThat(toml.dependencies()).containsExactly("scrapy>=2.11", "w3lib");
    assertThat(toml.name()).contains("tomlbot");
    assertThat(toml.version()).contains("5.2");
    assertThat(toml.warnings()).isEmpty();
  }

  @Test
  void withoutMetadataTheProjectHasNoneAndScrapydDeploysRulesStay() {
    Path project = Tree.at(tmp.resolve("plain")).scrapyProject("plain", "one")
        .empty("tests/__init__.py", "tests/test_one.py").root();

    assertThat(builder(project).build().projectMetadata().files()).isEmpty();
    assertThat(builder(project).build().build().entryNames()).contains("tests/test_one.py");
  }

  @Test
  void readMetadataFalseIgnoresTheProjectsMetadata() {
    Path project = Fixtures.copy("find-exclude", tmp);

    Egg egg = builder(project).readMetadata(false).build().build();

    assertThat(egg.entryNames()).contains("tests/test_catalog.py", "helpers/release.py",
        "shop/data/notes.txt");
    assertThat(egg.warnings()).isEmpty();
  }

  @Test
  void excludesAndIncludesOfTheCallerApplyOnTopOfTheMetadata() {
    Path project = Fixtures.copy("find-exclude", tmp);

    Egg egg = builder(project).exclude("shop/data/").include("helpers/release.py").build()
        .build();

    assertThat(egg.entryNames()).doesNotContain("shop/data/sites.json")
        .contains("helpers/release.py", "shop/spiders/catalog.py");
  }

  @Test
  void packagesLeftOutByMetadataTakeTheirDataFilesWithThem() {
    Path project = Fixtures.copy("tests-excluded", tmp);
    Tree.at(project).file("crawler/static/logo.svg", "<svg/>");

    Egg egg = builder(project).build().build();

    // No package data declared: the packages' non-Python files, but not those of crawler.tests.
    assertThat(egg.entryNames()).contains("crawler/static/logo.svg")
        .noneMatch(n -> n.contains("tests"));
  }

  @Test
  void summaryCountsModulesDataFilesAndBytes() {
    Path project = Fixtures.copy("pyproject", tmp);

    Egg egg = builder(project).build().build();

    EggSummary s = egg.summary();
    assertThat(s.modules()).isEqualTo(4);
    assertThat(s.dataFiles()).isEqualTo(2);
    assertThat(s.eggBytes()).isEqualTo(egg.size());
    long unpacked = egg.entries().stream().filter(e -> e.kind() != EggEntry.Kind.METADATA)
        .mapToLong(EggEntry::size).sum();
    assertThat(s.bytes()).isEqualTo(unpacked).isPositive();
    assertThat(s.line()).matches("4 modules, 2 data files, \\d+ bytes unpacked, egg \\d\\.\\d kB");
    assertThat(Egg.of(egg.bytes()).summary()).isEqualTo(s);
  }

  @Test
  void filesOver10MbAreNamedAndEggsOver5MbNameTheirLargestFolders() throws IOException {
    Path project = Tree.at(tmp.resolve("big")).scrapyProject("big", "one").root();
    Path dump = project.resolve("big/dumps/archive.bin");
    Files.createDirectories(dump.getParent());
    try (RandomAccessFile f = new RandomAccessFile(dump.toFile(), "rw")) {
      f.setLength(12_000_000); // zeros: compresses to almost nothing
    }
    byte[] noise = new byte[6_000_000];
    new Random(1).nextBytes(noise);
    Files.write(project.resolve("big/media/noise.bin").getParent().toFile().mkdirs()
        ? project.resolve("big/media/noise.bin") : project.resolve("big/media/noise.bin"), noise);

    Egg egg = builder(project).build().build();

    assertThat(egg.warnings()).anySatisfy(w -> assertThat(w)
        .startsWith("big/dumps/archive.bin (" + dump + ") is 12.0 MB")
        .contains("--exclude 'big/dumps/archive.bin'"));
    assertThat(egg.warnings()).noneMatch(w -> w.startsWith("big/media/noise.bin"));
    assertThat(egg.warnings()).anySatisfy(w -> assertThat(w)
        .startsWith("the egg is 6.0 MB")
        .contains("big/dumps/ (12.0 MB), big/media/ (6.0 MB)")
        .contains("--exclude 'big/dumps/'"));
    assertThat(egg.summary().bytes()).isGreaterThan(18_000_000);
  }

  @Test
  void eggsBuiltWithSetupPyGetTheSizeWarningsToo() throws IOException {
    String python = Python.withModule("setuptools").orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(python != null, Python.missing("setuptools"));
    Path project = Tree.at(tmp.resolve("bigpy")).scrapyProject("bigpy", "one")
        .file("setup.py", "from setuptools import setup, find_packages\n"
            + "setup(name='bigpy', packages=find_packages(),\n"
            + "      package_data={'bigpy': ['dumps/*.bin']},\n"
            + "      entry_points={'scrapy': ['settings = bigpy.settings']})\n").root();
    try (RandomAccessFile f = new RandomAccessFile(
        Files.createDirectories(project.resolve("bigpy/dumps")).resolve("a.bin").toFile(), "rw")) {
      f.setLength(12_000_000);
    }

    Egg egg = builder(project).useSetupPy(true).python(python).build().build();

    assertThat(egg.warnings()).singleElement().asString()
        .startsWith("bigpy/dumps/a.bin is 12.0 MB")
        .contains("leave it out of setup.py's package data");
  }

  @Test
  void smallEggsHaveNoSizeWarning() {
    Path project = Tree.at(tmp.resolve("small")).scrapyProject("small", "one").root();

    assertThat(builder(project).build().build().warnings()).isEmpty();
  }

  @Test
  void aLargeFileIsStreamedIntoTheEggWithin64MbOfHeap() throws IOException {
    Path project = Tree.at(tmp.resolve("huge")).scrapyProject("huge", "one").root();
    Path big = project.resolve("huge/data/huge.bin");
    Files.createDirectories(big.getParent());
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(200_000_000); // sparse: takes no disk, reads as zeros
    }
    String java = ProcessHandle.current().info().command().orElse("java");

    Python.Run run = Python.run(List.of(java, "-Xmx64m", "-cp",
        System.getProperty("java.class.path"), "io.github.scrapyd4j.egg.testing.BuildEggMain",
        project.toString(), tmp.resolve("huge.egg").toString()), null);

    // Read whole, 200 MB would not fit in a 64 MB heap.
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout).contains("200.0 MB unpacked")
        .contains("warning: huge/data/huge.bin (" + big + ") is 200.0 MB");
    Egg egg = Egg.read(tmp.resolve("huge.egg"));
    assertThat(egg.entries()).filteredOn(e -> e.name().equals("huge/data/huge.bin"))
        .singleElement().satisfies(e -> assertThat(e.size()).isEqualTo(200_000_000));
  }
}
