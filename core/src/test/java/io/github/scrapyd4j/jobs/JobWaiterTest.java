package io.github.scrapyd4j.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.jobs.internal.StateProbe;
import io.github.scrapyd4j.jobs.support.ManualScheduler;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waiting for a job, on a virtual clock: the polls and their backoff are checked exactly, and no
 * test waits for real time to pass.
 */
class JobWaiterTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final JobRef JOB = JobRef.of("p", "s", "j1");
  private static final Polling POLLING = Polling.builder()
      .initialInterval(Duration.ofSeconds(1))
      .maxInterval(Duration.ofSeconds(4))
      .multiplier(2)
      .vanishGrace(Duration.ofSeconds(10))
      .failureTolerance(1)
      .build();

  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  private ScrapydClient client(String url) {
    ScrapydClient c = ScrapydClient.builder().baseUri(url).retryPolicy(RetryPolicy.none()).build();
    toClose.add(c);
    return c;
  }

  private JobWaiter waiter(ScrapydClient client) {
    return Jobs.builder(client).polling(POLLING).scheduler(scheduler).clock(scheduler.clock()).build()
        .waiter();
  }

  private FakeScrapyd fake() {
    FakeScrapyd f = new FakeScrapyd();
    toClose.add(f);
    return f;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static Duration s(double seconds) {
    return Duration.ofMillis((long) (seconds * 1000));
  }

  private static String status(String state) {
    return "{\"currstate\": " + (state == null ? "null" : "\"" + state + "\"")
        + ", \"status\": \"ok\", \"node_name\": \"vm\"}";
  }

  @Test
  void aJobGoingFromPendingToRunningToFinishedEndsTheWaitWithItsListing() {
    String url = "/status.json";
    wm.stubFor(get(urlPathEqualTo(url)).inScenario("job").whenScenarioStateIs(STARTED)
        .willReturn(Recording.json(status("pending"))).willSetStateTo("running"));
    wm.stubFor(get(urlPathEqualTo(url)).inScenario("job").whenScenarioStateIs("running")
        .willReturn(Recording.json(status("running"))).willSetStateTo("finished"));
    wm.stubFor(get(urlPathEqualTo(url)).inScenario("job").whenScenarioStateIs("finished")
        .willReturn(Recording.json(status("finished"))));
    wm.stubFor(get("/listjobs.json?project=p").willReturn(Recording.json("{\"status\": \"ok\", \"node_name\": \"vm\","
        + " \"pending\": [], \"running\": [], \"finished\": [{\"id\": \"j1\", \"project\": \"p\", \"spider\": \"s\","
        + " \"start_time\": \"2026-11-23 18:00:00.5\", \"end_time\": \"2026-11-23 18:00:09.5\","
        + " \"log_url\": \"/logs/p/s/j1.log\", \"items_url\": null}]}")));

    JobCompletion done = scheduler.drive(waiter(client(wm.baseUrl())).awaitAsync(JOB)).join();

    assertThat(done.polls()).isEqualTo(3);
    assertThat(scheduler.delays()).containsExactly(s(1), s(1));
    assertThat(done.waited()).isEqualTo(s(2));
    assertThat(done.nodeName()).isEqualTo("vm");
    assertThat(done.finishedJob()).hasValueSatisfying(f -> assertThat(f.runtime()).isEqualTo(s(9)));
    assertThat(done.job().logUrl()).contains(URI.create(wm.baseUrl() + "/logs/p/s/j1.log"));
    assertThat(done.job().itemsUrl()).isEmpty();
    wm.verify(3, getRequestedFor(urlPathEqualTo(url)).withQueryParam("job", equalTo("j1"))
        .withQueryParam("project", equalTo("p")));
  }

  @Test
  void pollsBackOffWhileTheStateStaysTheSameUpToTheCap() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    CompletableFuture<JobCompletion> wait = waiter(client(fake.url())).awaitAsync(JOB);
    for (int i = 0; i < 5; i++) {
      scheduler.step(wait, 1);
    }
    scheduler.awaitQueued(1); // the sixth poll has answered
    fake.state("j1", "finished");

    JobCompletion done = scheduler.drive(wait).join();

    assertThat(scheduler.delays()).containsExactly(s(1), s(2), s(4), s(4), s(4), s(4));
    assertThat(done.polls()).isEqualTo(7);
    assertThat(done.waited()).isEqualTo(s(19));
  }

  @Test
  void aNodeWithoutStatusJsonIsAskedWithListjobsAndThatIsRemembered() {
    FakeScrapyd fake = fake().withoutStatusJson();
    fake.job("p", "s", "j1", "pending");
    ScrapydClient client = client(fake.url());
    JobWaiter waiter = waiter(client);
    CompletableFuture<JobCompletion> first = waiter.awaitAsync(JOB);
    scheduler.step(first, 1);
    scheduler.awaitQueued(1);
    fake.state("j1", "finished");

    JobCompletion done = scheduler.drive(first).join();
    JobCompletion again = scheduler.drive(waiter.awaitAsync(JOB)).join();

    assertThat(done.finishedJob()).isPresent();
    assertThat(done.job().logUrl()).contains(URI.create(fake.url() + "logs/p/s/j1.log"));
    assertThat(done.polls()).isEqualTo(3);
    assertThat(again.polls()).isEqualTo(1);
    assertThat(fake.count("GET /status.json")).isEqualTo(1);
    assertThat(fake.count("GET /listjobs.json")).isEqualTo(4);
    assertThat(StateProbe.statusSupport(client)).contains(false);
    assertThat(waiter.state(JOB)).contains(JobState.FINISHED);
  }

  @Test
  void aJobTheNodeNeverKnewEndsTheWaitAfterTheGracePeriod() {
    FakeScrapyd fake = fake();

    CompletableFuture<JobCompletion> wait = scheduler.drive(waiter(client(fake.url())).awaitAsync(JOB));

    assertThat(wait).isCompletedExceptionally();
    assertThatThrownBy(wait::join).cause().isInstanceOfSatisfying(JobVanishedException.class, e -> {
      assertThat(e.job()).isEqualTo(JOB);
      assertThat(e.lastSeenState()).isEmpty();
      assertThat(e.getMessage()).contains("job j1 (project p, spider s)")
          .contains("unknown to the node for 10 s").contains("never seen there");
      assertThat(e.nodeName()).contains("fake");
    });
    assertThat(scheduler.delays()).containsExactly(s(1), s(2), s(4), s(3));
    assertThat(scheduler.now()).isEqualTo(java.time.Instant.parse("2026-11-23T18:00:10Z"));
  }

  @Test
  void aRunningJobThatVanishesIsReportedAsLastSeenRunning() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    CompletableFuture<JobCompletion> wait = waiter(client(fake.url())).awaitAsync(JOB);
    scheduler.step(wait, 1);
    scheduler.awaitQueued(1);
    fake.state("j1", null);

    scheduler.drive(wait);

    assertThatThrownBy(wait::join).cause().isInstanceOfSatisfying(JobVanishedException.class, e -> {
      assertThat(e.lastSeenState()).contains(JobState.RUNNING);
      assertThat(e.getMessage()).contains("after it was seen running").contains("finished_to_keep");
    });
  }

  @Test
  void theTimeoutEndsTheWaitWithTheLastStateSeen() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");

    CompletableFuture<JobCompletion> wait =
        scheduler.drive(waiter(client(fake.url())).awaitAsync(JOB, s(10)), 2, 100);

    assertThatThrownBy(wait::join).cause().isInstanceOfSatisfying(JobWaitTimeoutException.class, e -> {
      assertThat(e.timeout()).isEqualTo(s(10));
      assertThat(e.lastSeenState()).contains(JobState.RUNNING);
      assertThat(e.getMessage()).contains("did not finish within 10000 ms").contains("last seen running");
    });
    assertThat(scheduler.now()).isEqualTo(java.time.Instant.parse("2026-11-23T18:00:10Z"));
    assertThat(fake.count("GET /status.json")).isEqualTo(4); // at 0, 1, 3 and 7 s
  }

  @Test
  void cancellingTheFutureStopsThePolling() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    CompletableFuture<JobCompletion> wait = waiter(client(fake.url())).awaitAsync(JOB);
    scheduler.step(wait, 1);
    scheduler.awaitQueued(1);

    wait.cancel(true);
    scheduler.runQueued();

    assertThat(wait).isCancelled();
    assertThat(fake.count("GET /status.json")).isEqualTo(2);
    assertThat(scheduler.queued()).isZero();
  }

  @Test
  void closingTheClientFailsAPendingWaitAtItsNextPoll() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    ScrapydClient client = client(fake.url());
    CompletableFuture<JobCompletion> wait = waiter(client).awaitAsync(JOB);
    scheduler.awaitQueued(1);

    client.close();
    scheduler.drive(wait);

    assertThatThrownBy(wait::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void blockingWaitReturnsOnceTheJobIsFinished() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "finished");

    JobCompletion done = JobWaiter.of(client(fake.url())).await(JOB, Duration.ofMinutes(1));

    assertThat(done.polls()).isEqualTo(1);
    assertThat(done.finishedJob()).isPresent();
  }

  @Test
  void refusedCredentialsEndTheWaitAtOnce() {
    wm.stubFor(get(urlPathEqualTo("/status.json")).willReturn(Recording.load("auth_none").response()));

    CompletableFuture<JobCompletion> wait = scheduler.drive(waiter(client(wm.baseUrl())).awaitAsync(JOB));

    assertThatThrownBy(wait::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(ScrapydAuthenticationException.class);
    assertThat(scheduler.delays()).isEmpty();
  }

  /**
   * A client whose requests time out after 500 ms; the slow stubs below answer after 3 s (wide
   * margins, so that a loaded machine neither times out a quick answer nor gets a slow one).
   */
  private ScrapydClient impatient() {
    ScrapydClient c = ScrapydClient.builder().baseUri(wm.baseUrl()).retryPolicy(RetryPolicy.none())
        .requestTimeout(Duration.ofMillis(500)).build();
    toClose.add(c);
    return c;
  }

  @Test
  void aFailedPollWithinTheToleranceIsRetriedOnTheNextPoll() {
    wm.stubFor(get(urlPathEqualTo("/status.json")).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(Recording.json(status("running")).withFixedDelay(3000)).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo("/status.json")).inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(Recording.json(status("finished"))));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("listjobs").response()));

    JobCompletion done = scheduler.drive(waiter(impatient()).awaitAsync(JOB)).join();

    assertThat(done.polls()).isEqualTo(2);
    assertThat(done.finishedJob()).isEmpty(); // the listing does not hold j1
  }

  @Test
  void failedPollsBeyondTheToleranceEndTheWait() {
    wm.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.json(status("running")).withFixedDelay(3000)));

    CompletableFuture<JobCompletion> wait = scheduler.drive(waiter(impatient()).awaitAsync(JOB));

    assertThatThrownBy(wait::join).cause().isInstanceOf(ScrapydTimeoutException.class);
    wm.verify(2, getRequestedFor(urlPathEqualTo("/status.json")));
  }

  @Test
  void aDeletedProjectIsAskedAboutWithoutTheProject() {
    wm.stubFor(get(urlPathEqualTo("/status.json")).withQueryParam("project", equalTo("p"))
        .willReturn(Recording.load("status_wrongproject").response()));
    wm.stubFor(get(urlPathEqualTo("/status.json")).withQueryParam("project", absent())
        .willReturn(Recording.load("status_ok").response()));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("status_wrongproject").response()));

    JobCompletion done = scheduler.drive(waiter(client(wm.baseUrl())).awaitAsync(JOB)).join();

    assertThat(done.polls()).isEqualTo(1);
    assertThat(done.finishedJob()).isEmpty();
  }

  @Test
  void badArgumentsAreRejectedNamingThem() {
    JobWaiter waiter = waiter(client(wm.baseUrl()));

    assertThatThrownBy(() -> waiter.awaitAsync(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("job");
    assertThatThrownBy(() -> waiter.awaitAsync(JOB, s(-1))).hasMessageContaining("timeout must not be negative");
    assertThatThrownBy(() -> waiter.await(JOB, null)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> JobWaiter.of(null)).hasMessageContaining("client");
    assertThatThrownBy(() -> Polling.builder().initialInterval(Duration.ZERO).build())
        .hasMessageContaining("initialInterval must be positive");
    assertThatThrownBy(() -> Polling.builder().maxInterval(s(0.5)).build())
        .hasMessageContaining("maxInterval");
    assertThatThrownBy(() -> Polling.builder().multiplier(0.5).build()).hasMessageContaining("multiplier");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
