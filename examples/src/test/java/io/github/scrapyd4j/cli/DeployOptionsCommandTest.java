package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy as scrapyd-deploy runs it in a container or CI: the user's files under $HOME and
 * $XDG_CONFIG_HOME, a project without spiders, and every egg option reaching the uploaded egg.
 */
class DeployOptionsCommandTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path temp;

  CliTestSupport cli;
  Path ciHome;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    ciHome = Files.createDirectories(temp.resolve("ci-home"));
    Path pkg = Files.createDirectories(cli.workDir.resolve("labbot/spiders"));
    Files.writeString(cli.workDir.resolve("labbot/__init__.py"), "");
    Files.writeString(cli.workDir.resolve("labbot/settings.py"), "BOT_NAME = 'labbot'\n");
    Files.writeString(pkg.resolve("__init__.py"), "");
    Files.writeString(pkg.resolve("echo.py"), "import scrapy\n");
  }

  void projectWithTarget() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n\n"
        + "[deploy]\nurl = " + wm.baseUrl() + "/\nproject = labbot\n");
  }

  static void stubNode(String addVersionJson) {
    wm.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions").response()));
    wm.stubFor(post(urlPathEqualTo("/addversion.json")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(addVersionJson)));
    wm.stubFor(post(urlPathEqualTo("/delversion.json"))
        .willReturn(Recording.load("delversion_ok").response()));
  }

  static void stubHealthyNode() {
    stubNode("{\"project\": \"labbot\", \"version\": \"r2\", \"spiders\": 1, \"status\": \"ok\","
        + " \"node_name\": \"vm\"}");
  }

  static Egg uploadedEgg() {
    List<LoggedRequest> uploads = wm.findAll(postRequestedFor(urlPathEqualTo("/addversion.json")));
    assertThat(uploads).hasSize(1);
    return Egg.of(uploads.get(0).getPart("egg").getBody().asBytes());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  static void secret(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  // ---- $HOME and $XDG_CONFIG_HOME ----

  @Test
  void homeHoldsTheTargetAndTheNetrcCredentials() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n");
    Files.writeString(ciHome.resolve(".scrapy.cfg"),
        "[deploy:ci]\nurl = " + wm.baseUrl() + "/\nproject = labbot\n");
    secret(ciHome.resolve(".netrc"), "machine localhost login ci-bot password n3trc-pw\n");
    cli.environment.put("HOME", ciHome.toString());
    stubHealthyNode();

    assertThat(cli.run("deploy", "ci", "-v", "r2")).as(cli.err()).isZero();

    wm.verify(1, postRequestedFor(urlPathEqualTo("/addversion.json"))
        .withHeader("Authorization", equalTo(basic("ci-bot", "n3trc-pw"))));
    assertThat(uploadedEgg().entryNames()).contains("labbot/spiders/echo.py");
  }

  @Test
  void withoutHomeTheSystemsHomeFolderIsUsed() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n");
    Files.writeString(cli.home.resolve(".scrapy.cfg"),
        "[deploy:sys]\nurl = " + wm.baseUrl() + "/\nproject = labbot\n");
    Files.writeString(ciHome.resolve(".scrapy.cfg"), "[deploy:ci]\nurl = http://ci:6800/\n");

    assertThat(cli.run("targets")).isZero();
    String withoutHome = cli.out();
    cli.environment.put("HOME", ciHome.toString());
    assertThat(cli.run("targets")).isZero();

    assertThat(withoutHome).contains("sys").doesNotContain("ci:6800");
    assertThat(cli.out()).contains("ci").contains("http://ci:6800/").doesNotContain("sys ");
  }

  @Test
  void xdgConfigHomeHoldsScrapyCfg() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n");
    Path xdg = Files.createDirectories(temp.resolve("xdg"));
    Files.writeString(xdg.resolve("scrapy.cfg"), "[deploy:xdg]\nurl = " + wm.baseUrl()
        + "/\nproject = labbot\nusername = x\npassword = y\n");
    Files.createDirectories(ciHome.resolve(".config"));
    Files.writeString(ciHome.resolve(".config/scrapy.cfg"),
        "[deploy:dotconfig]\nurl = http://dot:6800/\n");
    cli.environment.put("HOME", ciHome.toString());
    stubHealthyNode();

    assertThat(cli.run("targets")).isZero();
    String defaultXdg = cli.out();
    cli.environment.put("XDG_CONFIG_HOME", xdg.toString());
    assertThat(cli.run("deploy", "xdg", "-v", "r2")).as(cli.err()).isZero();

    assertThat(defaultXdg).contains("dotconfig").doesNotContain("xdg");
    wm.verify(1, postRequestedFor(urlPathEqualTo("/addversion.json"))
        .withHeader("Authorization", equalTo(basic("x", "y"))));
  }

  @Test
  void anUnknownTargetNamesTheFilesRead() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n");
    cli.environment.put("HOME", ciHome.toString());

    assertThat(cli.run("deploy", "prod")).isEqualTo(2);

    assertThat(cli.err()).contains("Unknown target: prod")
        .contains("read " + cli.workDir.resolve("scrapy.cfg").toRealPath())
        .contains("not present: ").contains(ciHome.resolve(".scrapy.cfg").toString())
        .contains(ciHome.resolve(".config/scrapy.cfg").toString());
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void targetsWithoutAnyNamesTheFilesReadAndTheOnesAbsent() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n");
    Files.writeString(ciHome.resolve(".scrapy.cfg"), "[settings]\nother = x\n");
    cli.environment.put("HOME", ciHome.toString());

    assertThat(cli.run("targets")).isZero();

    assertThat(cli.out()).startsWith("No deploy targets")
        .contains("read " + ciHome.resolve(".scrapy.cfg") + ", "
            + cli.workDir.resolve("scrapy.cfg").toRealPath())
        .contains("not present: ").contains(ciHome.resolve(".config/scrapy.cfg").toString());
  }

  @Test
  void a401NamesTheNetrcThatGaveTheCredentialsWithoutThePassword() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n");
    Files.writeString(ciHome.resolve(".scrapy.cfg"),
        "[deploy:ci]\nurl = " + wm.baseUrl() + "/\nproject = labbot\n");
    Path netrc = ciHome.resolve(".netrc");
    secret(netrc, "machine localhost login ci-bot password wr0ng-pw\n");
    cli.environment.put("HOME", ciHome.toString());
    wm.stubFor(get(anyUrl()).willReturn(Recording.load("auth_bad").response()));

    int projects = cli.run("projects", "-t", "ci");
    String projectsErr = cli.err();
    int deploy = cli.run("deploy", "ci");

    assertThat(projects).isEqualTo(1);
    assertThat(projectsErr).contains("401").contains("user 'ci-bot' was sent, from the .netrc"
        + " entry for localhost in " + netrc).doesNotContain("wr0ng-pw");
    assertThat(deploy).isEqualTo(1);
    assertThat(cli.out() + cli.err()).contains("401").contains(netrc.toString())
        .doesNotContain("wr0ng-pw");
  }

  @Test
  void a401WithoutCredentialsSaysWhereTheyWereLookedFor() throws Exception {
    projectWithTarget();
    cli.environment.put("HOME", ciHome.toString());
    wm.stubFor(get(anyUrl()).willReturn(Recording.load("auth_bad").response()));

    assertThat(cli.run("projects")).isEqualTo(1);

    assertThat(cli.err()).contains("no credentials were sent")
        .contains("target 'default' has no username")
        .contains("no .netrc entry for localhost (looked in " + ciHome.resolve(".netrc"));
  }

  // ---- a project without spiders ----

  @Test
  void aProjectWithoutSpidersDeploysWithAWarning() throws Exception {
    projectWithTarget();
    stubNode("{\"project\": \"labbot\", \"version\": \"r2\", \"spiders\": 0, \"status\": \"ok\","
        + " \"node_name\": \"vm\"}");

    assertThat(cli.run("deploy", "-v", "r2")).as(cli.err()).isZero();

    assertThat(cli.out()).containsPattern("default +" + wm.baseUrl() + "/ +deployed +0 ");
    assertThat(cli.err()).contains("scrapyd4j: warning: default: Scrapyd found no spider in project"
        + " labbot version r2").contains("--require-spiders");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/delversion.json")));
  }

  @Test
  void requireSpidersFailsAProjectWithoutSpidersAndDeletesTheVersion() throws Exception {
    projectWithTarget();
    stubNode("{\"project\": \"labbot\", \"version\": \"r2\", \"spiders\": 0, \"status\": \"ok\","
        + " \"node_name\": \"vm\"}");

    assertThat(cli.run("deploy", "-v", "r2", "--require-spiders")).isEqualTo(1);

    assertThat(cli.out()).containsPattern("default +" + wm.baseUrl() + "/ +failed")
        .contains("spiders are required");
    assertThat(Forms.decode(wm.findAll(postRequestedFor(urlPathEqualTo("/delversion.json")))
        .get(0).getBodyAsString())).containsExactly(entry("project", "labbot"),
            entry("version", "r2"));
  }

  // ---- egg options ----

  @Test
  void includeExcludeNoDataFilesAndAddReachTheUploadedEgg() throws Exception {
    projectWithTarget();
    stubHealthyNode();
    Files.createDirectories(cli.workDir.resolve("notes"));
    Files.writeString(cli.workDir.resolve("notes/todo.txt"), "crawl more\n");
    Files.writeString(cli.workDir.resolve("labbot/spiders/secret_test.py"), "X = 1\n");
    Files.writeString(cli.workDir.resolve("labbot/data.json"), "{}\n");
    Path vendored = Files.createDirectories(temp.resolve("elsewhere/helperlib"));
    Files.writeString(vendored.resolve("__init__.py"), "HELP = 1\n");

    assertThat(cli.run("deploy", "-v", "r2", "--include", "notes/*.txt",
        "--exclude", "*_test.py", "--no-data-files", "--add", vendored.toString()))
        .as(cli.err()).isZero();

    assertThat(uploadedEgg().entryNames())
        .contains("notes/todo.txt", "helperlib/__init__.py", "labbot/spiders/echo.py")
        .doesNotContain("labbot/spiders/secret_test.py", "labbot/data.json");
  }

  @Test
  void withoutOptionsDataFilesAreIncludedAndNothingIsAdded() throws Exception {
    projectWithTarget();
    stubHealthyNode();
    Files.writeString(cli.workDir.resolve("labbot/data.json"), "{}\n");
    Files.writeString(cli.workDir.resolve("labbot/spiders/secret_test.py"), "X = 1\n");

    assertThat(cli.run("deploy", "-v", "r2")).as(cli.err()).isZero();

    assertThat(uploadedEgg().entryNames())
        .contains("labbot/data.json", "labbot/spiders/secret_test.py");
  }

  @Test
  void buildEggTakesTheSameOptions() throws Exception {
    projectWithTarget();
    Files.writeString(cli.workDir.resolve("labbot/data.json"), "{}\n");

    assertThat(cli.run("deploy", "--build-egg", "out.egg", "--no-data-files", "--exclude",
        "echo.py")).as(cli.err()).isZero();

    assertThat(Egg.read(cli.workDir.resolve("out.egg")).entryNames())
        .contains("labbot/settings.py")
        .doesNotContain("labbot/data.json", "labbot/spiders/echo.py");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void setupPyBuildsWithTheProjectsOwnSetupPy() throws Exception {
    Optional<String> python = python("setuptools");
    assumeTrue(python.isPresent(), "no Python that can import setuptools (python3 on the PATH"
        + " or /usr/bin/python3)");
    projectWithTarget();
    stubHealthyNode();
    Files.writeString(cli.workDir.resolve("setup.py"), "from setuptools import setup\n"
        + "setup(name='labbot-own', version='7.0', packages=['labbot', 'labbot.spiders'],\n"
        + "      entry_points={'scrapy': ['settings = labbot.settings']})\n");

    assertThat(cli.run("deploy", "-v", "r2", "--setup-py", "--python", python.get()))
        .as(cli.err()).isZero();

    Egg egg = uploadedEgg();
    assertThat(entryText(egg, "EGG-INFO/PKG-INFO")).contains("Name: labbot-own").contains("Version: 7.0");
    assertThat(cli.err()).doesNotContain("setup.py is not run");
  }

  @Test
  void setupPyWithJavaOnlyOptionsIsAUsageErrorBeforeAnythingHappens() throws Exception {
    projectWithTarget();

    assertThat(cli.run("deploy", "--setup-py", "--exclude", "x", "--no-data-files")).isEqualTo(2);

    assertThat(cli.err()).contains("--setup-py builds the egg with setuptools, so --exclude,"
        + " --no-data-files cannot apply");
    assertThat(cli.run("deploy", "--pip-arg=--no-index")).isEqualTo(2);
    assertThat(cli.err()).contains("--pip-arg is for --include-dependencies");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void addOfAMissingFolderIsAUsageError() throws Exception {
    projectWithTarget();

    assertThat(cli.run("deploy", "--add", "nosuch")).isEqualTo(2);

    assertThat(cli.err()).contains("--add nosuch: " + cli.workDir.resolve("nosuch")
        + " is not a folder");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  // ---- --include-dependencies, offline ----

  @Test
  void includeDependenciesVendorsAPurePythonPackageIntoTheEgg() throws Exception {
    Optional<String> python = python("pip");
    assumeTrue(python.isPresent(), "no Python with pip (python3 on the PATH or"
        + " /usr/bin/python3)");
    projectWithTarget();
    stubHealthyNode();
    wheel(cli.workDir.resolve("wheels"), "tinydep", "1.0",
        Map.of("tinydep/__init__.py", "GREETING = 'hello'\n".getBytes(StandardCharsets.UTF_8)));
    Files.writeString(cli.workDir.resolve("requirements.txt"),
        "./wheels/tinydep-1.0-py3-none-any.whl\n");

    assertThat(cli.run("deploy", "-v", "r2", "--include-dependencies", "--pip-arg=--no-index",
        "--python", python.get())).as(cli.err()).isZero();

    assertThat(cli.err()).contains("vendoring 1 package(s) into the egg: tinydep 1.0");
    assertThat(uploadedEgg().entryNames()).contains("tinydep/__init__.py",
        "labbot/spiders/echo.py");
  }

  @Test
  void includeDependenciesRefusesACompiledExtensionAndUploadsNothing() throws Exception {
    Optional<String> python = python("pip");
    assumeTrue(python.isPresent(), "no Python with pip (python3 on the PATH or"
        + " /usr/bin/python3)");
    projectWithTarget();
    stubHealthyNode();
    wheel(cli.workDir.resolve("wheels"), "fastdep", "2.1",
        Map.of("fastdep/__init__.py", new byte[0],
            "fastdep/_speedups.cpython-311-x86_64-linux-gnu.so", new byte[] {0x7f, 'E', 'L', 'F'}));
    Files.writeString(cli.workDir.resolve("requirements.txt"),
        "./wheels/fastdep-2.1-py3-none-any.whl\n");

    assertThat(cli.run("deploy", "-v", "r2", "--include-dependencies", "--pip-arg=--no-index",
        "--python", python.get())).isEqualTo(1);

    assertThat(cli.err()).contains("cannot vendor fastdep 2.1")
        .contains("fastdep/_speedups.cpython-311-x86_64-linux-gnu.so")
        .contains("compiled extension modules");
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void includeDependenciesWithAnUnknownTargetFailsBeforePipRuns() throws Exception {
    projectWithTarget();
    Files.writeString(cli.workDir.resolve("requirements.txt"), "nothing-installed-here\n");

    assertThat(cli.run("deploy", "nosuch", "--include-dependencies", "--python",
        temp.resolve("no-python").toString())).isEqualTo(2);

    assertThat(cli.err()).contains("Unknown target: nosuch").doesNotContain("no-python");
  }

  // ---- helpers ----

  static String entryText(Egg egg, String name) throws Exception {
    try (java.util.zip.ZipInputStream zip =
        new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(egg.bytes()))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(name)) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError(name + " is not in the egg: " + egg.entryNames());
  }

  /** python3 on the PATH, else /usr/bin/python3, if it can import the module. */
  static Optional<String> python(String module) {
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import " + module)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return Optional.of(candidate);
        }
        p.destroyForcibly();
      } catch (Exception e) {
        // not installed: try the next one
      }
    }
    return Optional.empty();
  }

  /** Writes a wheel pip installs offline: the files, METADATA, WHEEL and RECORD. */
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
}
