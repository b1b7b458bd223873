package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Project and spider patterns in {@code schedule} and {@code spiders}, as scrapyd-client has. */
class PatternCommandsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path temp;

  CliTestSupport cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response())); // labbot
    wm.stubFor(get(urlPathEqualTo("/listspiders.json"))
        .willReturn(Recording.load("listspiders").response())); // boom, echo, pages, slow
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response()));
  }

  private String scheduledSpiders() {
    return wm.findAll(postRequestedFor(urlPathEqualTo("/schedule.json"))).stream()
        .map(r -> Forms.decode(r.getBodyAsString()).stream()
            .filter(e -> e.getKey().equals("spider")).findFirst().orElseThrow().getValue())
        .collect(Collectors.joining(","));
  }

  @Test
  void aSpiderPatternSchedulesEveryMatchOnce() {
    assertThat(cli.run("schedule", "-p", "lab*", "[be]*", "--arg", "k=v", "--url", wm.baseUrl()))
        .isZero();

    assertThat(scheduledSpiders()).isEqualTo("boom,echo");
    assertThat(cli.out()).containsPattern("labbot +boom +7e5980b6e76b11f1a91702fc00000001")
        .containsPattern("labbot +echo +7e5980b6e76b11f1a91702fc00000001");
    wm.verify(2, postRequestedFor(urlPathEqualTo("/schedule.json"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("k=v")));
  }

  @Test
  void asJsonEachScheduledJobIsAnObject() throws Exception {
    assertThat(cli.run("schedule", "-p", "labbot", "*", "--json", "--url", wm.baseUrl())).isZero();

    JsonNode jobs = new ObjectMapper().readTree(cli.out());
    assertThat(jobs.size()).isEqualTo(4);
    assertThat(jobs.get(3).get("job_id").asText()).isEqualTo("7e5980b6e76b11f1a91702fc00000001");
  }

  @Test
  void oneMatchBehavesAsAPlainName() {
    assertThat(cli.run("schedule", "-p", "labbot", "ec*", "--url", wm.baseUrl())).isZero();

    assertThat(cli.out()).isEqualTo("7e5980b6e76b11f1a91702fc00000001\n");
    assertThat(scheduledSpiders()).isEqualTo("echo");
  }

  @Test
  void aFailingMatchDoesNotStopTheOthersAndExitsOne() {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("spider=pages"))
        .willReturn(Recording.load("schedule_badspider").response()));

    assertThat(cli.run("schedule", "-p", "labbot", "*", "--url", wm.baseUrl())).isEqualTo(1);

    assertThat(scheduledSpiders()).isEqualTo("boom,echo,pages,slow"); // each once, none retried
    assertThat(cli.out()).containsPattern("labbot +pages +failed");
    assertThat(cli.err()).startsWith("scrapyd4j: labbot/pages: schedule.json on vm")
        .endsWith("failed: spider 'nosuch' not found\n");
  }

  @Test
  void waitJobidOrNothingMatchingAreRefusedBeforeScheduling() {
    assertThat(cli.run("schedule", "-p", "labbot", "*", "--wait", "--url", wm.baseUrl()))
        .isEqualTo(2);
    assertThat(cli.err()).startsWith("scrapyd4j: --wait, --follow and --jobid need one spider,"
        + " but labbot * matches 4");
    assertThat(cli.run("schedule", "-p", "labbot", "*", "--jobid", "j", "--url", wm.baseUrl()))
        .isEqualTo(2);
    assertThat(cli.run("schedule", "-p", "nosuch*", "*", "--url", wm.baseUrl())).isEqualTo(1);
    assertThat(cli.err()).startsWith("scrapyd4j: no spider matches * in a project matching nosuch*");
    assertThat(cli.run("schedule", "-p", "labbot", "*", "--url", wm.baseUrl() + ","
        + wm.baseUrl().replace("localhost", "127.0.0.1"))).isEqualTo(2);
    assertThat(cli.err()).contains("patterns need one node");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/schedule.json")));
  }

  @Test
  void spidersWithAProjectPatternListsEachMatchingProject() throws Exception {
    assertThat(cli.run("spiders", "-p", "*", "--url", wm.baseUrl())).isZero();
    assertThat(cli.out()).startsWith("PROJECT  SPIDER\n").containsPattern("labbot +slow\n");

    assertThat(cli.run("spiders", "-p", "l?bbot", "--json", "--url", wm.baseUrl())).isZero();
    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertThat(j.get(0).get("project").asText()).isEqualTo("labbot");
    assertThat(j.get(0).get("spiders").size()).isEqualTo(4);
    wm.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlPathEqualTo("/listspiders.json")).withQueryParam("project", equalTo("labbot")));

    assertThat(cli.run("spiders", "-p", "nosuch*", "--url", wm.baseUrl())).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("scrapyd4j: no project matches nosuch*\n");
  }

  @Test
  void aBadPatternIsAUsageErrorNamingTheArgumentBeforeAnyRequest() {
    assertThat(cli.run("schedule", "-p", "lab[z-a]*", "*", "--url", wm.baseUrl())).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("scrapyd4j: -p: pattern 'lab[z-a]*' holds the reversed range"
        + " z-a, which matches nothing: write a-z\n");

    assertThat(cli.run("schedule", "-p", "labbot", "[9-0]", "--url", wm.baseUrl())).isEqualTo(2);
    assertThat(cli.err()).startsWith("scrapyd4j: SPIDER: pattern '[9-0]'");

    assertThat(cli.run("spiders", "-p", "[b-a]", "--url", wm.baseUrl())).isEqualTo(2);
    assertThat(cli.err()).startsWith("scrapyd4j: -p: pattern '[b-a]'");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
