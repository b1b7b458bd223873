package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WriteCommandsTest {
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

  static List<Map.Entry<String, String>> form(WireMockExtension server, String path) {
    List<LoggedRequest> requests = server.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(path)));
    assertThat(requests).hasSize(1);
    return Forms.decode(requests.get(0).getBodyAsString());
  }

  @Test
  void schedulePrintsTheJobIdAndSendsArgsSettingsPriorityJobIdAndVersion() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_jobid").response()));

    assertThat(cli.run("schedule", "--url", wm.baseUrl(), "-p", "labbot", "pages",
        "--arg", "uni=héllo wörld", "--arg", "q=a=b", "--setting", "DOWNLOAD_DELAY=2",
        "--arg", "setting=USER_AGENT=lab/1.0", "--priority", "5", "--jobid", "myjob-1",
        "--version", "r2")).isZero();

    assertThat(cli.out()).isEqualTo("myjob-1\n");
    assertThat(cli.err()).isEmpty();
    assertThat(form(wm, "/schedule.json")).containsExactlyInAnyOrder(
        entry("project", "labbot"), entry("spider", "pages"), entry("uni", "héllo wörld"),
        entry("q", "a=b"), entry("setting", "USER_AGENT=lab/1.0"),
        entry("setting", "DOWNLOAD_DELAY=2"), entry("priority", "5"),
        entry("jobid", "myjob-1"), entry("_version", "r2"));
  }

  @Test
  void scheduleAsJsonHasTheJobIdAndNode() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response()));

    assertThat(cli.run("schedule", "--url", wm.baseUrl(), "-p", "labbot", "echo", "--json"))
        .isZero();

    JsonNode j = json(cli.out());
    assertThat(j.get("job_id").asText()).isEqualTo("7e5980b6e76b11f1a91702fc00000001");
    assertThat(j.get("node_name").asText()).isEqualTo("vm");
    assertThat(j.get("spider").asText()).isEqualTo("echo");
    // core gives every job an id before sending it (jobid), so an unanswered schedule can be found
    assertThat(form(wm, "/schedule.json")).hasSize(3).startsWith(
        entry("project", "labbot"), entry("spider", "echo"));
    assertThat(form(wm, "/schedule.json").get(2).getKey()).isEqualTo("jobid");
  }

  @Test
  void scheduleOfAnUnknownSpiderExitsOneWithScrapydsMessage() {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_badspider").response()));

    assertThat(cli.run("schedule", "--url", wm.baseUrl(), "-p", "labbot", "nosuch")).isEqualTo(1);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().strip()).startsWith("scrapyd4j: schedule.json on ")
        .endsWith("spider 'nosuch' not found").doesNotContain("\n");
  }

  @Test
  void scheduleWithAReservedArgumentNameIsAUsageErrorAndSendsNothing() {
    assertThat(cli.run("schedule", "--url", wm.baseUrl(), "-p", "labbot", "echo",
        "--arg", "jobid=x")).isEqualTo(2);
    assertThat(cli.err()).contains("jobid");
    assertThat(wm.getAllServeEvents()).isEmpty();

    assertThat(cli.run("schedule", "--url", wm.baseUrl(), "-p", "labbot", "echo",
        "--arg", "novalue")).isEqualTo(2);
    assertThat(cli.err()).contains("--arg needs NAME=VALUE");
  }

  @Test
  void scheduleOnTwoNodesPlacesOnTheLeastLoaded() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.json("{\"status\":\"ok\",\"node_name\":\"a\",\"pending\":3,"
            + "\"running\":2,\"finished\":0}")));
    wm2.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.json("{\"status\":\"ok\",\"node_name\":\"b\",\"pending\":0,"
            + "\"running\":1,\"finished\":0}")));
    wm2.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_jobid").response()));

    assertThat(cli.run("schedule", "--url", wm.baseUrl() + "," + wm2.baseUrl(),
        "-p", "labbot", "pages", "--jobid", "myjob-1")).isZero();

    String second = "localhost:" + wm2.getPort();
    assertThat(cli.out()).containsPattern("NODE +JOB\n" + second + " +myjob-1\n");
    assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/schedule.json")))).isEmpty();
    assertThat(form(wm2, "/schedule.json")).contains(entry("jobid", "myjob-1"));
  }

  @Test
  void scheduleOnAllNodesSendsOneJobIdEverywhere() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_jobid").response()));
    wm2.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_jobid").response()));

    assertThat(cli.run("schedule", "--url", wm.baseUrl() + "," + wm2.baseUrl(),
        "-p", "labbot", "pages", "--place", "all", "--json")).isZero();

    String jobId = form(wm, "/schedule.json").stream().filter(e -> e.getKey().equals("jobid"))
        .findFirst().orElseThrow().getValue();
    assertThat(form(wm2, "/schedule.json")).contains(entry("jobid", jobId));
    JsonNode j = json(cli.out());
    assertThat(j.get("nodes").size()).isEqualTo(2);
    assertThat(j.get("failures").size()).isZero();
  }

  @Test
  void aBadPlaceIsAUsageError() {
    assertThat(cli.run("schedule", "--url", wm.baseUrl(), "-p", "labbot", "echo",
        "--place", "anywhere")).isEqualTo(2);
    assertThat(cli.err()).contains("least-loaded, round-robin or all");
  }

  @Test
  void cancelSendsTheSignalAndPrintsThePreviousState() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/cancel.json"))
        .willReturn(Recording.load("cancel_running").response()));

    assertThat(cli.run("cancel", "--url", wm.baseUrl(), "-p", "labbot", "slow-1",
        "--signal", "sigkill")).isZero();

    assertThat(cli.out()).containsPattern("JOB +WAS\nslow-1 +running\n");
    assertThat(form(wm, "/cancel.json")).containsExactly(
        entry("project", "labbot"), entry("job", "slow-1"), entry("signal", "KILL"));
  }

  @Test
  void cancelWithASignalNumberAsJson() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/cancel.json"))
        .willReturn(Recording.load("cancel_running").response()));

    assertThat(cli.run("cancel", "--url", wm.baseUrl(), "-p", "labbot", "slow-1",
        "--signal", "9", "--json")).isZero();

    JsonNode j = json(cli.out());
    assertThat(j.get("previous_state").asText()).isEqualTo("running");
    assertThat(j.get("signal").asText()).isEqualTo("9");
    assertThat(form(wm, "/cancel.json")).contains(entry("signal", "9"));
  }

  @Test
  void cancelOfAnUnknownJobExitsOne() {
    wm.stubFor(post(urlPathEqualTo("/cancel.json"))
        .willReturn(Recording.load("cancel_unknown").response()));

    assertThat(cli.run("cancel", "--url", wm.baseUrl(), "-p", "labbot", "nosuchjob"))
        .isEqualTo(1);

    assertThat(cli.out()).containsPattern("nosuchjob +not pending or running");
    assertThat(cli.err().strip())
        .isEqualTo("scrapyd4j: no pending or running job nosuchjob in project labbot");
    assertThat(form(wm, "/cancel.json")).containsExactly(
        entry("project", "labbot"), entry("job", "nosuchjob"));
  }

  @Test
  void aBadSignalIsAUsageError() {
    assertThat(cli.run("cancel", "--url", wm.baseUrl(), "-p", "labbot", "j", "--signal", "ki ll"))
        .isEqualTo(2);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void delversionSendsProjectAndVersion() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/delversion.json"))
        .willReturn(Recording.load("delversion_ok").response()));

    assertThat(cli.run("delversion", "--url", wm.baseUrl(), "-p", "labbot", "r1")).isZero();

    assertThat(cli.out()).isEqualTo("Deleted version r1 of project labbot.\n");
    assertThat(form(wm, "/delversion.json")).containsExactly(
        entry("project", "labbot"), entry("version", "r1"));

    wm.resetRequests();
    assertThat(cli.run("delversion", "--url", wm.baseUrl(), "-p", "labbot", "r1", "--json"))
        .isZero();
    assertThat(json(cli.out()).get("deleted").asBoolean()).isTrue();
  }

  @Test
  void delversionOfAMissingVersionExitsOne() {
    wm.stubFor(post(urlPathEqualTo("/delversion.json"))
        .willReturn(Recording.load("delversion_missing").response()));

    assertThat(cli.run("delversion", "--url", wm.baseUrl(), "-p", "labbot", "nope")).isEqualTo(1);
    assertThat(cli.err()).startsWith("scrapyd4j: delversion.json on ");
  }

  @Test
  void delprojectOnTwoNodesReportsEach() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/delproject.json"))
        .willReturn(Recording.load("delproject_ok").response()));
    wm2.stubFor(post(urlPathEqualTo("/delproject.json"))
        .willReturn(Recording.load("delproject_missing").response()));

    assertThat(cli.run("delproject", "--url", wm.baseUrl() + "," + wm2.baseUrl(),
        "-p", "mintest")).isEqualTo(1);

    assertThat(cli.out()).isEqualTo(
        "Deleted project mintest on localhost:" + wm.getPort() + ".\n");
    assertThat(cli.err()).startsWith("scrapyd4j: localhost:" + wm2.getPort() + ": ");
    assertThat(form(wm, "/delproject.json")).containsExactly(entry("project", "mintest"));
    assertThat(form(wm2, "/delproject.json")).containsExactly(entry("project", "mintest"));
  }
}
