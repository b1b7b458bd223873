package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Fixtures;
import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.ScrapydRunner;
import io.github.scrapyd4j.egg.testing.Tree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Builds eggs in Java and loads them with real Python exactly as Scrapyd's runner does
 * ({@code pkg_resources.find_distributions}, {@code activate()}, the {@code [scrapy] settings}
 * entry point, then {@code scrapy list}), from a folder where the project's sources are not.
 * Needs Debian's {@code python3-scrapy}; skipped with the reason where it is absent.
 */
class RealLoaderTest {
  @TempDir Path tmp;

  private static String python;

  @BeforeAll
  static void findPython() {
    python = Python.withScrapy().orElse(null);
  }

  private Egg build(Path project) {
    return EggBuilder.builder().projectDir(project).environment(Map.of("HOME", "/nonexistent"))
        .build().buildTo(tmp.resolve("eggs/" + project.getFileName() + ".egg"));
  }

  private List<String> spiders(Path project) {
    build(project);
    Python.Run run = ScrapydRunner.run(python, tmp.resolve("eggs/" + project.getFileName()
        + ".egg"), tmp.resolve("run-" + project.getFileName()));
    assertThat(run.exitCode).as(run.toString()).isZero();
    return List.of(run.stdout.strip().split("\n"));
  }

