package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.egg.testing.Tree;
import io.github.scrapyd4j.egg.testing.ZipInspector;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EggLayoutTest {
  @TempDir Path tmp;

  private static EggBuilder.Builder builder(Path project) {
    return EggBuilder.builder().projectDir(project).environment(Map.of("HOME", "/nonexistent"));
  }

  private static List<String> names(Egg egg) {
    return egg.entryNames();
  }

  private static List<String> nonMetadata(Egg egg) {
    return egg.entryNames().stream().filter(n -> !n.startsWith("EGG-INFO/"))
        .collect(Collectors.toList());
  }

  @Test
  void minimalProjectGivesSetuptoolsLayoutAndMetadata() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    Egg egg = builder(project).build().build();

    assertThat(names(egg)).containsExactly(
        "EGG-INFO/PKG-INFO",
        "EGG-INFO/SOURCES.txt",
        "EGG-INFO/dependency_links.txt",
        "EGG-INFO/entry_points.txt",
        "EGG-INFO/top_level.txt",
        "EGG-INFO/zip-safe",
        "bot/__init__.py",
        "bot/settings.py",
        "bot/spiders/__init__.py",
        "bot/spiders/echo.py");
    Map<String, String> contents = ZipInspector.contents(egg.bytes());
    assertThat(contents.get("EGG-INFO/PKG-INFO"))
        .isEqualTo("Metadata-Version: 2.1\nName: project\nVersion: 1.0\n");
    assertThat(contents.get("EGG-INFO/entry_points.txt"))
        .isEqualTo("[scrapy]\nsettings = bot.settings\n");
    assertThat(contents.get("EGG-INFO/top_level.txt")).isEqualTo("bot\n");
    assertThat(contents.get("EGG-INFO/dependency_links.txt")).isEqualTo("\n");
    assertThat(contents.get("EGG-INFO/zip-safe")).isEqualTo("\n");
    assertThat(contents.get("EGG-INFO/SOURCES.txt")).isEqualTo(
        "bot/__init__.py\nbot/settings.py\nbot/spiders/__init__.py\nbot/spiders/echo.py");
    assertThat(contents.get("bot/settings.py")).contains("SPIDER_MODULES = ['bot.spiders']");
    assertThat(egg.settingsModule()).contains("bot.settings");
    assertThat(egg.topLevelNames()).containsExactly("bot");
  }

  @Test
  void packagesAreFoundTheWayFindPackagesFindsThem() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .empty("bot/sub/__init__.py", "bot/sub/deeper/__init__.py", "bot/sub/deeper/m.py")
        // a folder without __init__.py stops the search below it
        .empty("bot/nopkg/inner/__init__.py", "bot/nopkg/inner/x.py")
        // a dot in a folder name: not a package, not searched
        .empty("bot/v1.2/__init__.py", "bot/v1.2/y.py")
        // names that are not identifiers still count, as in setuptools
        .empty("bot/dash-pkg/__init__.py", "bot/with space/__init__.py")
        .empty("tests/__init__.py", "tests/test_x.py")
        .empty("local_settings.py", "setup_helpers.py", "requirements.txt", "scripts/run.py")
        .root();

    Egg egg = builder(project).dataFiles(false).build().build();

    assertThat(nonMetadata(egg)).containsExactly(
        "bot/__init__.py",
        "bot/dash-pkg/__init__.py",
        "bot/settings.py",
        "bot/spiders/__init__.py",
        "bot/spiders/echo.py",
        "bot/sub/__init__.py",
        "bot/sub/deeper/__init__.py",
        "bot/sub/deeper/m.py",
        "bot/with space/__init__.py",
        "tests/__init__.py",
        "tests/test_x.py");
    assertThat(egg.topLevelNames()).containsExactly("bot", "tests");
  }

  @Test
  void dataFilesInsidePackagesAreIncludedByDefaultAndOnlyThen() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/names.json", "[\"a\"]")
        .file("bot/data/prices.csv", "a,1\n")
        .file("bot/templates/mail/page.html", "<p>hi</p>")
        .file("bot/spiders/selectors.yaml", "x: 1\n")
        .file("README.md", "outside packages")
        .file("docs/guide.txt", "outside packages")
        .root();

    Egg withData = builder(project).build().build();
    Egg withoutData = builder(project).dataFiles(false).build().build();

    assertThat(nonMetadata(withData)).contains(
        "bot/names.json", "bot/data/prices.csv", "bot/templates/mail/page.html",
        "bot/spiders/selectors.yaml")
        .doesNotContain("README.md", "docs/guide.txt", "scrapy.cfg");
    assertThat(ZipInspector.contents(withData.bytes()).get("bot/data/prices.csv"))
        .isEqualTo("a,1\n");
    assertThat(withData.entries()).filteredOn(e -> e.name().equals("bot/names.json"))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(EggEntry.Kind.DATA);
          assertThat(e.source()).contains(project.resolve("bot/names.json"));
        });
    assertThat(nonMetadata(withoutData)).containsExactly(
        "bot/__init__.py", "bot/settings.py", "bot/spiders/__init__.py", "bot/spiders/echo.py");
  }

  @Test
  void defaultExcludesLeaveOutBytecodeVcsVirtualenvsAndClutter() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/__pycache__/settings.cpython-311.pyc", "x")
        .file("bot/old.pyc", "x")
        .file("bot/.DS_Store", "x")
        .file("bot/settings.py~", "x")
        .file("bot/.settings.py.swp", "x")
        .file("bot/.git/config", "x")
        .file("bot/.gitignore", "x")
        .file("bot/env/pyvenv.cfg", "home = /usr/bin")
        .file("bot/env/lib/site.py", "x")
        .file("bot/project.egg-info/PKG-INFO", "x")
        .file("bot/node_modules/x/index.js", "x")
        .file("bot/keep.txt", "kept")
        .root();

    Egg egg = builder(project).build().build();
    Egg everything = builder(project).defaultExcludes(false).build().build();

    assertThat(nonMetadata(egg)).containsExactly(
        "bot/__init__.py", "bot/keep.txt", "bot/settings.py", "bot/spiders/__init__.py",
        "bot/spiders/echo.py");
    assertThat(nonMetadata(everything)).contains(
        "bot/__pycache__/settings.cpython-311.pyc", "bot/old.pyc", "bot/.DS_Store",
        "bot/settings.py~", "bot/.git/config", "bot/env/lib/site.py",
        "bot/project.egg-info/PKG-INFO", "bot/node_modules/x/index.js");
    assertThat(EggBuilder.DEFAULT_EXCLUDES).contains("__pycache__/", "*.pyc", ".git/", "/build/");
  }

  @Test
  void rootBuildAndDistFoldersAreNotPackagedEvenWithInitFiles() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .empty("build/__init__.py", "build/lib/bot/__init__.py", "dist/__init__.py")
        .empty("bot/build/__init__.py")
        .root();

    Egg egg = builder(project).build().build();

    assertThat(nonMetadata(egg)).contains("bot/build/__init__.py")
        .noneMatch(n -> n.startsWith("build/") || n.startsWith("dist/"));
  }

  @Test
  void excludePatternsLeaveOutFilesAndWholeFolders() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/NOTES.md", "x")
        .file("bot/spiders/HOWTO.md", "x")
        .file("bot/fixtures/a.json", "x")
        .empty("bot/fixtures/__init__.py")
        .file("bot/data/keep.json", "x")
        .root();

    Egg egg = builder(project).exclude("*.md", "bot/fixtures/").build().build();

    assertThat(nonMetadata(egg)).contains("bot/data/keep.json")
        .noneMatch(n -> n.endsWith(".md") || n.startsWith("bot/fixtures"));
  }

  @Test
  void includePatternsAddFilesOutsidePackages() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("local_settings.py", "X = 1\n")
        .file("resources/a/b.json", "{}")
        .file("resources/c.txt", "c")
        .file("other/d.txt", "d")
        .root();

    Egg egg = builder(project).include("local_settings.py", "resources/**").build().build();

    assertThat(nonMetadata(egg)).contains("local_settings.py", "resources/a/b.json",
        "resources/c.txt").doesNotContain("other/d.txt");
    assertThat(egg.topLevelNames()).containsExactly("bot", "local_settings");
  }

  @Test
  void extraTopLevelFoldersAndContentsAreAddedAtTheEggRoot() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();
    Path vendor = Tree.at(tmp.resolve("vendor"))
        .file("minilib/__init__.py", "VERSION = '1'\n")
        .file("minilib/data/table.json", "{}")
        .file("minilib/__pycache__/x.pyc", "x")
        .root();
    Path site = Tree.at(tmp.resolve("site"))
        .file("sitepkg/__init__.py", "")
        .file("single_module.py", "")
        .file("sitepkg-1.0.dist-info/METADATA", "Name: sitepkg\n")
        .root();

    Egg egg = builder(project)
        .addTopLevelFolder(vendor.resolve("minilib"))
        .addTopLevelContents(site)
        .build().build();

    assertThat(nonMetadata(egg)).contains("minilib/__init__.py", "minilib/data/table.json",
        "sitepkg/__init__.py", "single_module.py", "sitepkg-1.0.dist-info/METADATA")
        .doesNotContain("minilib/__pycache__/x.pyc");
    assertThat(egg.topLevelNames()).containsExactly("bot", "minilib", "single_module", "sitepkg");
    assertThat(ZipInspector.contents(egg.bytes()).get("EGG-INFO/SOURCES.txt"))
        .doesNotContain("minilib");
  }

  @Test
  void zipEntriesHaveUnixPermissionsFixedTimeAndNoFolderEntries() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/données.json", "{}")
        .root();

    Egg egg = builder(project).build().build();

    List<ZipInspector.Record> records = ZipInspector.records(egg.bytes());
    assertThat(records).hasSize(egg.entries().size());
    assertThat(records).allSatisfy(r -> {
      assertThat(r.name).doesNotEndWith("/");
      assertThat(r.versionMadeBy >> 8).as("made by Unix").isEqualTo(3);
      assertThat(r.unixMode()).as("regular file rw-r--r--").isEqualTo(0100644);
      assertThat(r.dosDate).as("1980-01-01").isEqualTo((0 << 9) | (1 << 5) | 1);
      assertThat(r.dosTime).isZero();
      assertThat(r.extraLength).isZero();
      assertThat(r.flags & 0x800).as("UTF-8 flag only for non-ASCII names")
          .isEqualTo(r.name.equals("bot/données.json") ? 0x800 : 0);
    });
    assertThat(records).filteredOn(r -> r.name.equals("bot/settings.py"))
        .singleElement().satisfies(r -> assertThat(r.method).isEqualTo(8));
  }

  @Test
  void compressionLevelZeroStoresEverything() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    Egg egg = builder(project).compressionLevel(0).build().build();

    assertThat(ZipInspector.records(egg.bytes())).allSatisfy(r -> assertThat(r.method).isZero());
    assertThat(ZipInspector.contents(egg.bytes()).get("bot/settings.py"))
        .contains("BOT_NAME = 'bot'");
  }

  @Test
  void explicitSettingsModuleWinsOverScrapyCfgAndMayBeAPackage() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/conf/__init__.py", "from bot.settings import *\n")
        .root();

    Egg egg = builder(project).settingsModule("bot.conf").build().build();

    assertThat(ZipInspector.contents(egg.bytes()).get("EGG-INFO/entry_points.txt"))
        .isEqualTo("[scrapy]\nsettings = bot.conf\n");
    assertThat(egg.settingsModule()).contains("bot.conf");
  }

  @Test
  void projectIsFoundByWalkingUpToScrapyCfg() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    Egg egg = EggBuilder.builder().findProject(project.resolve("bot/spiders"))
        .environment(Map.of("HOME", "/nonexistent")).build().build();

    assertThat(egg.entryNames()).contains("bot/spiders/echo.py");
    assertThat(EggBuilder.builder().findProject(project.resolve("bot")).build().projectDir())
        .isEqualTo(project.toAbsolutePath());
  }

  @Test
  void symlinksInsideTheProjectAreFollowed() throws Exception {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("shared/common.json", "{\"shared\": true}")
        .file("shared/lib/helpers.py", "X = 1\n")
        .link("bot/common.json", "../shared/common.json")
        .link("bot/lib", "../shared/lib")
        .root();

    Egg egg = builder(project).build().build();

    Map<String, String> contents = ZipInspector.contents(egg.bytes());
    assertThat(contents.get("bot/common.json")).isEqualTo("{\"shared\": true}");
    assertThat(contents.get("bot/lib/helpers.py")).isEqualTo("X = 1\n");
    assertThat(Files.isSymbolicLink(project.resolve("bot/lib"))).isTrue();
  }

  @Test
  void eggWrittenToFileStreamAndBytesIsTheSameAndReadsBack() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/data.json", "{}").root();
    EggBuilder builder = builder(project).build();

    Egg inMemory = builder.build();
    Egg toFile = builder.buildTo(tmp.resolve("out/sub/project.egg"));
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    builder.buildTo(stream);
    Egg readBack = Egg.read(tmp.resolve("out/sub/project.egg"));

    assertThat(toFile.bytes()).isEqualTo(inMemory.bytes());
    assertThat(stream.toByteArray()).isEqualTo(inMemory.bytes());
    assertThat(readBack).isEqualTo(inMemory);
    assertThat(readBack.entryNames()).isEqualTo(inMemory.entryNames());
    assertThat(readBack.settingsModule()).contains("bot.settings");
    assertThat(readBack.topLevelNames()).containsExactly("bot");
    assertThat(readBack.sha256()).isEqualTo(inMemory.sha256()).hasSize(64);
    assertThat(readBack.entries()).filteredOn(e -> e.name().equals("bot/data.json"))
        .singleElement().satisfies(e -> {
          assertThat(e.size()).isEqualTo(2);
          assertThat(e.kind()).isEqualTo(EggEntry.Kind.DATA);
        });
  }

  @Test
  void eggWithoutEntryPointHasNoSettingsModule() throws Exception {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();
    Map<String, String> contents = ZipInspector.contents(builder(project).build().build().bytes());
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
      for (Map.Entry<String, String> e : contents.entrySet()) {
        if (!e.getKey().equals("EGG-INFO/entry_points.txt")) {
          out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
          out.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }

    Egg egg = Egg.of(zip.toByteArray());

    assertThat(egg.settingsModule()).isEmpty();
    assertThat(egg.entryNames()).contains("EGG-INFO/PKG-INFO", "bot/settings.py");
  }
}
