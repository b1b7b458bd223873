package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.ScrapydRunner;
import io.github.scrapyd4j.egg.testing.Tree;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --include-dependencies, offline: packages of our own, written by the test as wheels or as a
 * local folder, installed by the real pip with --no-index.
 */
class DependenciesTest {
  @TempDir Path tmp;

  private Path project;
  private Path vendor;
  private String python;

  @BeforeEach
  void setUp() {
    Optional<String> py = Python.withModule("pip");
    assumeTrue(py.isPresent(), Python.missing("pip"));
    python = py.get();
    project = Tree.at(tmp.resolve("shop")).scrapyProject("shop", "products").root();
    vendor = tmp.resolve("vendor");
  }

  /** A wheel, as pip expects one: the files, METADATA, WHEEL and a RECORD with hashes. */
  static Path wheel(Path dir, String name, String version, Map<String, byte[]> files)
      throws Exception {
    Files.createDirectories(dir);
    String info = name + "-" + version + ".dist-info/";
    Map<String, byte[]> all = new LinkedHashMap<>(files);
    all.put(info + "METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
        + "\n").getBytes(StandardCharsets.UTF_8));
    all.put(info + "WHEEL", ("Wheel-Version: 1.0\nGenerator: scrapyd4j-test\nRoot-Is-Purelib:"
        + " true\nTag: py3-none-any\n").getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> e : all.entrySet()) {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(e.getValue());
      record.append(e.getKey()).append(",sha256=")
          .append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest)).append(',')
          .append(e.getValue().length).append('\n');
    }
    record.append(info).append("RECORD,,\n");
    all.put(info + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : all.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    Path file = dir.resolve(name + "-" + version + "-py3-none-any.whl");
    Files.write(file, bytes.toByteArray());
    return file;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path tinydep() throws Exception {
    return wheel(project.resolve("wheels"), "tinydep", "1.0",
        Map.of("tinydep/__init__.py", utf8("GREETING = 'hello'\n"),
            "tinydep/data/words.txt", utf8("a\nb\n")));
  }

  private Dependencies.Builder deps() {
    return Dependencies.builder().projectDir(project).python(python)
        .pipArgs(List.of("--no-index"));
  }

  @Test
  void aPurePythonPackageFromRequirementsTxtIsInstalledAndGoesIntoTheEgg() throws Exception {
    tinydep();
    Tree.at(project).file("requirements.txt", "# vendored\n./wheels/tinydep-1.0-py3-none-any.whl\n");

    List<String> installed = deps().build().installInto(vendor);
    Egg egg = EggBuilder.builder().projectDir(project).addTopLevelContents(vendor).build().build();

    assertThat(installed).containsExactly("tinydep 1.0");
    assertThat(vendor.resolve("tinydep/__init__.py")).exists();
    assertThat(vendor.resolve("tinydep-1.0.dist-info/direct_url.json")).doesNotExist();
    assertThat(egg.entryNames()).contains("tinydep/__init__.py", "tinydep/data/words.txt",
        "shop/settings.py");
  }

  @Test
  void theVendoredPackageIsImportedWhenScrapydsLoaderRunsTheEgg() throws Exception {
    Optional<String> scrapy = Python.withScrapy();
    assumeTrue(scrapy.isPresent(), Python.missing("scrapy"));
    tinydep();
    Tree.at(project).file("requirements.txt", "./wheels/tinydep-1.0-py3-none-any.whl\n")
        .file("shop/spiders/greeter.py", "import pkgutil\nimport scrapy\nimport tinydep\n\n\n"
            + "class Greeter(scrapy.Spider):\n"
            + "    name = tinydep.GREETING + '-' + pkgutil.get_data('tinydep', 'data/words.txt')"
            + ".decode().split()[1]\n");
    deps().build().installInto(vendor);
    EggBuilder.builder().projectDir(project).addTopLevelContents(vendor).build()
        .buildTo(tmp.resolve("eggs/shop.egg"));

    Python.Run run = ScrapydRunner.run(scrapy.get(), tmp.resolve("eggs/shop.egg"),
        tmp.resolve("run"));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout.strip().split("\n")).contains("hello-b");
  }

  @Test
  void aLocalFolderPackageIsBuiltAndInstalledWithoutAnIndex() throws Exception {
    Optional<String> builder = Python.withModule("setuptools, wheel, pip");
    assumeTrue(builder.isPresent(), Python.missing("setuptools, wheel, pip")
        + " (pip needs setuptools and wheel to build a local folder offline)");
    Tree.at(project)
        .file("deps/localdep/setup.py", "from setuptools import setup\n"
            + "setup(name='localdep', version='0.3', packages=['localdep'])\n")
        .file("deps/localdep/localdep/__init__.py", "VALUE = 3\n")
        .file("requirements.txt", "./deps/localdep\n");

    List<String> installed = Dependencies.builder().projectDir(project).python(builder.get())
        .pipArgs(List.of("--no-index")).build().installInto(vendor);

    assertThat(installed).containsExactly("localdep 0.3");
    assertThat(Files.readString(vendor.resolve("localdep/__init__.py"))).isEqualTo("VALUE = 3\n");
  }

  @Test
  void aPackageWithACompiledExtensionIsRefusedByName() throws Exception {
    tinydep();
    wheel(project.resolve("wheels"), "fastdep", "2.1",
        Map.of("fastdep/__init__.py", utf8("from ._speedups import go\n"),
            "fastdep/_speedups.cpython-311-x86_64-linux-gnu.so", new byte[] {0x7f, 'E', 'L', 'F'}));
    Tree.at(project).file("requirements.txt", "./wheels/tinydep-1.0-py3-none-any.whl\n"
        + "./wheels/fastdep-2.1-py3-none-any.whl\n");

    EggBuildException e = catchThrowableOfType(EggBuildException.class,
        () -> deps().build().installInto(vendor));

    assertThat(e.problem()).isEqualTo(EggBuildException.Problem.COMPILED_DEPENDENCY);
    assertThat(e.getMessage()).contains("fastdep 2.1")
        .contains("fastdep/_speedups.cpython-311-x86_64-linux-gnu.so")
        .contains("compiled extension modules").contains("cannot load from inside an egg")
        .contains("install it on each Scrapyd node").doesNotContain("tinydep");
  }

  @Test
  void pyprojectDependenciesAreInstalledWhenThereIsNoRequirementsTxt() throws Exception {
    Path wheel = tinydep();
    Tree.at(project).file("pyproject.toml", "[project]\nname = 'shop'\nversion = '1'\n"
        + "dependencies = [\n  'tinydep @ " + wheel.toUri() + "',\n]\n");

    List<String> installed = deps().build().installInto(vendor);

    assertThat(installed).containsExactly("tinydep 1.0");
  }

  @Test
  void setupPyInstallRequiresReadWithoutRunningItAreInstalled() throws Exception {
    Path wheel = tinydep();
    Tree.at(project).file("setup.py", "from setuptools import setup, find_packages\n"
        + "setup(name='shop', packages=find_packages(),\n"
        + "      install_requires=['tinydep @ " + wheel.toUri() + "'])\n");

    List<String> installed = deps().build().installInto(vendor);

    assertThat(installed).containsExactly("tinydep 1.0");
  }

  @Test
  void setupCfgInstallRequiresAreInstalledWhenNothingElseDeclaresDependencies() throws Exception {
    Path wheel = tinydep();
    Tree.at(project).file("setup.cfg", "[metadata]\nname = shop\n\n[options]\n"
        + "install_requires =\n    tinydep @ " + wheel.toUri() + "  # ours\n");

    List<String> installed = deps().build().installInto(vendor);

    assertThat(installed).containsExactly("tinydep 1.0");
  }

  @Test
  void dynamicOrMissingDependenciesSayWhereTheyWereLookedFor() {
    Tree.at(project).file("pyproject.toml", "[project]\nname = 'shop'\n"
        + "dynamic = ['dependencies']\n");

    EggBuildException e = catchThrowableOfType(EggBuildException.class,
        () -> deps().build().installInto(vendor));

    assertThat(e.problem()).isEqualTo(EggBuildException.Problem.DEPENDENCIES_FAILED);
    assertThat(e.getMessage()).contains("no dependencies to include")
        .contains("no " + project.resolve("requirements.txt"))
        .contains("dependencies dynamic").contains("no " + project.resolve("setup.cfg"));
  }

  @Test
  void pipsOwnFailureIsReportedWithItsOutput() {
    Tree.at(project).file("requirements.txt", "no-such-package-scrapyd4j==1.0\n");

    EggBuildException e = catchThrowableOfType(EggBuildException.class,
        () -> deps().build().installInto(vendor));

    assertThat(e.problem()).isEqualTo(EggBuildException.Problem.DEPENDENCIES_FAILED);
    assertThat(e.getMessage()).contains("-m pip install' failed")
        .contains("no-such-package-scrapyd4j");
  }

  @Test
  void aTokenInAnIndexUrlIsNotShownWhenPipFails() {
    EggBuildException e = catchThrowableOfType(EggBuildException.class,
        () -> Dependencies.builder().projectDir(project).python(python)
            .requirements(List.of("no-such-package-scrapyd4j @ http://ci:t0ken-s3cret@127.0.0.1:9/"
                + "no_such_package_scrapyd4j-1.0-py3-none-any.whl"))
            .pipArgs(List.of("--index-url", "http://ci:t0ken-s3cret@127.0.0.1:9/simple",
                "--retries", "0", "--timeout", "1"))
            .build().installInto(vendor));

    assertThat(e.problem()).isEqualTo(EggBuildException.Problem.DEPENDENCIES_FAILED);
    assertThat(e.getMessage()).contains("no-such-package-scrapyd4j @ http://ci:***@127.0.0.1:9/")
        .doesNotContain("t0ken-s3cret");
  }

  @Test
  void withoutAPythonThatHasPipTheErrorSaysWhatWasTriedAndHowToFixIt() {
    Tree.at(project).file("requirements.txt", "tinydep\n");
    String before = System.getProperty(EggBuilder.PYTHON_PROPERTY);
    System.setProperty(EggBuilder.PYTHON_PROPERTY, tmp.resolve("no/python3").toString());
    try {
      EggBuildException e = catchThrowableOfType(EggBuildException.class,
          () -> Dependencies.builder().projectDir(project).build().installInto(vendor));

      assertThat(e.problem()).isEqualTo(EggBuildException.Problem.DEPENDENCIES_FAILED);
      assertThat(e.getMessage()).contains("no Python with pip found")
          .contains(tmp.resolve("no/python3") + " (not found)").contains("ensurepip");
    } finally {
      if (before == null) {
        System.clearProperty(EggBuilder.PYTHON_PROPERTY);
      } else {
        System.setProperty(EggBuilder.PYTHON_PROPERTY, before);
      }
    }
  }
}
