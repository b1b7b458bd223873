package io.github.scrapyd4j.jobs;

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
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.jobs.support.ManualScheduler;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watching job listings across nodes: events, errors per node, one request per node per poll. */
class JobWatcherTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  private final JobListener recorder = new JobListener() {
    @Override
    public void onEvent(JobEvent e) {
      seen.add(e.nodeId() + " " + e.type() + " " + e.job().id()
          + e.previousState().map(s -> " (was " + s.wireName() + ")").orElse(""));
    }

    @Override
    public void onNodeError(String nodeId, ScrapydException error) {
      seen.add(nodeId + " ERROR " + error.getClass().getSimpleName());
    }

    @Override
    public void onNodeRecovered(String nodeId) {
      seen.add(nodeId + " RECOVERED");
    }
  };

  private ScrapydClient client(String url) {
    ScrapydClient c = ScrapydClient.builder().baseUri(url).retryPolicy(RetryPolicy.none())
        .connectTimeout(Duration.ofSeconds(2)).build();
    toClose.add(c);
    return c;
  }

  private FakeScrapyd fake() {
    FakeScrapyd f = new FakeScrapyd();
    toClose.add(f);
    return f;
  }

  private JobWatcher watcher(JobWatcher.Builder builder) {
    JobWatcher w = builder.scheduler(scheduler).listener(recorder).build();
    toClose.add(w);
    return w;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void theFirstPollIsABaselineAndLaterChangesBecomeEvents() {
    FakeScrapyd node = fake();
    node.job("p", "s", "a", "pending");
    node.job("p", "s", "b", "running");
    node.job("p", "s", "c", "finished");
    JobWatcher watcher = watcher(JobWatcher.builder().node("n1", client(node.url())));

    watcher.pollNow().join();
    node.state("a", "running");
    node.state("b", "finished");
    node.job("p", "s", "d", "running");
    node.job("p", "s", "e", "finished");
    node.job("p", "s", "f", "pending");
    watcher.pollNow().join();
    node.state("a", null);
    node.state("c", null);
    node.state("f", null);
    watcher.pollNow().join();

    assertThat(seen).containsExactly(
        "n1 APPEARED f",
        "n1 STARTED a (was pending)",
        "n1 APPEARED d",
        "n1 STARTED d",
        "n1 FINISHED b (was running)",
        "n1 APPEARED e",
        "n1 STARTED e",
        "n1 FINISHED e",
        "n1 DISAPPEARED f (was pending)",
        "n1 DISAPPEARED a (was running)");
    assertThat(watcher.lastListings().get("n1").running()).extracting(j -> j.id()).containsExactly("d");
  }

  @Test
  void reportingExistingJobsGivesAnAppearedEventEach() {
    FakeScrapyd node = fake();
    node.job("p", "s", "a", "pending");
    node.job("p", "s", "b", "finished");

    watcher(JobWatcher.builder().client(client(node.url())).reportExisting(true)).pollNow().join();

    assertThat(seen).containsExactly(node.url() + " APPEARED a", node.url() + " APPEARED b");
  }

  @Test
  void aFailingNodeIsReportedWhileTheOthersCarryOnAndItsRecoveryIsTold() throws IOException {
    FakeScrapyd good = fake();
    good.job("p", "s", "a", "pending");
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(Recording.load("auth_none").response()).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(Recording.load("listjobs").response()));
    Map<String, ScrapydClient> nodes = new LinkedHashMap<>();
    nodes.put("good", client(good.url()));
    nodes.put("down", client("http://127.0.0.1:" + closedPort()));
    nodes.put("flaky", client(wm.baseUrl()));
    JobWatcher watcher = watcher(JobWatcher.builder().nodes(nodes));

    watcher.pollNow().join();
    good.state("a", "running");
    watcher.pollNow().join();

    assertThat(seen).containsExactlyInAnyOrder(
        "down ERROR ScrapydConnectionException",
        "flaky ERROR ScrapydAuthenticationException",
        "good STARTED a (was pending)",
        "down ERROR ScrapydConnectionException",
        "flaky RECOVERED");
    assertThat(seen.indexOf("good STARTED a (was pending)")).isGreaterThan(0);
    assertThat(watcher.lastListings()).containsOnlyKeys("good", "flaky");
  }

  @Test
  void eachPollIsOneListjobsRequestPerNodeAndStopEndsThem() throws IOException {
    FakeScrapyd one = fake();
    FakeScrapyd two = fake();
    JobWatcher watcher = watcher(JobWatcher.builder()
        .node("one", client(one.url()))
        .node("two", client(two.url()))
        .node("down", client("http://127.0.0.1:" + closedPort()))
        .pollInterval(Duration.ofSeconds(5))
        .maxErrorInterval(Duration.ofSeconds(30)));

    watcher.start();
    for (int round = 0; round < 4; round++) {
      scheduler.awaitQueued(3);
      scheduler.runQueued();
    }
    scheduler.awaitQueued(3);
    watcher.stop();
    scheduler.runQueued();

    assertThat(one.count("GET /listjobs.json")).isEqualTo(4);
    assertThat(two.count("GET /listjobs.json")).isEqualTo(4);
    assertThat(scheduler.delays()).containsExactlyInAnyOrder(
        Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20),
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThat(seen).containsOnly("down ERROR ScrapydConnectionException").hasSize(4);
    assertThat(watcher.isRunning()).isFalse();
  }

  @Test
  void aProjectFilterListsThatProjectOnly() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("listjobs").response()));

    watcher(JobWatcher.builder().client(client(wm.baseUrl())).project("labbot")).pollNow().join();

    wm.verify(1, getRequestedFor(urlPathEqualTo("/listjobs.json")).withQueryParam("project", equalTo("labbot")));
  }

  @Test
  void aRerunUnderTheSameIdAppearsAgainAndAThrowingListenerStopsNothing() {
    FakeScrapyd node = fake();
    node.job("p", "s", "a", "finished");
    JobWatcher watcher = watcher(JobWatcher.builder().node("n", client(node.url())));
    watcher.addListener(e -> {
      throw new IllegalStateException("listener bug");
    });

    watcher.pollNow().join();
    node.job("p", "s", "a", "pending");
    watcher.pollNow().join();

    assertThat(seen).containsExactly("n APPEARED a (was finished)");
  }

  @Test
  void eventsCarryAJobReferenceMarkedWithTheNode() {
    FakeScrapyd node = fake();
    JobWatcher watcher = watcher(JobWatcher.builder().node("eu-1", client(node.url())));
    List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
    watcher.addListener(events::add);
    watcher.pollNow().join();
    node.job("p", "s", "a", "running");

    watcher.pollNow().join();

    assertThat(events).first().satisfies(e -> {
      assertThat(e.ref().node()).contains("eu-1");
      assertThat(e.ref().logUrl()).hasValueSatisfying(u -> assertThat(u.toString()).endsWith("/logs/p/s/a.log"));
    });
  }

  @Test
  void badBuildersAreRejectedNamingTheProblem() {
    ScrapydClient c = client(wm.baseUrl());

    assertThatThrownBy(() -> JobWatcher.builder().build()).hasMessageContaining("at least one node");
    assertThatThrownBy(() -> JobWatcher.builder().node("a", c).node("a", c)).hasMessageContaining("'a' is given twice");
    assertThatThrownBy(() -> JobWatcher.builder().node(" ", c)).hasMessageContaining("nodeId");
    assertThatThrownBy(() -> JobWatcher.builder().pollInterval(Duration.ZERO)).hasMessageContaining("pollInterval");
    assertThatThrownBy(() -> JobWatcher.builder().node("a", c).pollInterval(Duration.ofMinutes(5)).build())
        .hasMessageContaining("maxErrorInterval");
    assertThat(ScrapydConnectionException.class).isNotNull();
  }
}
