package io.github.scrapyd4j.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.jobs.JobCompletion;
import io.github.scrapyd4j.jobs.JobEvent;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.JobWaiter;
import io.github.scrapyd4j.jobs.JobWatcher;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.Recording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Job tracking works over a cluster: watch every node, wait for a placed job on its node. */
class ClusterJobTrackingTest {
  private static final String EMPTY =
      "{\"pending\": [], \"running\": [], \"finished\": [], \"status\": \"ok\", \"node_name\": \"n\"}";
  private static final String PENDING =
      "{\"pending\": [{\"id\": \"job-x\", \"project\": \"p\", \"spider\": \"s\"}], \"running\": [],"
          + " \"finished\": [], \"status\": \"ok\", \"node_name\": \"n1\"}";
  private static final String RUNNING =
      "{\"pending\": [], \"running\": [{\"id\": \"job-x\", \"project\": \"p\", \"spider\": \"s\", \"pid\": 7,"
          + " \"start_time\": \"2026-11-23 18:00:00.5\"}], \"finished\": [], \"status\": \"ok\", \"node_name\": \"n1\"}";
  private static final String FINISHED =
      "{\"pending\": [], \"running\": [], \"finished\": [{\"id\": \"job-x\", \"project\": \"p\", \"spider\": \"s\","
          + " \"start_time\": \"2026-11-23 18:00:00.5\", \"end_time\": \"2026-11-23 18:00:09\"}],"
          + " \"status\": \"ok\", \"node_name\": \"n1\"}";

  private final List<WireMockServer> servers = new ArrayList<>();
  private ClusterClient cluster;

  @BeforeEach
  void start() {
    ClusterClient.Builder builder = ClusterClient.builder()
        .healthCheckTick(Duration.ZERO).retryPolicy(RetryPolicy.none())
        .selector(NodeSelectors.pinned("n1"));
    for (int i = 0; i < 3; i++) {
      WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
      server.start();
      servers.add(server);
      server.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(EMPTY)));
      builder.node(Node.of("n" + i, server.baseUrl()));
    }
    WireMockServer n1 = servers.get(1);
    n1.stubFor(post(urlPathEqualTo("/schedule.json")).willReturn(Recording.json(
        "{\"jobid\": \"job-x\", \"status\": \"ok\", \"node_name\": \"n1\"}")));
    String[] states = {PENDING, RUNNING, FINISHED};
    for (int i = 0; i < states.length; i++) {
      n1.stubFor(get(urlPathEqualTo("/listjobs.json")).inScenario("life")
          .whenScenarioStateIs(i == 0 ? STARTED : "poll" + i)
          .willReturn(Recording.json(states[i]))
          .willSetStateTo(i == states.length - 1 ? "poll" + i : "poll" + (i + 1)));
    }
    n1.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.json("{\"currstate\": \"finished\", \"status\": \"ok\", \"node_name\": \"n1\"}")));
    cluster = builder.build();
  }

  @AfterEach
  void stop() {
    cluster.close();
    servers.forEach(WireMockServer::stop);
  }

  @Test
  void aWatcherOverTheClusterSeesAJobGoThroughItsLifeOnItsNode() {
    List<JobEvent> events = new CopyOnWriteArrayList<>();
    try (JobWatcher watcher = JobWatcher.builder()
        .nodes(cluster.clients())
        .reportExisting(true)
        .listener(events::add)
        .build()) {
      for (int poll = 0; poll < 3; poll++) {
        watcher.pollNow().join();
      }
    }

    assertThat(events).extracting(e -> e.nodeId() + ":" + e.job().id() + ":" + e.type())
        .containsExactly("n1:job-x:APPEARED", "n1:job-x:STARTED", "n1:job-x:FINISHED");
    assertThat(events.get(2).ref().node()).contains("n1");
    for (WireMockServer server : servers) {
      assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/listjobs.json"))))
          .as("one request per node per poll").hasSize(3);
    }
  }

  @Test
  void aJobPlacedOnTheClusterIsAwaitedOnTheNodeItRunsOn() {
    Placement placed = cluster.place(ScheduleRequest.of("p", "s"));

    JobRef job = JobRef.of(placed.result()).onNode(placed.nodeId());
    JobCompletion done = JobWaiter.of(cluster.client(placed.nodeId())).await(job, Duration.ofSeconds(20));

    assertThat(placed.nodeId()).isEqualTo("n1");
    assertThat(done.job().jobId()).isEqualTo("job-x");
    assertThat(servers.get(1).findAll(getRequestedFor(urlPathEqualTo("/status.json")))).isNotEmpty();
  }
}
