package io.github.scrapyd4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.Api.Mode;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the client does when the node misbehaves, on both paths: each fault has its own type. */
class FaultsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ScrapydClient client;

  private Api api(Mode mode) {
    client = ScrapydClient.builder()
        .baseUri(wm.baseUrl())
        .requestTimeout(Duration.ofMillis(500))
        .retryPolicy(RetryPolicy.none())
        .build();
    return mode.of(client);
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void connectionRefusedIsAConnectionErrorThatNeverReachedTheServer(Mode mode) throws IOException {
    int port = closedPort();
    try (ScrapydClient refused = ScrapydClient.builder().baseUri("http://127.0.0.1:" + port)
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> mode.of(refused).schedule(ScheduleRequest.of("p", "s")))
          .isInstanceOfSatisfying(ScrapydConnectionException.class, e -> {
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage())
                .contains("schedule.json on http://127.0.0.1:" + port + "/")
                .contains("could not connect")
                .contains("is Scrapyd running there?");
            assertThat(e.baseUri()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(port));
          });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unknownHostIsAConnectionErrorThatNeverReachedTheServer(Mode mode) {
    try (ScrapydClient unknown = ScrapydClient.builder().baseUri("http://no-such-host.invalid:6800")
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> mode.of(unknown).daemonStatus())
          .isInstanceOfSatisfying(ScrapydConnectionException.class, e -> {
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.getMessage()).contains("no-such-host.invalid");
          });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void connectionResetIsAConnectionErrorThatMayHaveReachedTheServer(Mode mode) {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> api(mode).schedule(ScheduleRequest.of("p", "s")))
        .isInstanceOfSatisfying(ScrapydScheduleOutcomeUnknownException.class, e -> {
          assertThat(e.mayHaveReachedServer()).isTrue();
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getCause()).isInstanceOf(ScrapydConnectionException.class);
          String sent = Forms.decode(wm.getAllServeEvents().get(0).getRequest().getBodyAsString())
              .stream().filter(f -> f.getKey().equals("jobid")).findFirst().get().getValue();
          assertThat(e.jobId()).isEqualTo(sent).matches("[0-9a-f]{32}");
          assertThat(e.getMessage()).contains("schedule of job " + sent).contains("look job")
              .contains("the connection broke").contains("may have received")
              .contains("not retried");
        });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closedWithoutAnswerIsAConnectionError(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertThatThrownBy(() -> api(mode).listJobs())
        .isInstanceOfSatisfying(ScrapydConnectionException.class,
            e -> assertThat(e.mayHaveReachedServer()).isTrue());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void answerSlowerThanTheRequestTimeoutIsATimeout(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response().withFixedDelay(3000)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> api(mode).daemonStatus())
        .isInstanceOfSatisfying(ScrapydTimeoutException.class, e -> {
          assertThat(e.isConnectTimeout()).isFalse();
          assertThat(e.mayHaveReachedServer()).isTrue();
          assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
          assertThat(e.getMessage()).contains("no complete answer within 500 ms");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void spiderListingCallsWaitLongerThanTheRequestTimeout(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listspiders.json"))
        .willReturn(Recording.load("listspiders").response().withFixedDelay(800)));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response().withFixedDelay(800)));

    Api api = api(mode); // request timeout 500 ms, spider listing timeout 3 minutes (default)

    assertThat(api.listSpiders("labbot").spiders()).hasSize(4);
    assertThatThrownBy(() -> api.listJobs("labbot")).isInstanceOf(ScrapydTimeoutException.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notFoundHtmlPageIsAnHttpErrorWithTheBody(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json")).willReturn(Recording.load("notfound_endpoint").response()));

    assertThatThrownBy(() -> api(mode).listProjects())
        .isInstanceOfSatisfying(ScrapydHttpException.class, e -> {
          assertThat(e).isNotInstanceOf(ScrapydAuthenticationException.class);
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.body()).contains("No Such Resource");
          assertThat(e.getMessage()).contains("listprojects.json").contains("HTTP 404");
        });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void serverErrorBodyIsCappedInTheException(Mode mode) {
    String huge = "x".repeat(100_000);
    wm.stubFor(get(urlPathEqualTo("/listprojects.json")).willReturn(aResponse().withStatus(502).withBody(huge)));

    assertThatThrownBy(() -> api(mode).listProjects())
        .isInstanceOfSatisfying(ScrapydHttpException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.body()).hasSizeLessThanOrEqualTo(ScrapydHttpException.MAX_BODY_CHARS + 3);
          assertThat(e.getMessage()).hasSizeLessThan(600);
        });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void redirectIsNotFollowedAndNamesTheTarget(Mode mode) {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(aResponse().withStatus(301).withHeader("Location", "https://secure.example/schedule.json")));

    assertThatThrownBy(() -> api(mode).schedule(ScheduleRequest.of("p", "s")))
        .isInstanceOfSatisfying(ScrapydHttpException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(301);
          assertThat(e.getMessage()).contains("redirected to https://secure.example/schedule.json");
        });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void pythonTracebackWithDebugOnIsAMalformedResponse(Mode mode) {
    String traceback = "Traceback (most recent call last):\n  File \"/srv/scrapyd/src/scrapyd/webservice.py\", "
        + "line 48, in render\n    return JsonResource.render(self, txrequest).encode('utf-8')\n"
        + "KeyError: 'project'\n";
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(traceback)));

    assertThatThrownBy(() -> api(mode).schedule(ScheduleRequest.of("p", "s")))
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class, e -> {
          assertThat(e.getMessage()).contains("Python traceback").contains("debug = on")
              .contains("KeyError: 'project'");
          assertThat(e.body()).isEqualTo(traceback);
        });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void htmlPageWithStatus200IsAMalformedResponse(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("jobs_html").response()));

    assertThatThrownBy(() -> api(mode).listJobs())
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class,
            e -> assertThat(e.getMessage()).contains("HTML page instead of JSON"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void truncatedJsonIsAMalformedResponse(Mode mode) {
    String full = Recording.load("listjobs").bodyText();
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(aResponse().withStatus(200).withBody(full.substring(0, full.length() / 2))));

    assertThatThrownBy(() -> api(mode).listJobs("labbot"))
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class,
            e -> assertThat(e.getMessage()).contains("invalid JSON"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void emptyBodyIsAMalformedResponse(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(aResponse().withStatus(200)));

    assertThatThrownBy(() -> api(mode).daemonStatus())
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class,
            e -> assertThat(e.getMessage()).contains("empty body"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void jsonOfTheWrongShapeIsAMalformedResponseNamingTheField(Mode mode) {
    Api api = api(mode);
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.json("{\"status\": \"ok\", \"node_name\": \"vm\", \"pending\": \"many\"}")));
    assertThatThrownBy(api::daemonStatus)
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class,
            e -> assertThat(e.getMessage()).contains("'pending' is not an integer"));

    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.json("[1, 2]")));
    assertThatThrownBy(api::listJobs)
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class,
            e -> assertThat(e.getMessage()).contains("not an object"));

    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.json("{\"status\": \"maybe\", \"projects\": []}")));
    assertThatThrownBy(api::listProjects)
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class,
            e -> assertThat(e.getMessage()).contains("without status ok or error"));

    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(
        "{\"status\": \"ok\", \"node_name\": \"vm\", \"pending\": [], \"finished\": [], \"running\":"
            + " [{\"id\": \"j\", \"project\": \"p\", \"spider\": \"s\", \"start_time\": \"yesterday\"}]}")));
    assertThatThrownBy(api::listJobs)
        .isInstanceOfSatisfying(ScrapydMalformedResponseException.class,
            e -> assertThat(e.getMessage()).contains("'start_time' is not a date-time: yesterday"));
  }
}
