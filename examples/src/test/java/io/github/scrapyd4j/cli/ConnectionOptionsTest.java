package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConnectionOptionsTest {
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

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aUrlTakesCredentialsFromNetrcByHost() throws Exception {
    Path netrc = cli.home.resolve(".netrc");
    Files.writeString(netrc, "machine localhost login ops password n3trc\n");
    Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));

    assertThat(cli.run("projects", "--url", wm.baseUrl())).isZero();

    wm.verify(getRequestedFor(urlPathEqualTo("/listprojects.json"))
        .withHeader("Authorization", equalTo(basic("ops", "n3trc"))));
  }

  @Test
  void theEnvironmentBeatsTheTargetsCredentialsAndOptionsBeatTheEnvironment() throws Exception {
    cli.scrapyCfg("[deploy]\nurl = " + wm.baseUrl() + "\nproject = labbot\n"
        + "username = cfg\npassword = cfgpw\n");
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));
    cli.environment.put("SCRAPYD_USERNAME", "env");
    cli.environment.put("SCRAPYD_PASSWORD", "envpw");

    assertThat(cli.run("projects")).isZero();
    assertThat(cli.run("projects", "--username", "opt", "--password", "optpw")).isZero();

    var requests = wm.findAll(getRequestedFor(urlPathEqualTo("/listprojects.json")));
    assertThat(requests.get(0).getHeader("Authorization")).isEqualTo(basic("env", "envpw"));
    assertThat(requests.get(1).getHeader("Authorization")).isEqualTo(basic("opt", "optpw"));
  }

  @Test
  void aPasswordWithoutAUserIsAUsageError() {
    assertThat(cli.run("projects", "--url", wm.baseUrl(), "--password", "x")).isEqualTo(2);
    assertThat(cli.err().strip())
        .isEqualTo("scrapyd4j: --password needs --username (or SCRAPYD_USERNAME)");
  }

  @Test
  void dashCFindsScrapyCfgInAnotherFolder() throws Exception {
    Path project = Files.createDirectories(temp.resolve("elsewhere/deep"));
    Files.writeString(temp.resolve("elsewhere/scrapy.cfg"),
        "[deploy:there]\nurl = " + wm.baseUrl() + "\nproject = labbot\n");

    assertThat(cli.run("targets", "-C", project.toString())).isZero();

    assertThat(cli.out()).containsPattern("there +" + wm.baseUrl() + " +labbot");
  }

  @Test
  void withoutScrapyCfgOrUrlTheDefaultIsLocalhost6800() throws Exception {
    CliTestSupport probe = new CliTestSupport(temp);
    ConnectionOptions options = new ConnectionOptions();
    var endpoints = options.endpoints(new Scrapyd4jCommand.Env(System.out, System.err,
        probe.environment, probe.home, probe.workDir));
    assertThat(endpoints).hasSize(1);
    assertThat(endpoints.get(0).uri.toString()).isEqualTo("http://localhost:6800");
    assertThat(endpoints.get(0).id).isEqualTo("localhost:6800");
  }

  @Test
  void twoUrlsOnTheSameHostAndPortAreNumberedNodes() {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));

    assertThat(cli.run("projects", "--url", wm.baseUrl() + "/," + wm.baseUrl() + "/")).isZero();

    assertThat(cli.out()).isEqualTo("NODE    PROJECT\nnode-1  labbot\nnode-2  labbot\n");
  }

  @Test
  void statusOnTwoNodesShowsTheNodeThatHasTheJob() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_unknown").response()));
    wm2.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));

    assertThat(cli.run("status", "myjob-1", "--url", wm.baseUrl() + "," + wm2.baseUrl()))
        .isZero();

    assertThat(cli.out()).isEqualTo(
        "NODE             JOB      STATE\nlocalhost:" + wm2.getPort() + "  myjob-1  finished\n");

    assertThat(cli.run("status", "myjob-1", "--url", wm.baseUrl() + "," + wm2.baseUrl(),
        "--json")).isZero();
    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertThat(j.get("nodes").get("localhost:" + wm.getPort()).get("state").isNull()).isTrue();
    assertThat(j.get("nodes").get("localhost:" + wm2.getPort()).get("state").asText())
        .isEqualTo("finished");
  }

  @Test
  void cancelOnTwoNodesCancelsWhereTheJobRuns() {
    String running = "{\"pending\": [], \"running\": [{\"id\": \"slow-1\", \"project\": \"labbot\","
        + " \"spider\": \"slow\", \"pid\": 1, \"start_time\": \"2026-11-23 18:27:19.221008\"}],"
        + " \"finished\": [], \"status\": \"ok\", \"node_name\": \"b\"}";
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response()));
    wm2.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(running)));
    wm.stubFor(post(urlPathEqualTo("/cancel.json"))
        .willReturn(Recording.load("cancel_unknown").response()));
    wm2.stubFor(post(urlPathEqualTo("/cancel.json"))
        .willReturn(Recording.load("cancel_running").response()));

    assertThat(cli.run("cancel", "-p", "labbot", "slow-1", "--url",
        wm.baseUrl() + "," + wm2.baseUrl())).as(cli.err()).isZero();

    assertThat(cli.out()).contains("localhost:" + wm2.getPort()).containsPattern("slow-1 +running");
    wm2.verify(postRequestedFor(urlPathEqualTo("/cancel.json")));
  }

  @Test
  void versionPrintsTheToolName() {
    assertThat(cli.run("--version")).isZero();
    assertThat(cli.out()).startsWith("scrapyd4j ");
  }
}
