package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.Tree;
import io.github.scrapyd4j.egg.testing.ZipInspector;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the same project with EggBuilder (data files off, as scrapyd-deploy) and with real
 * setuptools ({@code setup.py bdist_egg} with the setup.py scrapyd-deploy writes), and compares
 * what they package. Skipped where Python with setuptools is absent.
 */
class SetuptoolsParityTest {
  @TempDir Path tmp;

  private static String python;

  @BeforeAll
  static void findPython() {
    python = Python.withModule("setuptools").orElse(null);
  }

  private Path trickyProject() {
    return Tree.at(tmp.resolve("tricky")).scrapyProject("bot", "echo")
        .empty("bot/sub/__init__.py", "bot/sub/deeper/__init__.py", "bot/sub/deeper/m.py")
        .empty("bot/nopkg/inner/__init__.py", "bot/nopkg/inner/x.py", "bot/nopkg/y.py")
        .empty("bot/v1.2/__init__.py", "bot/v1.2/z.py")
        .empty("bot/dash-pkg/__init__.py", "bot/with space/__init__.py", "bot/.hidden.py")
        .empty("bot/ünïcode/__init__.py", "bot/ünïcode/módulo.py")
        .empty("tests/__init__.py", "tests/test_spiders.py", "tests/fixtures/page.html")
        .empty("ez_setup/__init__.py", "ez_setup/sub/__init__.py", "ez_setup/sub/k.py")
        .empty("local_settings.py", "requirements.txt", "scripts/run.py", "other/__init__.py")
        .empty("bot/data/x.json", "bot/readme.txt", "bot/spiders/selectors.yaml")
        .root();
  }

  private static TreeSet<String> withoutBytecode(List<String> names) {
    return names.stream().filter(n -> !n.endsWith(".pyc") && !n.contains("__pycache__"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void packagesTheSameFilesAsSetuptoolsBdistEgg() {
    assumeTrue(python != null, Python.missing("setuptools"));
    Path project = trickyProject();

    Egg java = EggBuilder.builder().projectDir(project).dataFiles(false)
        .environment(Map.of("HOME", "/nonexistent")).build().build();
    Egg setuptools = EggBuilder.builder().projectDir(project).useSetupPy(true).python(python)
        .build().build();

    assertThat(new TreeSet<>(java.entryNames()))
        .isEqualTo(withoutBytecode(setuptools.entryNames()));
    Map<String, String> ours = ZipInspector.contents(java.bytes());
    Map<String, String> theirs = ZipInspector.contents(setuptools.bytes());
    for (String metadata : List.of("EGG-INFO/entry_points.txt", "EGG-INFO/top_level.txt",
        "EGG-INFO/dependency_links.txt", "EGG-INFO/zip-safe")) {
      assertThat(ours.get(metadata)).as(metadata).isEqualTo(theirs.get(metadata));
    }
    assertThat(theirs.get("EGG-INFO/PKG-INFO")).contains("Name: project\n")
        .contains("Version: 1.0\n");
    assertThat(ours.get("EGG-INFO/PKG-INFO")).contains("Name: project\n")
        .contains("Version: 1.0\n");
    List<String> setuptoolsSources = Arrays.stream(theirs.get("EGG-INFO/SOURCES.txt").split("\n"))
        .filter(s -> !s.equals("setup.py") && !s.startsWith("project.egg-info/"))
        .collect(Collectors.toList());
    assertThat(ours.get("EGG-INFO/SOURCES.txt").split("\n"))
        .containsExactlyElementsOf(setuptoolsSources);
  }

  @Test
  void addsOnlyDataFilesWhenTheyAreOn() {
    assumeTrue(python != null, Python.missing("setuptools"));
    Path project = trickyProject();

    Egg java = EggBuilder.builder().projectDir(project).build().build();
    Egg setuptools = EggBuilder.builder().projectDir(project).useSetupPy(true).python(python)
        .build().build();

    TreeSet<String> extra = new TreeSet<>(java.entryNames());
    extra.removeAll(withoutBytecode(setuptools.entryNames()));
    assertThat(extra).containsExactly("bot/.hidden.py", "bot/data/x.json",
        "bot/nopkg/inner/__init__.py", "bot/nopkg/inner/x.py", "bot/nopkg/y.py",
        "bot/readme.txt", "bot/spiders/selectors.yaml", "bot/v1.2/__init__.py", "bot/v1.2/z.py",
        "tests/fixtures/page.html");
  }
}