  /**
   * The packaging-metadata fixtures (see MetadataParityTest): each egg, built from the project's
   * own metadata, loads and lists its spider; the data files the spiders read at import time
   * with pkgutil.get_data are in the egg.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"subfolder-package, subfolder-nested", "find-exclude, catalog-a-b",
      "explicit-packages, explicit-only", "computed, computed-spider", "setup-cfg, cfg-declared",
      "pyproject, toml-spider", "tests-excluded, crawler-main"})
  void metadataFixturesLoadWithScrapydsLoader(String fixture, String spider) {
    assumeTrue(python != null, Python.missing("scrapy"));
    Path project = Fixtures.copy(fixture, tmp.resolve("fixtures"));

    assertThat(spiders(project)).containsExactly(spider);
  }

  @Test
  void spidersInNestedSubPackagesAreListed() {
    assumeTrue(python != null, Python.missing("scrapy"));
    Path project = Tree.at(tmp.resolve("shop"))
        .file("scrapy.cfg", "[settings]\ndefault = shop.settings\n")
        .file("shop/__init__.py", "")
        .file("shop/settings.py", "BOT_NAME = 'shop'\nSPIDER_MODULES = ['shop.spiders']\n")
        .file("shop/lib/__init__.py", "")
        .file("shop/lib/parsing/__init__.py", "def title(s):\n    return s.title()\n")
        .file("shop/spiders/__init__.py", "")
        .file("shop/spiders/retail/__init__.py", "")
        .file("shop/spiders/retail/books.py", "import scrapy\nfrom shop.lib.parsing import title\n"
            + "\n\nclass Books(scrapy.Spider):\n    name = title('books')\n")
        .file("shop/spiders/food/__init__.py", "")
        .file("shop/spiders/food/fruit/__init__.py", "")
        .file("shop/spiders/food/fruit/apples.py", "import scrapy\n\n\n"
            + "class Apples(scrapy.Spider):\n    name = 'apples'\n")
        .root();

    assertThat(spiders(project)).containsExactly("Books", "apples");
  }

  @Test
  void dataFilesAreReadWithPkgutilFromTheEgg() {
    assumeTrue(python != null, Python.missing("scrapy"));
    Path project = Tree.at(tmp.resolve("databot"))
        .file("scrapy.cfg", "[settings]\ndefault = databot.settings\n")
        .file("databot/__init__.py", "")
        .file("databot/settings.py", "SPIDER_MODULES = ['databot.spiders']\n")
        .file("databot/data/sites.json", "[\"alpha\", \"beta\", \"gamma\"]")
        .file("databot/templates/names/suffix.txt", "-from-data\n")
        .file("databot/spiders/__init__.py", "")
        .file("databot/spiders/generated.py", "import json\nimport pkgutil\n\nimport scrapy\n\n"
            + "SITES = json.loads(pkgutil.get_data('databot', 'data/sites.json'))\n"
            + "SUFFIX = pkgutil.get_data('databot', 'templates/names/suffix.txt')"
            + ".decode().strip()\n\n"
            + "for site in SITES:\n"
            + "    globals()[site] = type(site, (scrapy.Spider,), {'name': site + SUFFIX})\n")
        .root();

    assertThat(spiders(project))
        .containsExactly("alpha-from-data", "beta-from-data", "gamma-from-data");
    // scrapyd-deploy's egg (only .py files) would not load: the data files are missing.
    Egg pythonOnly = EggBuilder.builder().projectDir(project).dataFiles(false).build()
        .buildTo(tmp.resolve("eggs/python-only.egg"));
    Python.Run run = ScrapydRunner.run(python, tmp.resolve("eggs/python-only.egg"),
        tmp.resolve("run-python-only"));
    assertThat(pythonOnly.entryNames()).doesNotContain("databot/data/sites.json");
    assertThat(run.exitCode).isNotZero();
    assertThat(run.stderr).contains("get_data").contains("databot/data/sites.json");
  }

  @Test
  void settingsModuleWithANonDefaultNameIsUsed() {
    assumeTrue(python != null, Python.missing("scrapy"));
    Path project = Tree.at(tmp.resolve("custombot"))
        .file("scrapy.cfg", "[settings]\ndefault = custombot.config.production\n")
        .file("custombot/__init__.py", "")
        .file("custombot/config/__init__.py", "")
        .file("custombot/config/production.py", "SPIDER_MODULES = ['custombot.crawlers']\n")
        .file("custombot/crawlers/__init__.py", "")
        .file("custombot/crawlers/one.py", "import scrapy\n\n\nclass One(scrapy.Spider):\n"
            + "    name = 'prod-one'\n")
        .root();

    assertThat(build(project).settingsModule()).contains("custombot.config.production");
    assertThat(spiders(project)).containsExactly("prod-one");
  }

  @Test
  void brokenProjectFailsToLoadWithPythonsError() {
    assumeTrue(python != null, Python.missing("scrapy"));
    Path project = Tree.at(tmp.resolve("brokenbot"))
        .file("scrapy.cfg", "[settings]\ndefault = brokenbot.settings\n")
        .file("brokenbot/__init__.py", "")
        .file("brokenbot/settings.py", "import not_installed_anywhere\n"
            + "SPIDER_MODULES = ['brokenbot.spiders']\n")
        .file("brokenbot/spiders/__init__.py", "")
        .root();
    build(project);

    Python.Run run = ScrapydRunner.run(python, tmp.resolve("eggs/brokenbot.egg"),
        tmp.resolve("run-broken"));

    assertThat(run.exitCode).isNotZero();
    assertThat(run.stderr).contains("ModuleNotFoundError")
        .contains("No module named 'not_installed_anywhere'");
  }

  @Test
  void vendoredTopLevelFolderIsImportable() {
    assumeTrue(python != null, Python.missing("scrapy"));
    Path vendor = Tree.at(tmp.resolve("vendor"))
        .file("tinylib/__init__.py", "NAME = 'vendored'\n").root();
    Path project = Tree.at(tmp.resolve("vendbot"))
        .file("scrapy.cfg", "[settings]\ndefault = vendbot.settings\n")
        .file("vendbot/__init__.py", "")
        .file("vendbot/settings.py", "SPIDER_MODULES = ['vendbot.spiders']\n")
        .file("vendbot/spiders/__init__.py", "")
        .file("vendbot/spiders/v.py", "import scrapy\nimport tinylib\n\n\n"
            + "class V(scrapy.Spider):\n    name = tinylib.NAME\n")
        .root();
    EggBuilder.builder().projectDir(project).addTopLevelFolder(vendor.resolve("tinylib")).build()
        .buildTo(tmp.resolve("eggs/vendbot.egg"));

    Python.Run run = ScrapydRunner.run(python, tmp.resolve("eggs/vendbot.egg"),
        tmp.resolve("run-vendbot"));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout.strip()).isEqualTo("vendored");
  }
}
