package io.github.scrapyd4j.egg;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.Recordings;
import io.github.scrapyd4j.egg.testing.Tree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's files found as Python's tools find them: $HOME before user.home, $XDG_CONFIG_HOME,
 * $NETRC as requests reads it, and messages that name the files read.
 */
class UserEnvironmentTest {
  @TempDir Path tmp;

  private WireMockServer server;
  private Path project;
  private Path home;
  private final VersionResolver versions = VersionResolver.builder()
      .clock(Clock.fixed(Instant.ofEpochSecond(1795456800L), ZoneOffset.UTC)).build();

  @BeforeEach
  void start() throws Exception {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    server.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recordings.ok("\"versions\": []")));
    server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"shop\", \"version\": \"1795456800\", \"spiders\": 1")));
    project = Tree.at(tmp.resolve("shop")).scrapyProject("shop", "products").root();
    // The project's own scrapy.cfg names the settings only: the targets live in the user's files.
    Tree.at(project).file("scrapy.cfg", "[settings]\ndefault = shop.settings\n");
    home = Files.createDirectories(tmp.resolve("ci-home"));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private Path secret(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private ProjectDeploy.Builder deploy(Map<String, String> environment) {
    return ProjectDeploy.builder().findProject(project).environment(environment)
        .versionResolver(versions).clientOptions(ClientOptions.builder().retryPolicy(RetryPolicy.none()).build());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void homeFromTheEnvironmentGivesTheTargetAndTheNetrcCredentials() throws Exception {
    Files.writeString(home.resolve(".scrapy.cfg"), "[deploy:ci]\nurl = " + server.baseUrl()
        + "/\nproject = shop\n");
    secret(home.resolve(".netrc"), "machine localhost login ci-bot password n3trc-pw\n"
        + "machine 127.0.0.1 login ci-bot password n3trc-pw\n");

    DeployReport result = deploy(Map.of("HOME", home.toString())).build().toTarget("ci");

    assertThat(result.succeeded()).isTrue();
    server.verify(1, postRequestedFor(urlEqualTo("/addversion.json"))
        .withHeader("Authorization", equalTo(basic("ci-bot", "n3trc-pw"))));
  }

  @Test
  void xdgConfigHomeHoldsScrapyCfgAndDefaultsToHomeDotConfig() throws Exception {
    Path xdg = Files.createDirectories(tmp.resolve("xdg"));
    Files.writeString(xdg.resolve("scrapy.cfg"), "[deploy:xdg]\nurl = " + server.baseUrl()
        + "/\nproject = shop\nusername = x\npassword = y\n");
    Files.createDirectories(home.resolve(".config"));
    Files.writeString(home.resolve(".config/scrapy.cfg"), "[deploy:dotconfig]\nurl = "
        + server.baseUrl() + "/\nproject = shop\n");

    ProjectDeploy withXdg = deploy(Map.of("HOME", home.toString(),
        "XDG_CONFIG_HOME", xdg.toString())).build();
    ProjectDeploy withoutXdg = deploy(Map.of("HOME", home.toString())).build();
    ProjectDeploy emptyXdg = deploy(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", ""))
        .build();

    assertThat(withXdg.targets()).containsOnlyKeys("xdg");
    assertThat(withXdg.config().sources()).contains(xdg.resolve("scrapy.cfg"));
    assertThat(withoutXdg.targets()).containsOnlyKeys("dotconfig");
    assertThat(emptyXdg.targets()).containsOnlyKeys("dotconfig");
    withXdg.toTarget("xdg");
    server.verify(1, postRequestedFor(urlEqualTo("/addversion.json"))
        .withHeader("Authorization", equalTo(basic("x", "y"))));
  }

  @Test
  void anUnknownTargetNamesTheFilesReadAndTheOnesAbsent() throws Exception {
    Files.writeString(home.resolve(".scrapy.cfg"), "[deploy:ci]\nurl = http://ci:6800/\n");

    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class,
        () -> deploy(Map.of("HOME", home.toString())).build().toTarget("prod"));
    ScrapyConfigException none = catchThrowableOfType(ScrapyConfigException.class,
        () -> deploy(Map.of("HOME", tmp.resolve("nohome").toString())).build().toAllTargets());

    assertThat(e.problem()).isEqualTo(ScrapyConfigException.Problem.UNKNOWN_TARGET);
    assertThat(e.getMessage()).contains("Unknown target: prod").contains("known targets: ci")
        .contains("read " + home.resolve(".scrapy.cfg") + ", " + project.resolve("scrapy.cfg"))
        .contains("not present: ").contains(home.resolve(".config/scrapy.cfg").toString());
    assertThat(none.getMessage()).contains("no deploy target")
        .contains("not present: ").contains(tmp.resolve("nohome/.scrapy.cfg").toString());
  }

  @Test
  void a401NamesTheNetrcFileThatGaveTheCredentialsButNotThePassword() throws Exception {
    server.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
    Files.writeString(home.resolve(".scrapy.cfg"), "[deploy:ci]\nurl = " + server.baseUrl()
        + "/\nproject = shop\n");
    Path netrc = secret(home.resolve(".netrc"),
        "default login ci-bot password wr0ng-pw\n");

    DeployException e = catchThrowableOfType(DeployException.class,
        () -> deploy(Map.of("HOME", home.toString())).build().toTarget("ci"));

    String error = e.result().node().error().orElseThrow();
    assertThat(error).contains("401").contains("user 'ci-bot'")
        .contains(".netrc entry for localhost in " + netrc)
        .contains("target 'ci' has no username");
    assertThat(e.getMessage()).contains(netrc.toString()).doesNotContain("wr0ng-pw");
  }

  @Test
  void a401WithoutCredentialsNamesWhereTheyWereLookedFor() throws Exception {
    server.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
    Files.writeString(home.resolve(".scrapy.cfg"), "[deploy:ci]\nurl = " + server.baseUrl()
        + "/\nproject = shop\n");

    DeployException e = catchThrowableOfType(DeployException.class,
        () -> deploy(Map.of("HOME", home.toString())).build().toTarget("ci"));
    DeployException given = catchThrowableOfType(DeployException.class,
        () -> deploy(Map.of("HOME", home.toString())).credentials(Credentials.of("ops", "pw1"))
            .build().toTarget("ci"));

    assertThat(e.result().node().error().orElseThrow())
        .contains("no credentials were sent")
        .contains("read " + home.resolve(".scrapy.cfg"))
        .contains("looked in [" + home.resolve(".netrc") + ", " + home.resolve("_netrc") + "]");
    assertThat(given.result().node().error().orElseThrow())
        .contains("credentials given in code (user 'ops')").doesNotContain("pw1");
  }

  @Test
  void aNetrcOthersCanReadIsStillUsedAsTheRequestsLibraryUsesIt() throws Exception {
    Path file = home.resolve(".netrc");
    Files.writeString(file, "machine h login alice password pw\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Optional<Netrc> netrc = Netrc.lookup(Map.of("HOME", home.toString()));

    assertThat(netrc.flatMap(n -> n.credentialsFor("h"))).contains(Credentials.of("alice", "pw"));
    assertThat(netrc.map(Netrc::files)).contains(List.of(file));
    // Python's netrc module alone refuses it.
    assertThat(Netrc.loadDefault(file)).isEmpty();
  }

  @Test
  void netrcVariableIsReadAfterASecureHomeNetrc() throws Exception {
    Path homeFile = secret(home.resolve(".netrc"), "machine a login home-user password p1\n");
    Path other = secret(tmp.resolve("netrc-elsewhere"),
        "machine a login other password p2\nmachine b login bee password p3\n");

    Optional<Netrc> netrc = Netrc.lookup(Map.of("HOME", home.toString(),
        "NETRC", other.toString()));
    Optional<Netrc> onlyVariable = Netrc.lookup(Map.of("HOME", tmp.resolve("none").toString(),
        "NETRC", other.toString()));

    assertThat(netrc.flatMap(n -> n.credentialsFor("a"))).contains(Credentials.of("home-user",
        "p1"));
    assertThat(netrc.flatMap(n -> n.credentialsFor("b"))).contains(Credentials.of("bee", "p3"));
    assertThat(netrc.flatMap(n -> n.fileFor("b"))).contains(other);
    assertThat(netrc.map(Netrc::files)).contains(List.of(homeFile, other));
    assertThat(onlyVariable.flatMap(n -> n.credentialsFor("a")))
        .contains(Credentials.of("other", "p2"));
    assertThat(netrc.map(Netrc::toString).orElseThrow()).doesNotContain("p1", "p2", "p3");
  }

  /**
   * What scrapyd-deploy 2.0.3 sends, computed by Python itself: scrapyd-client's get_auth
   * (Python's netrc module on ~/.netrc), else what requests adds from $NETRC or ~/.netrc.
   */
  @Test
  void netrcLookupAgreesWithPythonsNetrcAndRequests() throws Exception {
    Optional<String> python = Python.withModule("requests");
    assumeTrue(python.isPresent(), Python.missing("requests"));
    String script = "import netrc, os, sys\n"
        + "if os.environ.get('TEST_UNSET_NETRC'):\n"
        + "    os.environ.pop('NETRC', None)\n"
        + "from urllib.parse import urlparse\n"
        + "import requests.utils\n"
        + "url = sys.argv[1]\n"
        + "try:\n"
        + "    u, _, p = netrc.netrc().authenticators(urlparse(url).hostname)\n"
        + "    print(u + ':' + p)\n"
        + "except (OSError, netrc.NetrcParseError, TypeError):\n"
        + "    a = requests.utils.get_netrc_auth(url)\n"
        + "    print('none' if a is None else a[0] + ':' + a[1])\n";
    Path scriptFile = tmp.resolve("auth.py");
    Files.writeString(scriptFile, script);
    Path other = secret(tmp.resolve("elsewhere"), "machine b login bee password p3\n");
    Path underscore = home.resolve("_netrc");
    String[][] cases = {
      // ~/.netrc content, its permissions, NETRC, ~/_netrc content, host
      {"machine a login al password p1\n", "rw-------", null, null, "a"},
      {"machine a login al password p1\n", "rw-r--r--", null, null, "a"},
      {"machine a login al password p1\n", "rw-r--r--", "elsewhere", null, "a"},
      {"machine a login al password p1\n", "rw-------", "elsewhere", null, "b"},
      {null, null, null, "machine c login cee password p4\n", "c"},
      {"default login d password p5\n", "rw-------", null, null, "zzz"},
      {"machine a login al password p1\n", "rw-------", null, null, "nohost"},
    };
    for (String[] c : cases) {
      Files.deleteIfExists(home.resolve(".netrc"));
      Files.deleteIfExists(underscore);
      if (c[0] != null) {
        Files.writeString(home.resolve(".netrc"), c[0]);
        Files.setPosixFilePermissions(home.resolve(".netrc"),
            PosixFilePermissions.fromString(c[1]));
      }
      if (c[3] != null) {
        secret(underscore, c[3]);
      }
      Map<String, String> env = new HashMap<>();
      env.put("HOME", home.toString());
      if (c[2] != null) {
        env.put("NETRC", other.toString());
      }
      Map<String, String> pyEnv = new HashMap<>(env);
      if (c[2] == null) {
        pyEnv.put("TEST_UNSET_NETRC", "1");
      }
      Python.Run run = Python.run(List.of(python.get(), scriptFile.toString(),
          "http://" + c[4] + ":6800/addversion.json"), tmp, pyEnv);
      assertThat(run.exitCode).as(run.toString()).isZero();
      String java = Netrc.lookup(env).flatMap(n -> n.credentialsFor(c[4]))
          .map(cr -> cr.username() + ":" + cr.password()).orElse("none");
      assertThat(java).as("case %s", String.join(" | ", String.valueOf(c[0]),
          String.valueOf(c[1]), String.valueOf(c[2]), String.valueOf(c[3]), c[4]))
          .isEqualTo(run.stdout.strip());
    }
  }
}
