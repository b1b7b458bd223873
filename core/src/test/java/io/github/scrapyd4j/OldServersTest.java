package io.github.scrapyd4j;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.Api.Mode;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.RunningJob;
import io.github.scrapyd4j.testing.Recording;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Answer shapes of Scrapyd before 1.6, as the protocol notes record them (and as Scrapyd 1.2.1 and
 * 1.4.3 were seen to send): fields they lack are optional, the project is filled in.
 */
class OldServersTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ScrapydClient client;

  private Api api(Mode mode) {
    client = ScrapydClient.builder().baseUri(wm.baseUrl()).build();
    return mode.of(client);
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scrapyd12JobsWithoutProjectGetTheRequestedProject(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(
        "{\"status\": \"ok\", \"node_name\": \"old\","
            + " \"pending\": [{\"id\": \"p1\", \"spider\": \"echo\"}],"
            + " \"running\": [{\"id\": \"r1\", \"spider\": \"slow\", \"pid\": 42, \"start_time\": \"2017-04-12 10:00:00.000001\"}],"
            + " \"finished\": [{\"id\": \"f1\", \"spider\": \"echo\", \"start_time\": \"2017-04-12 09:00:00\","
            + " \"end_time\": \"2017-04-12 09:00:01.5\"}]}")));

    JobList jobs = api(mode).listJobs("labbot");

    PendingJob pending = jobs.pending().get(0);
    assertThat(pending.project()).isEqualTo("labbot");
    assertThat(pending.settings()).isEmpty();
    assertThat(pending.args()).isEmpty();
    assertThat(pending.version()).isEmpty();
    RunningJob running = jobs.running().get(0);
    assertThat(running.project()).isEqualTo("labbot");
    assertThat(running.pid()).hasValue(42);
    assertThat(running.logUrl()).isEmpty();
    FinishedJob finished = jobs.finished().get(0);
    assertThat(finished.project()).isEqualTo("labbot");
    assertThat(finished.logUrl()).isEmpty();
    assertThat(finished.itemsUrl()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scrapyd14FinishedJobsHaveLogUrlsRunningOnesDoNot(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(
        "{\"node_name\": \"v14\", \"status\": \"ok\", \"pending\": [{\"project\": \"p\", \"spider\": \"s\", \"id\": \"a\"}],"
            + " \"running\": [{\"project\": \"p\", \"spider\": \"s\", \"id\": \"b\", \"pid\": null,"
            + " \"start_time\": \"2023-09-25 10:00:00.123456\"}],"
            + " \"finished\": [{\"project\": \"p\", \"spider\": \"s\", \"id\": \"c\","
            + " \"start_time\": \"2023-09-25 09:00:00.1\", \"end_time\": \"2023-09-25 09:00:02.2\","
            + " \"log_url\": \"/logs/p/s/c.log\", \"items_url\": \"/items/p/s/c.jl\"}]}")));

    JobList jobs = api(mode).listJobs("p");

    assertThat(jobs.running().get(0).pid()).isEmpty();
    assertThat(jobs.running().get(0).logUrl()).isEmpty();
    assertThat(jobs.finished().get(0).logUrl()).contains(URI.create(wm.baseUrl() + "/logs/p/s/c.log"));
    assertThat(jobs.finished().get(0).itemsUrl()).contains(URI.create(wm.baseUrl() + "/items/p/s/c.jl"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void answerWithoutNodeNameIsNamedAfterTheAddress(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.json("{\"status\": \"ok\", \"projects\": [\"a\", \"b\"]}")));

    assertThat(api(mode).listProjects().nodeName()).isEqualTo(URI.create(wm.baseUrl()).getAuthority());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unknownFieldsAndKeyOrderDoNotMatter(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
        "{\"node_name\": \"n\", \"status\": \"ok\", \"finished\": 3, \"future_field\": {\"x\": [1]},"
            + " \"running\": 2, \"pending\": 1}")));

    assertThat(api(mode).daemonStatus().load()).isEqualTo(3);
  }
}
