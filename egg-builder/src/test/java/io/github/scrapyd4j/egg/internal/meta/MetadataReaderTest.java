package io.github.scrapyd4j.egg.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.egg.EggBuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static reading of setup.py, setup.cfg and pyproject.toml, case by case. */
class MetadataReaderTest {
  private static Packaging setupPy(String source) {
    Packaging p = new Packaging();
    MetadataReader.readSetupPy(source, p);
    return p;
  }

  @Test
  void literalsConcatenationTuplesAndDictCallsAreRead() {
    Packaging p = setupPy("import setuptools\n"
        + "setuptools.setup(name='a' \"b\", version=\"1.\" + '2',\n"
        + "    packages=('x', 'x.y'), py_modules=['m'],\n"
        + "    package_dir=dict(x='lib/x'), include_package_data=True,\n"
        + "    package_data={'x': 'data/*.json'},  # a string, not a list\n"
        + "    install_requires='''\n        scrapy>=2\n        # comment\n        lxml\n''',\n"
        + "    entry_points={'console_scripts': ['a = b:c'], 'scrapy': ['settings = x.s']})\n");

    assertThat(p.warnings).isEmpty();
    assertThat(p.name).isEqualTo("ab");
    assertThat(p.version).isEqualTo("1.2");
    assertThat(p.packages.explicit).containsExactly("x", "x.y");
    assertThat(p.pyModules).containsExactly("m");
    assertThat(p.packageDir).isEqualTo(Map.of("x", "lib/x"));
    assertThat(p.includePackageData).isTrue();
    assertThat(p.packageData).isEqualTo(Map.of("x", List.of("data/*.json")));
    assertThat(p.dependencies).containsExactly("scrapy>=2", "lxml");
    assertThat(p.settings).isEqualTo("x.s");
  }

  @Test
  void entryPointsAsAnIniStringAndAsAGroupString() {
    assertThat(setupPy("from setuptools import setup\nsetup(entry_points='''\n[scrapy]\n"
        + "settings = a.b.settings:ignored [extra]\n''')\n").settings).isEqualTo("a.b.settings");
    assertThat(setupPy("setup(entry_points={'scrapy': 'settings=c.settings'})").settings)
        .isEqualTo("c.settings");
  }

  @Test
  void findPackagesArgumentsByPositionAndKeyword() {
    Packaging p = setupPy("from setuptools import find_packages, setup\n"
        + "setup(packages=find_packages('src', ['t*'], include=['a*']))\n");

    assertThat(p.packages.explicit).isNull();
    assertThat(p.packages.where).containsExactly("src");
    assertThat(p.packages.exclude).containsExactly("t*");
    assertThat(p.packages.include).containsExactly("a*");
    assertThat(p.packages.namespaces).isFalse();
    assertThat(setupPy("setup(packages=find_namespace_packages())").packages.namespaces)
        .isTrue();
  }

  @Test
  void whatOnlyPythonCanEvaluateIsNamedWithKeywordLineAndWhatWasUsed() {
    Packaging p = setupPy("from setuptools import setup, find_packages\n"
        + "import os\n"
        + "for name in ['a']:\n"
        + "    pass\n"
        + "extra = {}\n"
        + "extra['x'] = 1\n"
        + "setup(\n"
        + "    name=f'bot-{os.getpid()}',\n"
        + "    version=open('VERSION').read(),\n"
        + "    packages=[p for p in find_packages() if 'test' not in p],\n"
        + "    package_data={'bot': DATA},\n"
        + "    entry_points=name,\n"
        + "    **extra\n"
        + ")\n");

    assertThat(p.warnings).containsExactly(
        "setup.py: setup(**extra) at line 13: arguments built at run time are not read;"
            + " keywords set there are not known",
        "setup.py line 8: name= is an f-string, which only running Python can evaluate; used the"
            + " name 'project' instead",
        "setup.py line 9: version= is a file read at run time (open(...)), which only running"
            + " Python can evaluate; used the version '1.0' instead",
        "setup.py line 10: packages= is computed (a comprehension),"
            + " which only running Python can evaluate; used find_packages() instead (give"
            + " --setup-py / useSetupPy(true) to run setup.py)",
        "setup.py line 11: package_data= is the variable DATA, which only running Python can"
            + " evaluate; used no declared package data (the packages' non-Python files)"
            + " instead",
        "setup.py line 12: entry_points= is the variable name, which only running Python can"
            + " evaluate; used scrapy.cfg's [settings] default instead");
    assertThat(p.packages.where).containsExactly(".");
    assertThat(p.packageData).isNull();
    assertThat(p.settings).isNull();
  }

  @Test
  void keywordArgumentsFromALiteralDictAreRead() {
    Packaging p = setupPy("ARGS = dict(name='k', packages=['k'])\nsetup(version='1', **ARGS)\n");

    assertThat(p.warnings).isEmpty();
    assertThat(p.name).isEqualTo("k");
    assertThat(p.packages.explicit).containsExactly("k");
  }

