package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReadCommandsTest {
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
  }

  static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  static int deadPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void projectsPrintsATableAndSendsListprojects() {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));

    assertThat(cli.run("projects", "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).isEqualTo("PROJECT\nlabbot\n");
    assertThat(cli.err()).isEmpty();
    wm.verify(1, getRequestedFor(urlPathEqualTo("/listprojects.json")));
  }

  @Test
  void projectsAsJsonHasTheNodeNameAndProjects() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));

    assertThat(cli.run("projects", "--url", wm.baseUrl(), "--json")).isZero();

    JsonNode j = json(cli.out());
    assertThat(j.get("node_name").asText()).isEqualTo("vm");
    assertThat(j.get("projects").get(0).asText()).isEqualTo("labbot");
    assertThat(j.get("projects").size()).isEqualTo(1);
  }

  @Test
  void versionsMarksTheLatestAndSendsTheProject() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions2").response()));

    assertThat(cli.run("versions", "--url", wm.baseUrl(), "-p", "labbot")).isZero();

    assertThat(cli.out()).containsPattern("VERSION +LATEST\nnoep\nr1\nr2 +yes\n");
    wm.verify(getRequestedFor(urlPathEqualTo("/listversions.json"))
        .withQueryParam("project", equalTo("labbot")));

    assertThat(cli.run("versions", "--url", wm.baseUrl(), "-p", "labbot", "--json")).isZero();
    JsonNode j = json(cli.out());
    assertThat(j.get("latest").asText()).isEqualTo("r2");
    assertThat(j.get("project").asText()).isEqualTo("labbot");
    assertThat(j.get("versions").toString()).isEqualTo("[\"noep\",\"r1\",\"r2\"]");
  }

  @Test
  void versionsWithoutAProjectIsAUsageError() {
    assertThat(cli.run("versions", "--url", wm.baseUrl())).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo(
        "scrapyd4j: no project: give -p PROJECT (or set project = ... in the scrapy.cfg target)");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void spidersOfAVersionSendsUnderscoreVersion() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listspiders.json"))
        .willReturn(Recording.load("listspiders").response()));

    assertThat(cli.run("spiders", "--url", wm.baseUrl(), "-p", "labbot", "--version", "r2"))
        .isZero();

    assertThat(cli.out()).isEqualTo("SPIDER\nboom\necho\npages\nslow\n");
    wm.verify(getRequestedFor(urlPathEqualTo("/listspiders.json"))
        .withQueryParam("project", equalTo("labbot"))
        .withQueryParam("_version", equalTo("r2")));

    assertThat(cli.run("spiders", "--url", wm.baseUrl(), "-p", "labbot", "--json")).isZero();
    assertThat(json(cli.out()).get("spiders").size()).isEqualTo(4);
  }

  @Test
  void spidersOfAnUnknownProjectExitsOneWithScrapydsMessage() {
    wm.stubFor(get(urlPathEqualTo("/listspiders.json"))
        .willReturn(Recording.load("listspiders_noproject").response()));

    assertThat(cli.run("spiders", "--url", wm.baseUrl(), "-p", "nosuch")).isEqualTo(1);

    assertThat(cli.out()).isEmpty();
    String err = cli.err();
    assertThat(err.strip()).doesNotContain("\n").startsWith("scrapyd4j: ")
        .contains("project 'nosuch' not found");
    assertThat(err).doesNotContain("at io.github");
  }

  @Test
  void debugAddsTheStackTrace() {
    wm.stubFor(get(urlPathEqualTo("/listspiders.json"))
        .willReturn(Recording.load("listspiders_noproject").response()));

    assertThat(cli.run("spiders", "--url", wm.baseUrl(), "-p", "nosuch", "--debug")).isEqualTo(1);

    assertThat(cli.err()).contains("ScrapydApiException").contains("\tat ");
  }

  @Test
  void jobsOfAProjectListsEveryStateOldestLast() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_running").response()));

    assertThat(cli.run("jobs", "--url", wm.baseUrl(), "-p", "labbot")).isZero();

    String out = cli.out();
    assertThat(out).startsWith("PROJECT  STATE     JOB");
    assertThat(out).containsPattern(
        "labbot +running +slow-1 +slow +2026-11-23T18:27:19.221008 +-\n");
    assertThat(out).containsPattern(
        "labbot +finished +myjob-1 +pages +2026-11-23T18:27:10.217898 +2026-11-23T18:27:14.536343");
    assertThat(out.lines()).hasSize(5);
    wm.verify(getRequestedFor(urlPathEqualTo("/listjobs.json"))
        .withQueryParam("project", equalTo("labbot")));

    assertThat(cli.run("jobs", "--url", wm.baseUrl(), "-p", "labbot", "--json")).isZero();
    JsonNode j = json(cli.out());
    assertThat(j.get("node_name").asText()).isEqualTo("vm");
    assertThat(j.get("jobs").size()).isEqualTo(4);
    assertThat(j.get("jobs").get(0).get("state").asText()).isEqualTo("running");
    assertThat(j.get("jobs").get(0).get("pid").asInt()).isEqualTo(8776);
    assertThat(j.get("jobs").get(2).get("id").asText()).isEqualTo("myjob-1");
    assertThat(j.get("jobs").get(2).get("runtime_seconds").asDouble()).isBetween(4.3, 4.4);
  }

  @Test
  void jobsWithoutAProjectSendsNoProjectParameter() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_all").response()));

    assertThat(cli.run("jobs", "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).contains("myjob-1");
    assertThat(wm.getAllServeEvents().get(0).getRequest().getUrl()).isEqualTo("/listjobs.json");
  }

  @Test
  void jobsOnTwoNodesHasANodeColumnAndListsAFailedNodeWithExitThree() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_all").response()));
    int dead = deadPort();
    String deadUrl = "http://127.0.0.1:" + dead;

    assertThat(cli.run("jobs", "--url", wm.baseUrl() + "," + deadUrl)).isEqualTo(3);

    String self = "localhost:" + wm.getPort();
    assertThat(cli.out()).startsWith("NODE ")
        .containsPattern(self + " +labbot +finished +myjob-1 +pages");
    assertThat(cli.err()).startsWith("scrapyd4j: 127.0.0.1:" + dead + ": ");
    assertThat(cli.err().lines()).hasSize(1);

    assertThat(cli.run("jobs", "--url", wm.baseUrl() + "," + deadUrl, "--json")).isEqualTo(3);
    JsonNode j = json(cli.out());
    assertThat(j.get("nodes").get(self).get("jobs").size()).isEqualTo(2);
    assertThat(j.get("failures").get("127.0.0.1:" + dead).get("error").asText())
        .isIn("ScrapydConnectionException", "NodeUnavailableException");
  }

  @Test
  void jobsOnTwoNodesWhereOneRejectsExitsOne() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_running").response()));
    wm2.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_noproject_param").response()));

    assertThat(cli.run("jobs", "-p", "labbot", "--url", wm.baseUrl() + "," + wm2.baseUrl()))
        .isEqualTo(1);

    assertThat(cli.out()).contains("slow-1");
    assertThat(cli.err()).startsWith("scrapyd4j: localhost:" + wm2.getPort() + ": ");
    wm2.verify(getRequestedFor(urlPathEqualTo("/listjobs.json"))
        .withQueryParam("project", equalTo("labbot")));
  }

  @Test
  void statusPrintsTheStateAndSendsJobAndProject() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_project").response()));

    assertThat(cli.run("status", "--url", wm.baseUrl(), "ver-1", "-p", "labbot")).isZero();

    assertThat(cli.out()).containsPattern("JOB +STATE\nver-1 +\\w+\n");
    wm.verify(getRequestedFor(urlPathEqualTo("/status.json"))
        .withQueryParam("job", equalTo("ver-1")).withQueryParam("project", equalTo("labbot")));

    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));
    assertThat(cli.run("status", "--url", wm.baseUrl(), "myjob-1", "--json")).isZero();
    JsonNode j = json(cli.out());
    assertThat(j.get("state").asText()).isEqualTo("finished");
    assertThat(j.get("job").asText()).isEqualTo("myjob-1");
  }

  @Test
  void statusOfAnUnknownJobExitsOne() {
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_unknown").response()));

    assertThat(cli.run("status", "--url", wm.baseUrl(), "nope")).isEqualTo(1);

    assertThat(cli.out()).containsPattern("nope +unknown");
    assertThat(cli.err().strip()).isEqualTo("scrapyd4j: no job nope");
  }

  @Test
  void statusOnAScrapydWithoutStatusJsonLooksInTheProjectsJobs() {
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("notfound_endpoint").response()));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));

    assertThat(cli.run("status", "--url", wm.baseUrl(), "myjob-1", "-p", "labbot")).isZero();

    assertThat(cli.out()).containsPattern("myjob-1 +finished");
  }

  @Test
  void credentialsComeFromTheEnvironmentAndAreSentPreemptively() {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));
    cli.environment.put("SCRAPYD_USERNAME", "scrapyd4j");
    cli.environment.put("SCRAPYD_PASSWORD", "s3cr:et%pw");

    assertThat(cli.run("projects", "--url", wm.baseUrl())).isZero();

    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "scrapyd4j:s3cr:et%pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    wm.verify(getRequestedFor(urlPathEqualTo("/listprojects.json"))
        .withHeader("Authorization", equalTo(basic)));
  }

  @Test
  void refusedCredentialsSayWhereToGiveThemWithoutThePassword() {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("auth_bad").response()));

    assertThat(cli.run("projects", "--url", wm.baseUrl(), "--username", "u", "--password",
        "hunter2")).isEqualTo(1);

    assertThat(cli.err()).contains("--username/--password").doesNotContain("hunter2");
  }

  @Test
  void targetsListsNameUrlAndProjectButNoPassword() throws Exception {
    cli.scrapyCfg("[settings]\ndefault = labbot.settings\n\n"
        + "[deploy]\nurl = http://localhost:6800/\nproject = labbot\n"
        + "username = admin\npassword = hunter2\n\n"
        + "[deploy:prod]\nurl = https://admin:hunter2@prod.example.com/scrapyd/\n");

    assertThat(cli.run("targets")).isZero();

    assertThat(cli.out()).isEqualTo(
        "NAME     URL                                          PROJECT\n"
        + "default  http://localhost:6800/                       labbot\n"
        + "prod     https://admin:***@prod.example.com/scrapyd/  labbot\n");

    assertThat(cli.run("targets", "--json")).isZero();
    JsonNode j = json(cli.out());
    assertThat(j.get(1).get("name").asText()).isEqualTo("prod");
    assertThat(j.get(0).get("username").asText()).isEqualTo("admin");
    assertThat(cli.out()).doesNotContain("hunter2");
  }

  @Test
  void aTargetGivesTheUrlTheProjectAndTheCredentials() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions").response()));
    cli.scrapyCfg("[deploy:lab]\nurl = " + wm.baseUrl() + "/\nproject = labbot\n"
        + "username = admin\npassword = pw%%1\n");

    assertThat(cli.run("versions", "-t", "lab")).isZero();

    String basic = "Basic " + Base64.getEncoder().encodeToString("admin:pw%1".getBytes());
    wm.verify(getRequestedFor(urlPathEqualTo("/listversions.json"))
        .withQueryParam("project", equalTo("labbot"))
        .withHeader("Authorization", equalTo(basic)));
  }

  @Test
  void anUnknownTargetIsAUsageErrorNamingTheKnownOnes() throws Exception {
    cli.scrapyCfg("[deploy:lab]\nurl = http://localhost:1/\n");

    assertThat(cli.run("projects", "-t", "nope")).isEqualTo(2);

    assertThat(cli.err()).startsWith("scrapyd4j: Unknown target: nope").contains("lab");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(cli.run("projects", "--nope")).isEqualTo(2);
    assertThat(cli.err()).contains("Unknown option: '--nope'");
  }

  @Test
  void aBadUrlIsAUsageErrorThatHidesThePassword() {
    assertThat(cli.run("projects", "--url", "ftp://u:hunter2@x")).isEqualTo(2);
    assertThat(cli.err()).contains("--url must start with http://").doesNotContain("hunter2");
  }

  @Test
  void anUnreachableNodeExitsThreeInOneLine() throws Exception {
    int dead = deadPort();

    assertThat(cli.run("projects", "--url", "http://127.0.0.1:" + dead)).isEqualTo(3);

    assertThat(cli.err().strip()).doesNotContain("\n").startsWith("scrapyd4j: ")
        .contains("pip install scrapyd && scrapyd");
  }

  @Test
  void htmlInsteadOfJsonExitsOne() {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));

    assertThat(cli.run("projects", "--url", wm.baseUrl())).isEqualTo(1);
    assertThat(cli.err().strip()).doesNotContain("\n");
  }
}
