package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.Tree;
import io.github.scrapyd4j.egg.testing.ZipInspector;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in mode that runs {@code setup.py bdist_egg} in a temporary copy of the project. */
class SetupPyModeTest {
  @TempDir Path tmp;

  private static String python;

  @BeforeAll
  static void findPython() {
    python = Python.withModule("setuptools").orElse(null);
  }

  @Test
  void projectsOwnSetupPyIsHonouredAndTheProjectIsNotTouched() {
    assumeTrue(python != null, Python.missing("setuptools"));
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("bot/data/prices.json", "{}")
        .file("bot/data/ignored.bin", "x")
        .file("setup.py", "from setuptools import setup, find_packages\n"
            + "setup(name='custom-name', version='2.5', packages=find_packages(),\n"
            + "      package_data={'bot': ['data/*.json']},\n"
            + "      entry_points={'scrapy': ['settings = bot.settings']})\n")
        .root();
    Map<String, String> before = Tree.snapshot(project);

    Egg egg = EggBuilder.builder().projectDir(project).useSetupPy(true).python(python).build()
        .build();

    assertThat(egg.entryNames()).contains("bot/data/prices.json", "bot/spiders/echo.py")
        .doesNotContain("bot/data/ignored.bin");
    assertThat(ZipInspector.contents(egg.bytes()).get("EGG-INFO/PKG-INFO"))
        .contains("Name: custom-name").contains("Version: 2.5");
    assertThat(egg.settingsModule()).contains("bot.settings");
    assertThat(Tree.snapshot(project)).isEqualTo(before);
  }

  @Test
  void withoutSetupPyTheOneScrapydDeployWritesIsUsedInTheCopy() {
    assumeTrue(python != null, Python.missing("setuptools"));
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();
    Map<String, String> before = Tree.snapshot(project);

    Egg egg = EggBuilder.builder().projectDir(project).useSetupPy(true).python(python).build()
        .build();

    assertThat(ZipInspector.contents(egg.bytes()).get("EGG-INFO/entry_points.txt"))
        .isEqualTo("[scrapy]\nsettings = bot.settings\n");
    assertThat(Tree.snapshot(project)).as("no setup.py, build/ or egg-info left behind")
        .isEqualTo(before);
  }

  @Test
  void failingSetupPyReportsPythonsOutput() {
    assumeTrue(python != null, Python.missing("setuptools"));
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo")
        .file("setup.py", "raise SystemExit('this setup.py refuses to build')\n").root();

    EggBuildException e = catchThrowableOfType(EggBuildException.class, () -> EggBuilder.builder().projectDir(project)
        .useSetupPy(true).python(python).build().build());

    assertThat(e.problem()).isEqualTo(EggBuildException.Problem.SETUP_PY_FAILED);
    assertThat(e.getMessage()).contains("setup.py bdist_egg' failed (exit 1)")
        .contains("this setup.py refuses to build");
  }

  @Test
  void missingPythonIsReported() {
    Path project = Tree.at(tmp.resolve("p")).scrapyProject("bot", "echo").root();

    EggBuildException e = catchThrowableOfType(EggBuildException.class, () -> EggBuilder.builder().projectDir(project)
        .useSetupPy(true).python(tmp.resolve("no-python").toString()).build().build());

    assertThat(e.problem()).isEqualTo(EggBuildException.Problem.SETUP_PY_FAILED);
    assertThat(e.getMessage()).contains("cannot run").contains("no-python");
  }
}
