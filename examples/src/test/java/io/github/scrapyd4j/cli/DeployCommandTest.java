package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeployCommandTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension wm2 =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path temp;

  CliTestSupport cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    Path pkg = Files.createDirectories(cli.workDir.resolve("labbot/spiders"));
    Files.writeString(cli.workDir.resolve("labbot/__init__.py"), "");
    Files.writeString(cli.workDir.resolve("labbot/settings.py"), "BOT_NAME = 'labbot'\n");
    Files.writeString(pkg.resolve("__init__.py"), "");
    Files.writeString(pkg.resolve("echo.py"), "import scrapy\n");
  }

  void scrapyCfg() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n\n"
        + "[deploy]\nurl = " + wm.baseUrl() + "/\nproject = labbot\n"
        + "username = admin\npassword = hunter2\n\n"
        + "[deploy:second]\nurl = " + wm2.baseUrl() + "/\n");
  }

  static void stubHealthyNode(WireMockExtension server) {
    server.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions").response()));
    server.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(Recording.load("addversion_r2").response()));
  }

  static LoggedRequest upload(WireMockExtension server) {
    List<LoggedRequest> uploads = server.findAll(postRequestedFor(urlPathEqualTo("/addversion.json")));
    assertThat(uploads).hasSize(1);
    return uploads.get(0);
  }

  static String part(LoggedRequest request, String name) {
    return request.getPart(name).getBody().asString();
  }

  @Test
  void deployToTheDefaultTargetUploadsTheBuiltEggWithTheVersion() throws Exception {
    scrapyCfg();
    stubHealthyNode(wm);

    assertThat(cli.run("deploy", "-v", "r2")).isZero();

    assertThat(cli.out()).contains("Project labbot, version r2, egg ")
        .containsPattern("default +" + wm.baseUrl() + "/ +deployed +4 +yes +-");
    assertThat(cli.err()).isEmpty();
    LoggedRequest up = upload(wm);
    assertThat(part(up, "project")).isEqualTo("labbot");
    assertThat(part(up, "version")).isEqualTo("r2");
    Egg egg = Egg.of(up.getPart("egg").getBody().asBytes());
    assertThat(egg.entryNames()).contains("labbot/settings.py", "labbot/spiders/echo.py");
    assertThat(egg.settingsModule()).contains("labbot.settings");
    assertThat(up.getHeader("Authorization")).startsWith("Basic ");
    assertThat(wm2.getAllServeEvents()).isEmpty();
  }

  @Test
  void deployAllTargetsSendsOneEggAndOneVersionToEachAsJson() throws Exception {
    scrapyCfg();
    stubHealthyNode(wm);
    stubHealthyNode(wm2);

    assertThat(cli.run("deploy", "-a", "-v", "r2", "--json")).isZero();

    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertThat(j.get("succeeded").asBoolean()).isTrue();
    assertThat(j.get("version").asText()).isEqualTo("r2");
    assertThat(j.get("outcomes").size()).isEqualTo(2);
    assertThat(j.get("outcomes").get(1).get("name").asText()).isEqualTo("second");
    assertThat(j.get("outcomes").get(1).get("status").asText()).isEqualTo("DEPLOYED");
    assertThat(j.get("outcomes").get(1).get("spiders").asInt()).isEqualTo(4);
    byte[] first = upload(wm).getPart("egg").getBody().asBytes();
    byte[] second = upload(wm2).getPart("egg").getBody().asBytes();
    assertThat(first).isEqualTo(second);
    assertThat(part(upload(wm2), "version")).isEqualTo("r2");
  }

  @Test
  void aRejectedEggOnOneTargetExitsOneAndSaysWhatBecameOfTheVersion() throws Exception {
    scrapyCfg();
    stubHealthyNode(wm);
    wm2.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions").response()));
    wm2.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(Recording.load("addversion_noentry").response()));
    wm2.stubFor(post(urlPathEqualTo("/delversion.json"))
        .willReturn(Recording.load("delversion_ok").response()));
    wm.stubFor(post(urlPathEqualTo("/delversion.json"))
        .willReturn(Recording.load("delversion_ok").response()));

    assertThat(cli.run("deploy", "-a", "-v", "r2")).isEqualTo(1);

    assertThat(cli.out()).containsPattern("second +" + wm2.baseUrl() + "/ +failed");
    assertThat(cli.err()).contains("scrapyd4j: deploy failed on 1 of 2 node(s)")
        .doesNotContain("\tat ").doesNotContain("hunter2");
    assertThat(Forms.decode(wm2.findAll(postRequestedFor(urlPathEqualTo("/delversion.json")))
        .get(0).getBodyAsString())).containsExactly(entry("project", "labbot"),
            entry("version", "r2"));
  }

  /** wm takes the egg, wm2 rejects it; both can delete a version. */
  private void stubSecondRejects() {
    stubHealthyNode(wm);
    wm2.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions").response()));
    wm2.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(Recording.load("addversion_noentry").response()));
    for (WireMockExtension node : List.of(wm, wm2)) {
      node.stubFor(post(urlPathEqualTo("/delversion.json"))
          .willReturn(Recording.load("delversion_ok").response()));
    }
  }

  @Test
  void bestEffortKeepsTheTargetsThatSucceeded() throws Exception {
    scrapyCfg();
    stubSecondRejects();

    assertThat(cli.run("deploy", "-a", "-v", "r2", "--policy", "best-effort", "--json"))
        .isEqualTo(1);

    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertThat(j.get("policy").asText()).isEqualTo("BEST_EFFORT");
    assertThat(j.get("outcomes").get(0).get("status").asText()).isEqualTo("DEPLOYED");
    assertThat(j.get("outcomes").get(1).get("status").asText()).isEqualTo("FAILED");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/delversion.json")));
    wm2.verify(1, postRequestedFor(urlPathEqualTo("/delversion.json")));
  }

  @Test
  void severalUrlsFollowTheSamePolicyRule() throws Exception {
    stubSecondRejects();
    String urls = wm.baseUrl() + "," + wm2.baseUrl();
    scrapyCfg();

    assertThat(cli.run("deploy", "--url", urls, "-p", "labbot", "-v", "r2", "--json"))
        .isEqualTo(1);
    assertThat(new ObjectMapper().readTree(cli.out()).get("policy").asText())
        .isEqualTo("ALL_OR_NOTHING");
    wm.verify(1, postRequestedFor(urlPathEqualTo("/delversion.json")));

    wm.resetRequests();
    assertThat(cli.run("deploy", "--url", urls, "-p", "labbot", "-v", "r2",
        "--policy", "best-effort")).isEqualTo(1);
    wm.verify(1, postRequestedFor(urlPathEqualTo("/addversion.json")));
    wm.verify(0, postRequestedFor(urlPathEqualTo("/delversion.json")));
  }

  @Test
  void anUnknownPolicyIsAUsageError() throws Exception {
    scrapyCfg();

    assertThat(cli.run("deploy", "-a", "--policy", "yolo")).isEqualTo(2);

    assertThat(cli.err()).contains("--policy must be all-or-nothing or best-effort, but was 'yolo'");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aProjectsOwnSetupPyIsReadAndWhatDiffersFromBdistEggIsSaid() throws Exception {
    scrapyCfg();
    stubHealthyNode(wm);
    Files.writeString(cli.workDir.resolve("setup.py"), "from setuptools import setup\nsetup()\n");

    assertThat(cli.run("deploy", "-v", "r2")).isZero();

    assertThat(cli.err()).startsWith("scrapyd4j: warning: setup.py declares no [scrapy] settings"
        + " entry point").contains("names labbot.settings from");
    assertThat(cli.out()).containsPattern("egg \\d+ bytes \\(\\d+ modules, 0 data files, [^)]+"
        + " unpacked\\):");
    Egg egg = Egg.of(upload(wm).getPart("egg").getBody().asBytes());
    assertThat(egg.entryNames()).doesNotContain("setup.py").contains("labbot/settings.py");
  }

  @Test
  void anUnreachableTargetExitsThree() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n\n"
        + "[deploy:dead]\nurl = http://127.0.0.1:" + ReadCommandsTest.deadPort()
        + "/\nproject = labbot\n");

    assertThat(cli.run("deploy", "dead", "-v", "r2")).isEqualTo(3);

    assertThat(cli.out()).containsPattern("dead +http://127.0.0.1:\\d+/ +failed");
  }

  @Test
  void buildEggWritesTheEggAndUploadsNothing() throws Exception {
    scrapyCfg();

    assertThat(cli.run("deploy", "--build-egg", "out.egg")).isZero();

    Path file = cli.workDir.resolve("out.egg");
    Egg egg = Egg.read(file);
    assertThat(egg.settingsModule()).contains("labbot.settings");
    assertThat(cli.out()).startsWith("Built " + file + " (" + egg.size() + " bytes, sha256 "
        + egg.sha256() + "): " + egg.summary().contents() + "\n");
    assertThat(cli.err()).isEmpty();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aPrebuiltEggGoesToAUrlWithTheProjectGiven() throws Exception {
    scrapyCfg();
    assertThat(cli.run("deploy", "--build-egg", "out.egg")).isZero();
    byte[] built = Files.readAllBytes(cli.workDir.resolve("out.egg"));
    stubHealthyNode(wm2);

    assertThat(cli.run("deploy", "--egg", "out.egg", "--url", wm2.baseUrl(), "-p", "labbot",
        "-v", "r2")).isZero();

    LoggedRequest up = upload(wm2);
    assertThat(up.getPart("egg").getBody().asBytes()).isEqualTo(built);
    assertThat(part(up, "project")).isEqualTo("labbot");
    assertThat(up.getHeader("Authorization")).isNull();
  }

  @Test
  void deployToAUrlWithoutAProjectIsAUsageError() throws Exception {
    scrapyCfg();

    assertThat(cli.run("deploy", "--url", wm.baseUrl())).isEqualTo(2);

    assertThat(cli.err().strip()).isEqualTo("scrapyd4j: deploying to --url needs -p PROJECT");
  }

  @Test
  void anUnknownTargetIsAUsageError() throws Exception {
    scrapyCfg();

    assertThat(cli.run("deploy", "nope")).isEqualTo(2);

    assertThat(cli.err()).startsWith("scrapyd4j: Unknown target: nope").contains("second");
  }

  @Test
  void outsideAProjectSaysSo() {
    assertThat(cli.run("deploy", "-C", "..")).isEqualTo(2);
    assertThat(cli.err().strip()).doesNotContain("\n").startsWith("scrapyd4j: ")
        .contains("scrapy.cfg");
  }

  @Test
  void aVersionThatIsNotTheLatestIsAWarning() throws Exception {
    scrapyCfg();
    wm.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.json("{\"versions\": [\"r9\"], \"status\": \"ok\","
            + " \"node_name\": \"vm\"}")));
    wm.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(Recording.load("addversion_r2").response()));

    assertThat(cli.run("deploy", "-v", "r2")).isZero();

    assertThat(cli.out()).containsPattern("default +\\S+ +deployed +4 +no");
    assertThat(new String(cli.err().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .startsWith("scrapyd4j: warning: default: version r2 will not be the latest");
  }

  /** The three ways to name several nodes, which follow one policy rule. */
  private String[] severalNodes(String form) {
    switch (form) {
      case "-a":
        return new String[] {"-a"};
      case "-t":
        return new String[] {"-t", "default,second"};
      default:
        return new String[] {"--url", wm.baseUrl() + "," + wm2.baseUrl(), "-p", "labbot"};
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The name a node gets in the table: the target's, or host:port for a URL. */
  private static String name(String form, WireMockExtension server, String target) {
    return form.equals("--url") ? "localhost:" + server.getPort() : target;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"-a, ''", "-t, ''", "--url, ''", "-a, all-or-nothing", "-t, all-or-nothing",
      "--url, all-or-nothing"})
  void aFailureOnOneNodeRollsBackTheOthersByDefaultWhicheverWayTheNodesAreNamed(String form,
      String policy) throws Exception {
    scrapyCfg();
    stubSecondRejects();
    String[] args = concat(new String[] {"deploy", "-v", "r2"}, severalNodes(form));
    if (!policy.isEmpty()) {
      args = concat(args, "--policy", policy);
    }

    assertThat(cli.run(args)).isEqualTo(1);

    assertThat(cli.out().lines()).hasSize(4);
    assertThat(cli.out()).containsPattern("\n" + name(form, wm, "default") + " +" + wm.baseUrl()
        + "/ +rolled back +4 +- +rolled back: the version was deployed here but another node"
        + " failed \\(ALL_OR_NOTHING\\), so it was deleted again")
        .containsPattern("\n" + name(form, wm2, "second") + " +" + wm2.baseUrl()
            + "/ +failed +- +- +Scrapyd rejected the egg \\(RUNNER_ERROR\\)");
    assertThat(cli.err()).isEqualTo("scrapyd4j: deploy failed on 1 of 2 node(s); all or"
        + " nothing: the new version was deleted again from 1 node(s) that took it\n");
    for (WireMockExtension node : List.of(wm, wm2)) {
      node.verify(1, postRequestedFor(urlPathEqualTo("/addversion.json")));
      node.verify(1, postRequestedFor(urlPathEqualTo("/delversion.json")));
    }
    assertThat(Forms.decode(wm.findAll(postRequestedFor(urlPathEqualTo("/delversion.json")))
        .get(0).getBodyAsString())).containsExactly(entry("project", "labbot"),
            entry("version", "r2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a", "-t", "--url"})
  void bestEffortKeepsWhatSucceededWhicheverWayTheNodesAreNamed(String form) throws Exception {
    scrapyCfg();
    stubSecondRejects();

    assertThat(cli.run(concat(new String[] {"deploy", "-v", "r2", "--policy", "best-effort"},
        severalNodes(form)))).isEqualTo(1);

    assertThat(cli.out()).containsPattern("\n" + name(form, wm, "default") + " +" + wm.baseUrl()
        + "/ +deployed +4 +yes +-\n")
        .containsPattern("\n" + name(form, wm2, "second") + " +" + wm2.baseUrl()
            + "/ +failed +- +- +Scrapyd rejected the egg");
    assertThat(cli.err()).isEqualTo("scrapyd4j: deploy failed on 1 of 2 node(s); best effort:"
        + " 1 node(s) keep the new version\n");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/delversion.json")));
    wm2.verify(1, postRequestedFor(urlPathEqualTo("/delversion.json"))); // the rejected one
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a", "--url"})
  void allOrNothingUploadsNothingWhenANodeCannotBeReached(String form) throws Exception {
    String dead = "http://127.0.0.1:" + ReadCommandsTest.deadPort();
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n\n"
        + "[deploy]\nurl = " + wm.baseUrl() + "/\nproject = labbot\n\n"
        + "[deploy:dead]\nurl = " + dead + "/\n");
    stubHealthyNode(wm);
    String[] nodes = form.equals("-a") ? new String[] {"-a"}
        : new String[] {"--url", wm.baseUrl() + "," + dead, "-p", "labbot"};

    assertThat(cli.run(concat(new String[] {"deploy", "-v", "r2"}, nodes))).isEqualTo(3);

    assertThat(cli.out()).containsPattern("\n" + name(form, wm, "default") + " +" + wm.baseUrl()
        + "/ +skipped +- +- +not uploaded")
        .containsPattern("\n\\S+ +" + dead + "/ +failed +- +- +could not list the versions");
    assertThat(cli.err()).isEqualTo("scrapyd4j: deploy failed on 1 of 2 node(s); all or nothing:"
        + " nothing was uploaded to the other 1 node(s)\n");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/addversion.json")));
  }

  @Test
  void bestEffortDeploysTheNodesThatCanBeReachedAndExitsThree() throws Exception {
    String dead = "http://127.0.0.1:" + ReadCommandsTest.deadPort();
    scrapyCfg();
    stubHealthyNode(wm);

    assertThat(cli.run("deploy", "-v", "r2", "--url", wm.baseUrl() + "," + dead, "-p", "labbot",
        "--policy", "best-effort")).isEqualTo(3);

    assertThat(cli.out()).containsPattern("\nlocalhost:" + wm.getPort() + " +" + wm.baseUrl()
        + "/ +deployed +4 +yes");
    assertThat(cli.err()).isEqualTo("scrapyd4j: deploy failed on 1 of 2 node(s); best effort:"
        + " 1 node(s) keep the new version\n");
    wm.verify(1, postRequestedFor(urlPathEqualTo("/addversion.json")));
  }

  @Test
  void aRollbackLeavesAVersionThatExistedBeforeAndSaysSo() throws Exception {
    scrapyCfg();
    stubSecondRejects();
    wm.stubFor(get(urlPathEqualTo("/listversions.json")).willReturn(Recording.json(
        "{\"versions\": [\"r1\", \"r2\"], \"status\": \"ok\", \"node_name\": \"vm\"}")));

    assertThat(cli.run("deploy", "-a", "-v", "r2")).isEqualTo(1);

    // The upload replaced r2's egg there; deleting r2 would delete what was there before too.
    assertThat(cli.out()).containsPattern("\ndefault +" + wm.baseUrl() + "/ +deployed +4 +yes"
        + " +could not roll back: version r2 existed before this deploy, so it was not deleted;"
        + " the node now holds this deploy's egg under it\n");
    assertThat(cli.err()).contains("scrapyd4j: warning: default: version r2 already existed")
        .endsWith("scrapyd4j: deploy failed on 1 of 2 node(s); all or nothing, but 1 node(s)"
            + " could not be rolled back and hold the new egg (see DETAIL)\n");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/delversion.json")));
  }

  @Test
  void oneUrlReportsThePolicyItWasGiven() throws Exception {
    scrapyCfg();
    stubHealthyNode(wm);

    assertThat(cli.run("deploy", "-v", "r2", "--url", wm.baseUrl(), "-p", "labbot", "--policy",
        "best-effort", "--json")).isZero();

    assertThat(new ObjectMapper().readTree(cli.out()).get("policy").asText())
        .isEqualTo("BEST_EFFORT");
  }
}
