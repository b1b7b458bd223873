package io.github.scrapyd4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.Api.Mode;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.Recording;
import io.github.scrapyd4j.testing.TestEggs;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Read-only calls are retried after transport failures; calls that change state never are. */
class RetryTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final RetryPolicy FAST = RetryPolicy.builder()
      .maxAttempts(3)
      .initialBackoff(Duration.ofMillis(10))
      .maxBackoff(Duration.ofMillis(50))
      .build();

  private ScrapydClient client;

  private Api api(Mode mode) {
    client = ScrapydClient.builder()
        .baseUri(wm.baseUrl())
        .requestTimeout(Duration.ofMillis(400))
        .retryPolicy(FAST)
        .build();
    return mode.of(client);
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  private static int requests() {
    return wm.findAll(anyRequestedFor(anyUrl())).size();
  }

  /** Fails the first {@code failures} requests to a path with a fault, then answers. */
  private static void flaky(String path, boolean postMethod, int failures, Fault fault, String recording) {
    String scenario = "flaky " + path;
    String state = STARTED;
    for (int i = 1; i <= failures; i++) {
      String next = "failed " + i;
      wm.stubFor((postMethod ? post(urlPathEqualTo(path)) : get(urlPathEqualTo(path)))
          .inScenario(scenario).whenScenarioStateIs(state)
          .willReturn(aResponse().withFault(fault)).willSetStateTo(next));
      state = next;
    }
    wm.stubFor((postMethod ? post(urlPathEqualTo(path)) : get(urlPathEqualTo(path)))
        .inScenario(scenario).whenScenarioStateIs(state)
        .willReturn(Recording.load(recording).response()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void readOnlyCallIsRetriedAfterAConnectionResetAndSucceeds(Mode mode) {
    flaky("/listjobs.json", false, 2, Fault.CONNECTION_RESET_BY_PEER, "listjobs");

    assertThat(api(mode).listJobs("labbot").finished()).hasSize(2);
    // The JDK HttpClient may itself resend a GET once when a pooled connection is reset.
    assertThat(requests()).isBetween(3, 6);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void readOnlyCallIsRetriedAfterATimeout(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).inScenario("slow").whenScenarioStateIs(STARTED)
        .willReturn(Recording.load("daemonstatus_busy").response().withFixedDelay(2000))
        .willSetStateTo("fast"));
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(Recording.load("daemonstatus_busy").response()));

    assertThat(api(mode).daemonStatus().running()).isEqualTo(1);
    assertThat(requests()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesStopAtMaxAttemptsAndThrowTheLastFailure(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response().withFixedDelay(1500)));

    assertThatThrownBy(() -> api(mode).listProjects()).isInstanceOf(ScrapydTimeoutException.class);
    assertThat(requests()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scheduleIsNeverRetriedEvenWhenTheConnectionBroke(Mode mode) {
    flaky("/schedule.json", true, 1, Fault.CONNECTION_RESET_BY_PEER, "schedule_ok");

    assertThatThrownBy(() -> api(mode).schedule(ScheduleRequest.of("labbot", "echo")))
        .isInstanceOfSatisfying(ScrapydScheduleOutcomeUnknownException.class,
            e -> assertThat(e.getCause()).isInstanceOf(ScrapydConnectionException.class));
    assertThat(requests()).as("one attempt only: a second could start the crawl twice").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scheduleIsNeverRetriedAfterATimeout(Mode mode) {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response().withFixedDelay(1500)));
    try (ScrapydClient shortTimeout = ScrapydClient.builder().baseUri(wm.baseUrl())
        .spiderListingTimeout(Duration.ofMillis(300)).retryPolicy(FAST).build()) {
      assertThatThrownBy(() -> mode.of(shortTimeout).schedule(ScheduleRequest.of("labbot", "echo")))
          .isInstanceOfSatisfying(ScrapydScheduleOutcomeUnknownException.class, e -> {
            assertThat(e.mayHaveReachedServer()).isTrue();
            assertThat(e.getCause()).isInstanceOf(ScrapydTimeoutException.class);
          });
    }
    assertThat(requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void otherStateChangingCallsAreNeverRetried(Mode mode) {
    Api api = api(mode);
    for (String path : new String[] {"/addversion.json", "/cancel.json", "/delversion.json", "/delproject.json"}) {
      wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }
    assertThatThrownBy(() -> api.addVersion("p", "1", TestEggs.minimal())).isInstanceOf(ScrapydConnectionException.class);
    assertThatThrownBy(() -> api.cancel("p", "j")).isInstanceOf(ScrapydConnectionException.class);
    assertThatThrownBy(() -> api.delVersion("p", "1")).isInstanceOf(ScrapydConnectionException.class);
    assertThatThrownBy(() -> api.delProject("p")).isInstanceOf(ScrapydConnectionException.class);
    assertThat(requests()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void errorsScrapydReportsAreNotRetried(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listspiders.json")).willReturn(Recording.load("listspiders_noproject").response()));

    assertThatThrownBy(() -> api(mode).listSpiders("nosuch")).isInstanceOf(ScrapydApiException.class);
    assertThat(requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void httpErrorsAreNotRetried(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> api(mode).listProjects()).isInstanceOf(ScrapydHttpException.class);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void backoffGrowsExponentiallyUpToTheCapAndJitterOnlyShortensIt() {
    RetryPolicy policy = RetryPolicy.builder()
        .initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofMillis(1000))
        .multiplier(3)
        .jitter(0.5)
        .build();

    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(300));
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(900));
    assertThat(policy.backoff(4, 0.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(2, 0.999999)).isBetween(Duration.ofMillis(150), Duration.ofMillis(151));
    assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(225));
  }

  @Test
  void policyDefaultsAndValidation() {
    RetryPolicy defaults = RetryPolicy.defaults();
    assertThat(defaults.maxAttempts()).isEqualTo(3);
    assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .hasMessageContaining("maxAttempts must be 1 or more");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build())
        .hasMessageContaining("jitter must be from 0 to 1");
    assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5).build())
        .hasMessageContaining("multiplier must be 1 or more");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10)).build())
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> defaults.backoff(0, 0.1)).hasMessageContaining("retry must be 1 or more");
  }
}
