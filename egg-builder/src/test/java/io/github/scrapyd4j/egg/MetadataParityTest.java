package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Fixtures;
import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.Tree;
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

  /** More shapes, written here: layouts and data-file rules the fixtures do not cover. */
  static List<String> shapes() {
    return List.of("src-layout", "auto-discovery", "namespace", "manifest", "pyproject-src",
        "setup-cfg-src", "setup-cfg-where", "concatenated");
  }

  private static Path shape(String name, Path root) {
    Tree t = Tree.at(root.resolve(name));
    switch (name) {
      case "src-layout":
        return t.file("scrapy.cfg", "[settings]\ndefault = srcbot.settings\n")
            .file("setup.py", "from setuptools import setup, find_packages\n"
                + "setup(name='srcbot', version='1', package_dir={'': 'src'},\n"
                + "      packages=find_packages(where='src'),\n"
                + "      package_data={'': ['*.json']},\n"
                + "      entry_points={'scrapy': ['settings = srcbot.settings']})\n")
            .empty("src/srcbot/__init__.py", "src/srcbot/settings.py", "src/srcbot/a.json",
                "src/srcbot/spiders/__init__.py", "src/srcbot/spiders/b.json",
                "src/srcbot/spiders/s.py", "src/srcbot/spiders/c.txt", "tests/__init__.py")
            .root();
      case "auto-discovery":
        return t.file("scrapy.cfg", "[settings]\ndefault = auto.settings\n")
            .file("setup.py", "from setuptools import setup\nsetup(name='auto', version='1',"
                + " entry_points={'scrapy': ['settings = auto.settings']})\n")
            .empty("auto/__init__.py", "auto/settings.py", "auto/spiders/__init__.py",
                "auto/spiders/x.py", "auto/resources/r.txt", "tests/__init__.py",
                "tests/t.py", "docs/conf.py", "docs/__init__.py")
            .root();
      case "namespace":
        return t.file("scrapy.cfg", "[settings]\ndefault = nsbot.settings\n")
            .file("setup.py", "from setuptools import setup, find_namespace_packages\n"
                + "setup(name='ns', version='1',\n"
                + "      packages=find_namespace_packages(include=['nsbot', 'nsbot.*']),\n"
                + "      package_data={'nsbot.data': ['*.json'], 'nsbot': ['**/*.csv']},\n"
                + "      exclude_package_data={'nsbot': ['*/old*']},\n"
                + "      entry_points={'scrapy': ['settings = nsbot.settings']})\n")
            .empty("nsbot/__init__.py", "nsbot/settings.py", "nsbot/data/a.json",
                "nsbot/data/b.txt", "nsbot/data/deep/c.csv", "nsbot/data/old.csv",
                "nsbot/plain/mod.py", "other/z.py")
            .root();
      case "manifest":
        return t.file("scrapy.cfg", "[settings]\ndefault = mbot.settings\n")
            .file("setup.py", "from setuptools import setup, find_packages\n"
                + "setup(name='m', version='1', packages=find_packages(),\n"
                + "      include_package_data=True,\n"
                + "      entry_points={'scrapy': ['settings = mbot.settings']})\n")
            .file("MANIFEST.in", "graft mbot/static\nprune mbot/static/tmp\n"
                + "global-exclude *.log\ninclude mbot/*.cfg\n"
                + "recursive-include mbot/spiders *.yaml *.yml\n"
                + "recursive-exclude mbot/spiders skip*\n")
            .empty("mbot/__init__.py", "mbot/settings.py", "mbot/app.cfg", "mbot/other.ini",
                "mbot/static/a.css", "mbot/static/.hidden", "mbot/static/tmp/x.css",
                "mbot/static/debug.log", "mbot/spiders/__init__.py", "mbot/spiders/s.yaml",
                "mbot/spiders/deep/t.yml", "mbot/spiders/skip.yaml", "mbot/spiders/helper.py",
                "README.md")
            .root();
      case "pyproject-src":
        return t.file("scrapy.cfg", "[settings]\ndefault = pbot.settings\n")
            .file("setup.py", "from setuptools import setup\nsetup()\n")
            .file("pyproject.toml", "[project]\nname = \"pbot\"\nversion = \"1\"\n"
                + "entry-points.scrapy.settings = \"pbot.settings\"\n\n"
                + "[tool.setuptools.packages.find]\nwhere = [\"src\"]\n")
            .file("MANIFEST.in", "recursive-include src *.txt\n")
            .empty("src/pbot/__init__.py", "src/pbot/settings.py", "src/pbot/words.txt",
                "src/pbot/spiders/__init__.py", "src/pbot/spiders/p.py",
                "src/pbot/spiders/not_declared.json", "src/pbot/assets/more.txt")
            .root();
      case "setup-cfg-src":
        return t.file("scrapy.cfg", "[settings]\ndefault = cbot.settings\n")
            .file("setup.py", "import setuptools\nsetuptools.setup()\n")
            .file("setup.cfg", "[metadata]\nname = cbot\n\n[options]\npackage_dir =\n"
                + "    =src\npackages = find:\npy_modules = toplevel\n\n"
                + "[options.packages.find]\nwhere = src\nexclude = cbot.internal_tests\n\n"
                + "[options.package_data]\n* = *.txt\n\n"
                + "[options.entry_points]\nscrapy = settings = cbot.settings\n")
            .empty("src/cbot/__init__.py", "src/cbot/settings.py", "src/cbot/a.txt",
                "src/cbot/internal_tests/__init__.py", "src/cbot/internal_tests/t.py",
                "src/toplevel.py", "src/cbot/spiders/__init__.py", "src/cbot/spiders/b.txt")
            .root();
      case "setup-cfg-where":
        // find: with where = src and no package_dir: setuptools maps '' to src by itself
        return t.file("scrapy.cfg", "[settings]\ndefault = wbot.settings\n")
            .file("setup.py", "from setuptools import setup\nsetup()\n")
            .file("setup.cfg", "[options]\npackages = find:\n"
                + "[options.packages.find]\nwhere = src\n"
                + "[options.entry_points]\nscrapy =\n    settings = wbot.settings\n")
            .empty("src/wbot/__init__.py", "src/wbot/settings.py", "src/wbot/spiders/__init__.py",
                "src/wbot/spiders/w.py")
            .root();
      case "concatenated":
        return t.file("scrapy.cfg", "[settings]\ndefault = cc.settings\n")
            .file("setup.py", "from setuptools import setup\n\nBASE = ['cc']\n"
                + "setup(\n    name='c' 'c',  # adjacent literals\n"
                + "    version='1.' + \"0\",\n"
                + "    packages=BASE + ['cc.spiders', \"cc.\" \"extra\"],\n"
                + "    package_data=dict(cc=['*.dat']),\n"
                + "    entry_points={'scrapy': 'settings = cc.settings'},\n)\n")
            .empty("cc/__init__.py", "cc/settings.py", "cc/a.dat", "cc/spiders/__init__.py",
                "cc/extra/__init__.py", "cc/extra/e.py", "cc/skipped/__init__.py",
                "cc/skipped/s.py")
            .root();
      default:
        throw new IllegalArgumentException(name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void moreShapesHoldWhatSetuptoolsBdistEggHolds(String name) throws IOException {
    assumeTrue(python != null, Python.missing("setuptools"));
    Egg setuptools = bdistEgg(shape(name, tmp.resolve("python")));
    Path project = shape(name, tmp.resolve("java"));

    Egg java = EggBuilder.builder().projectDir(project)
        .environment(Map.of("HOME", "/nonexistent")).build().build();

    assertThat(modules(java)).as("modules").isNotEmpty().isEqualTo(modules(setuptools));
    TreeSet<String> expectedData = dataFiles(setuptools);
    if (name.equals("auto-discovery")) {
      // The one difference on purpose: no package data declared, so the packages' non-Python
      // files go in too (pkgutil.get_data works); setuptools packages none.
      assertThat(expectedData).isEmpty();
      expectedData.add("auto/resources/r.txt");
    }
    assertThat(dataFiles(java)).as("data files").isEqualTo(expectedData);
    assertThat(java.settingsModule()).as("[scrapy] settings").isPresent()
        .isEqualTo(setuptools.settingsModule());
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