  @Test
  void aNameAssignedTwiceIsNotGuessed() {
    Packaging p = setupPy("PKGS = ['a']\nif True:\n    PKGS = ['b']\nsetup(packages=PKGS)\n");

    assertThat(p.warnings).singleElement().asString()
        .startsWith("setup.py line 4: packages= is computed (the variable PKGS)");
  }

  @Test
  void aSetupFunctionDefinitionIsNotTheCall() {
    Packaging p = setupPy("def setup(app):\n    pass\n\nfrom setuptools import setup as s\n");

    assertThat(p.sources).isEmpty();
    assertThat(p.warnings).singleElement().asString()
        .startsWith("setup.py has no setup(...) call");
  }

  @Test
  void setupCfgWithoutMetadataSectionsIsNotMetadata() {
    Packaging p = new Packaging();
    MetadataReader.readSetupCfg(Path.of("setup.cfg"), "[flake8]\nmax-line-length = 99\n", p);

    assertThat(p.present()).isFalse();
  }

  @Test
  void setupCfgFillsOnlyWhatSetupPyLeftUnset() {
    Packaging p = setupPy("setup(packages=['a'], version='2')\n");
    MetadataReader.readSetupCfg(Path.of("setup.cfg"), "[metadata]\nname = n\nversion = 9\n"
        + "[options]\npackages = b, c\ninclude_package_data = yes\n"
        + "[options.package_data]\nMixedCase = *.txt\n", p);

    assertThat(p.packages.explicit).containsExactly("a");
    assertThat(p.version).isEqualTo("2");
    assertThat(p.name).isEqualTo("n");
    assertThat(p.includePackageData).isTrue();
    assertThat(p.packageData).containsOnlyKeys("MixedCase");
  }

  @Test
  void setupCfgInstallRequiresFromAFileReadsItsLines(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("requirements.txt"), "scrapy>=2.11\n# tools\nparsel\n");
    Packaging p = new Packaging();
    MetadataReader.readSetupCfg(dir.resolve("setup.cfg"), "[options]\n"
        + "install_requires = file: requirements.txt, missing.txt\n", p);

    assertThat(p.dependencies).containsExactly("scrapy>=2.11", "parsel");
    assertThat(p.warnings).singleElement().asString().contains("names missing.txt");
  }

  @Test
  void pyprojectOnlyForToolsIsNotMetadataAndBadTomlIsAClearError() {
    Packaging p = new Packaging();
    MetadataReader.readPyproject(Path.of("pyproject.toml"), "[tool.black]\nline-length = 9\n",
        p);
    assertThat(p.present()).isFalse();

    assertThatThrownBy(() -> MetadataReader.readPyproject(Path.of("pyproject.toml"),
        "[project]\nname = \n", new Packaging()))
        .isInstanceOf(EggBuildException.class)
        .hasMessageStartingWith("pyproject.toml is not valid TOML");
  }

  @Test
  void pyprojectWinsOverSetupPyForWhatItDeclares() {
    Packaging p = setupPy("setup(packages=['old'], name='old')\n");
    MetadataReader.readPyproject(Path.of("pyproject.toml"), "[project]\nname = \"new\"\n"
        + "[tool.setuptools]\npackages = [\"new\"]\npy-modules = [\"m\"]\n"
        + "include-package-data = false\n"
        + "[tool.setuptools.package-dir]\n\"\" = \"lib\"\n", p);

    assertThat(p.name).isEqualTo("new");
    assertThat(p.packages.explicit).containsExactly("new");
    assertThat(p.pyModules).containsExactly("m");
    assertThat(p.includePackageData).isFalse();
    assertThat(p.packageDir).isEqualTo(Map.of("", "lib"));
    assertThat(p.projectTable).isTrue();
  }

  @Test
  void pythonGlobPatternsFollowPythonsRules() {
    assertThat(Patterns.glob("*.json").matcher("a.json").matches()).isTrue();
    assertThat(Patterns.glob("*.json").matcher("d/a.json").matches()).isFalse();
    assertThat(Patterns.glob("*").matcher(".hidden").matches()).isFalse();
    assertThat(Patterns.glob("**/*.txt").matcher("a.txt").matches()).isTrue();
    assertThat(Patterns.glob("**/*.txt").matcher("x/y/a.txt").matches()).isTrue();
    assertThat(Patterns.glob("data/[!o]*.csv").matcher("data/old.csv").matches()).isFalse();
    assertThat(Patterns.fnmatch("tests*").matcher("tests.unit").matches()).isTrue();
    assertThat(Patterns.manifest("**/*.log").matcher("a/.b.log").matches()).isTrue();
  }
}
