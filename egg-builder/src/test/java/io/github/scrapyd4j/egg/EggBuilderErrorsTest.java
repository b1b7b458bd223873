package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.EggBuildException.Problem;
import io.github.scrapyd4j.egg.testing.Tree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EggBuilderErrorsTest {
  @TempDir Path tmp;

  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent");

  private static EggBuilder.Builder builder(Path project) {
    return EggBuilder.builder().projectDir(project).environment(ENV);
  }

  private static EggBuildException failure(ThrowingCallable call, Problem problem) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(thrown).isInstanceOf(EggBuildException.class);
    EggBuildException e = (EggBuildException) thrown;
    assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
    return e;
  }

  @Test
  void noScrapyCfgAnywhereUpNamesEveryFolderSearched() throws Exception {
    Path start = Tree.at(tmp.resolve("a/b/c")).root();

    EggBuildException e = failure(
        () -> EggBuilder.builder().findProject(start).environment(ENV).build().build(),
        Problem.NO_SCRAPY_CFG);

    assertThat(e.getMessage()).contains("no scrapy.cfg in")
        .contains(start.toRealPath().toString())
        .contains(start.toRealPath().getParent().toString())
        .contains(start.toRealPath().getParent().getParent().toString())
        .contains(", /");
  }

  @Test
  void projectFolderWithoutScrapyCfgNeedsASettingsModule() {
    Path project = Tree.at(tmp.resolve("p")).empty("bot/__init__.py", "bot/settings.py").root();

    EggBuildException e = failure(() -> builder(project).build().build(), Problem.NO_SCRAPY_CFG);

    assertThat(e.getMessage()).contains("no scrapy.cfg in " + project).contains("settingsModule");
    assertThat(builder(project).settingsModule("bot.settings").build().build().entryNames())
        .contains("bot/settings.py");
  }

  @Test
  void missingProjectFolderIsReported() {
    EggBuildException e = failure(() -> builder(tmp.resolve("nope")).build().build(),
        Problem.NOT_A_FOLDER);
    assertThat(e.getMessage()).contains(tmp.resolve("nope").toString());
  }

  @Test
  void scrapyCfgWithoutSettingsDefaultIsReported() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("scrapy.cfg", "[deploy]\nurl = http://localhost:6800/\n").root();

    EggBuildException e = failure(() -> builder(project).build().build(),
        Problem.NO_SETTINGS_MODULE);

    assertThat(e.getMessage()).contains(project.resolve("scrapy.cfg").toString())
        .contains("[settings]");
  }

  @Test
  void settingsModuleWithoutAFileIsReportedWithThePackagesFound() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("scrapy.cfg", "[settings]\ndefault = bot.prod_settings\n").root();

    EggBuildException e = failure(() -> builder(project).build().build(),
        Problem.SETTINGS_MODULE_NOT_FOUND);

    assertThat(e.getMessage()).contains("'bot.prod_settings'")
        .contains("bot/prod_settings.py").contains("packages found: bot, bot.spiders");
  }

  @Test
  void settingsModuleInAFolderWithoutInitIsExplained() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("conf/settings.py", "X = 1\n")
        .root();

    EggBuildException e = failure(
        () -> builder(project).settingsModule("conf.settings").build().build(),
        Problem.SETTINGS_MODULE_NOT_FOUND);

    assertThat(e.getMessage()).contains("package conf is not packaged")
        .contains("has no __init__.py");
  }

  @Test
  void malformedSettingsModuleNameIsRejected() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    EggBuildException e = failure(
        () -> builder(project).settingsModule("bot/settings.py").build().build(),
        Problem.INVALID_SETTINGS_MODULE);

    assertThat(e.getMessage()).contains("'bot/settings.py'").contains("given to the builder");
  }

  @Test
  void projectWithoutPackagesNamesFoldersMissingInit() {
    Path project = Tree.at(tmp.resolve("p"))
        .file("scrapy.cfg", "[settings]\ndefault = bot.settings\n")
        .file("bot/settings.py", "X = 1\n")
        .root();

    EggBuildException e = failure(() -> builder(project).build().build(), Problem.NO_PACKAGES);

    assertThat(e.getMessage()).contains("no Python package in " + project)
        .contains("these folders hold .py files but no __init__.py: bot");
  }

  @Test
  void symlinkLeavingTheProjectIsNotFollowed() {
    Path outside = Tree.at(tmp.resolve("outside")).file("secret.json", "{}").root();
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .link("bot/secret.json", outside.resolve("secret.json").toString()).root();

    EggBuildException e = failure(() -> builder(project).build().build(),
        Problem.SYMLINK_OUTSIDE_PROJECT);

    assertThat(e.path()).contains(project.resolve("bot/secret.json"));
    assertThat(e.getMessage()).contains("outside the project").contains("not followed");
  }

  @Test
  void symlinkedPackageFolderLeavingTheProjectIsNotFollowed() {
    Path outside = Tree.at(tmp.resolve("outside")).empty("lib/__init__.py").root();
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .link("bot/lib", outside.resolve("lib").toString()).root();

    failure(() -> builder(project).build().build(), Problem.SYMLINK_OUTSIDE_PROJECT);
  }

  @Test
  void symlinkLoopIsNotFollowed() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .link("bot/spiders/again", "..").root();

    EggBuildException e = failure(() -> builder(project).build().build(), Problem.SYMLINK_LOOP);

    assertThat(e.getMessage()).contains("loop").contains("bot/spiders/again");
  }

  @Test
  void brokenSymlinkInAPackageIsReported() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .link("bot/gone.json", "nowhere.json").root();

    EggBuildException e = failure(() -> builder(project).build().build(), Problem.BROKEN_SYMLINK);

    assertThat(e.getMessage()).contains("nowhere.json");
  }

  @Test
  void symlinksOutsideWhatIsPackagedAreIgnored() throws Exception {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .link("venv-link", "/usr")
        .link("docs/loop", "..")
        .link("bot/.venv/python", "/usr/bin/python3")
        .root();

    assertThat(builder(project).build().build().entryNames()).contains("bot/spiders/echo.py");
  }

  @Test
  void unreadableFileIsReported() throws Exception {
    assumeTrue(!"root".equals(System.getProperty("user.name")),
        "runs as root, who can read files without read permission");
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/locked.json", "{}").root();
    Files.setPosixFilePermissions(project.resolve("bot/locked.json"),
        PosixFilePermissions.fromString("---------"));

    EggBuildException e = failure(() -> builder(project).build().build(),
        Problem.UNREADABLE_FILE);

    assertThat(e.path()).contains(project.resolve("bot/locked.json"));
  }

  @Test
  void unreadableFileExcludedIsNoProblem() throws Exception {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/locked.json", "{}").root();
    Files.setPosixFilePermissions(project.resolve("bot/locked.json"),
        PosixFilePermissions.fromString("---------"));

    assertThat(builder(project).exclude("locked.json").build().build().entryNames())
        .doesNotContain("bot/locked.json");
  }

  @Test
  void fileNameThatIsNotUtf8IsReported() throws Exception {
    assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
        "the JVM's file name encoding is not UTF-8");
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();
    // Java cannot create such a name; the shell writes the raw byte 0xFF.
    Process p = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'bad\\377.json')\"")
        .directory(project.resolve("bot").toFile()).inheritIO().start();
    assertThat(p.waitFor()).isZero();

    EggBuildException e = failure(() -> builder(project).build().build(),
        Problem.INVALID_FILE_NAME);

    assertThat(e.getMessage()).contains("not valid UTF-8").contains("bad\uFFFD.json");
  }

  @Test
  void twoSourcesForTheSameEggPathAreRejected() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();
    Path vendor = Tree.at(tmp.resolve("vendor")).empty("bot/__init__.py").root();

    EggBuildException e = failure(
        () -> builder(project).addTopLevelContents(vendor).build().build(),
        Problem.DUPLICATE_ENTRY);

    assertThat(e.getMessage()).contains("bot/__init__.py").contains(vendor.toString());
  }

  @Test
  void fileThatWouldLandInEggInfoIsRejected() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();
    Path vendor = Tree.at(tmp.resolve("vendor")).file("EGG-INFO/PKG-INFO", "x").root();

    failure(() -> builder(project).addTopLevelContents(vendor).build().build(),
        Problem.DUPLICATE_ENTRY);
  }

  @Test
  void missingExtraFolderIsReported() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    EggBuildException e = failure(
        () -> builder(project).addTopLevelFolder(Path.of("vendor/lib")).build().build(),
        Problem.NOT_A_FOLDER);

    assertThat(e.getMessage()).contains(project.resolve("vendor/lib").toString());
  }

  @Test
  void sourceDateEpochThatIsNotANumberIsReported() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    EggBuildException e = failure(() -> EggBuilder.builder().projectDir(project)
        .environment(Map.of("SOURCE_DATE_EPOCH", "yesterday")).build().build(),
        Problem.INVALID_TIMESTAMP);

    assertThat(e.getMessage()).contains("SOURCE_DATE_EPOCH is 'yesterday'");
  }

  @Test
  void timestampAfter2107IsReported() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    failure(() -> builder(project).timestamp(Instant.parse("2200-01-01T00:00:00Z")).build()
        .build(), Problem.INVALID_TIMESTAMP);
  }

  @Test
  void badArgumentsAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> EggBuilder.builder().compressionLevel(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compressionLevel");
    assertThatThrownBy(() -> EggBuilder.builder().projectDir(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("projectDir");
    assertThatThrownBy(() -> EggBuilder.builder().settingsModule(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settingsModule");
    assertThatThrownBy(() -> EggBuilder.builder().include("a/{b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed '{'");
    assertThatThrownBy(() -> EggBuilder.builder().useSetupPy(true).exclude("*.md").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("useSetupPy");
  }

  @Test
  void readingAFileThatIsNotAnEggIsReported() throws Exception {
    Path notEgg = Files.writeString(tmp.resolve("x.egg"), "hello");

    EggBuildException e = failure(() -> Egg.read(notEgg), Problem.INVALID_EGG);

    assertThat(e.getMessage()).contains(notEgg.toString()).contains("not a ZIP");
    failure(() -> Egg.read(tmp.resolve("missing.egg")), Problem.UNREADABLE_FILE);
  }
}
