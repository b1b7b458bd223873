package io.github.scrapyd4j.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster of ten WireMock nodes over real sockets: healthy, slow, refusing connections,
 * answering status error, flapping.
 */
class ClusterClientTest {
  private static final int NODES = 10;
  private static final List<WireMockServer> servers = new ArrayList<>();
  private static int refusedPort;

  private ClusterClient cluster;
  private MutableClock clock;
  private final List<NodeStateChange> changes = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServers() throws IOException {
    for (int i = 0; i < NODES; i++) {
      WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
      server.start();
      servers.add(server);
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      refusedPort = socket.getLocalPort();
    }
  }

  @AfterAll
  static void stopServers() {
    servers.forEach(WireMockServer::stop);
  }

  @BeforeEach
  void healthyNodes() {
    for (WireMockServer server : servers) {
      server.resetAll();
      server.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
          "{\"pending\": 0, \"running\": 0, \"finished\": 0, \"status\": \"ok\", \"node_name\": \"n" + server.port() + "\"}")));
      server.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("listjobs").response()));
      server.stubFor(get(urlPathEqualTo("/listversions.json")).willReturn(Recording.load("listversions").response()));
      server.stubFor(post(urlPathEqualTo("/schedule.json")).willReturn(Recording.load("schedule_jobid").response()));
    }
    clock = new MutableClock();
  }

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String id(int i) {
    return "node-" + i;
  }

  private ClusterClient.Builder builder(int nodes) {
    ClusterClient.Builder builder = ClusterClient.builder()
        .nodeTimeout(Duration.ofMillis(800))
        .deadline(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.none())
        .healthCheckTick(Duration.ZERO)
        .clock(clock)
        .listener(changes::add);
    for (int i = 0; i < nodes; i++) {
      builder.node(Node.builder().id(id(i)).baseUri(servers.get(i).baseUrl())
          .addTag(i % 2 == 0 ? "even" : "odd").build());
    }
    return builder;
  }

  private static WireMockServer server(int i) {
    return servers.get(i);
  }

  private static int requests(int i) {
    return server(i).findAll(anyRequestedFor(anyUrl())).size();
  }

  private static void load(int i, int pending, int running) {
    server(i).stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.json(
        "{\"pending\": " + pending + ", \"running\": " + running + ", \"finished\": 0, \"status\": \"ok\", \"node_name\": \"n" + i + "\"}")));
  }

  // ------------------------------------------------------------------ fan-out

  @Test
  void fanOutAnswersPerNodeWhateverEachNodeDoes() {
    server(7).stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response().withFixedDelay(3000)));
    server(9).stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_noproject_param").response()));
    cluster = builder(NODES)
        .node(Node.of("refusing", "http://127.0.0.1:" + refusedPort))
        .build();

    ClusterResult<JobList> jobs = cluster.fanOut().listJobs("labbot");

    assertThat(jobs.results()).hasSize(11);
    assertThat(jobs.successes().keySet())
        .containsExactly(id(0), id(1), id(2), id(3), id(4), id(5), id(6), id(8));
    assertThat(jobs.successes().get(id(0)).finished()).hasSize(2);
    assertThat(jobs.failures().get(id(7))).isInstanceOf(ScrapydTimeoutException.class)
        .hasMessageContaining("fan-out timeout of 800 ms");
    assertThat(jobs.failures().get(id(9))).isInstanceOfSatisfying(ScrapydApiException.class,
        e -> assertThat(e.reason()).isEqualTo(ScrapydApiException.Reason.PROJECT_NOT_FOUND));
    assertThat(jobs.failures().get("refusing")).isInstanceOfSatisfying(ScrapydConnectionException.class,
        e -> assertThat(e.mayHaveReachedServer()).isFalse());
    assertThat(jobs.allSucceeded()).isFalse();
    assertThatThrownBy(jobs::throwIfAnyFailed)
        .isInstanceOfSatisfying(ClusterException.class, e -> {
          assertThat(e.failures()).containsOnlyKeys(id(7), id(9), "refusing");
          assertThat(e.getMessage()).startsWith("3 of 11 nodes failed");
        });
    assertThat(jobs.get(id(3))).isPresent();
    assertThat(jobs.get(id(7))).isEmpty();
  }

  @Test
  void fanOutReturnsByItsDeadlineWhenANodeNeverAnswers() {
    server(4).stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response().withFixedDelay(20_000)));
    cluster = builder(NODES).nodeTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(30)).build();

    long start = System.nanoTime();
    ClusterResult<?> status = cluster.fanOut().withDeadline(Duration.ofMillis(700)).daemonStatus();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(status.successes()).hasSize(9);
    assertThat(status.failures().get(id(4))).isInstanceOf(ScrapydTimeoutException.class)
        .hasMessageContaining("deadline of 700 ms");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void fanOutKeepsAtMostTheLimitInFlight() {
    for (int i = 0; i < NODES; i++) {
      server(i).stubFor(get(urlPathEqualTo("/daemonstatus.json"))
          .willReturn(Recording.load("daemonstatus_busy").response().withFixedDelay(150)));
    }
    cluster = builder(NODES).maxConcurrentRequests(2).build();

    long start = System.nanoTime();
    assertThat(cluster.fanOut().daemonStatus().allSucceeded()).isTrue();

    // Two at a time: five rounds of 150 ms at the very least.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(750));
  }

  @Test
  void filtersSelectNodesByIdOrTagAndUnknownIdsAreErrors() {
    cluster = builder(4).build();

    assertThat(cluster.fanOut(NodeFilter.ids(id(1), id(3))).daemonStatus().successes().keySet())
        .containsExactly(id(1), id(3));
    assertThat(cluster.fanOut(NodeFilter.tagged("even")).daemonStatus().successes().keySet())
        .containsExactly(id(0), id(2));
    assertThat(requests(1)).isEqualTo(1);
    assertThat(requests(0)).isEqualTo(1);
    assertThatThrownBy(() -> cluster.fanOut(NodeFilter.ids("nope")).daemonStatus())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no node with id 'nope'");
    assertThatThrownBy(() -> cluster.client("nope")).hasMessageContaining("no node with id 'nope'");
  }

  // ------------------------------------------------------------------ aggregates

  @Test
  void allJobsFindAndCancelWhereverTheJobRuns() {
    server(2).stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("listjobs_running").response()));
    server(2).stubFor(post(urlPathEqualTo("/cancel.json")).willReturn(Recording.load("cancel_running").response()));
    server(3).stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    cluster = builder(4).build();

    ClusterJobs jobs = cluster.allJobs("labbot");
    assertThat(jobs.jobs()).hasSize(2 + 2 + 4);
    assertThat(jobs.inState(JobState.RUNNING)).extracting(NodeJob::nodeId).containsExactly(id(2));
    assertThat(jobs.failures()).containsOnlyKeys(id(3));
    assertThat(cluster.findJob("slow-1")).hasValueSatisfying(job -> {
      assertThat(job.nodeId()).isEqualTo(id(2));
      assertThat(job.job().state()).isEqualTo(JobState.RUNNING);
    });
    assertThat(cluster.findJob("nope")).isEmpty();
    // With a project, as Scrapyd 1.2 needs: listjobs.json?project=labbot on every node.
    int before = server(2).findAll(getRequestedFor(urlPathEqualTo("/listjobs.json"))
        .withQueryParam("project", equalTo("labbot"))).size();
    assertThat(cluster.findJob("labbot", "slow-1")).hasValueSatisfying(job ->
        assertThat(job.nodeId()).isEqualTo(id(2)));
    assertThat(server(2).findAll(getRequestedFor(urlPathEqualTo("/listjobs.json"))
        .withQueryParam("project", equalTo("labbot")))).hasSize(before + 1);
    assertThat(cluster.findJob("labbot", "nope")).isEmpty();
    assertThatThrownBy(() -> cluster.findJob(" ", "slow-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project");

    ClusterResult<CancelResult> cancelled = cluster.cancel("labbot", "slow-1");

    assertThat(cancelled.successes()).containsOnlyKeys(id(2));
    assertThat(cancelled.successes().get(id(2)).previousState()).contains(JobState.RUNNING);
    assertThat(cancelled.failures()).containsOnlyKeys(id(3));
    for (int i : new int[] {0, 1, 3}) {
      assertThat(server(i).findAll(postRequestedFor(urlPathEqualTo("/cancel.json")))).as("node %d", i).isEmpty();
    }
  }

  @Test
  void capacitySumsTheNodesAndCountsFreeSlots() {
    load(0, 1, 2);
    load(1, 0, 5);
    cluster = ClusterClient.builder().healthCheckTick(Duration.ZERO)
        .node(Node.builder().id("a").baseUri(server(0).baseUrl()).capacity(4).build())
        .node(Node.builder().id("b").baseUri(server(1).baseUrl()).capacity(4).build())
        .build();

    ClusterCapacity capacity = cluster.capacity();

    assertThat(capacity.pending()).isEqualTo(1);
    assertThat(capacity.running()).isEqualTo(7);
    assertThat(capacity.freeSlots()).hasValue(1); // a: 4 - 3; b: full (5 > 4) counts 0
    assertThat(capacity.failures()).isEmpty();
  }

  @Test
  void versionDriftNamesTheNodesThatLackAVersion() {
    server(1).stubFor(get(urlPathEqualTo("/listversions.json")).willReturn(Recording.load("listversions2").response()));
    cluster = builder(3).build();

    VersionDrift drift = cluster.versionDrift("labbot");

    assertThat(drift.allVersions()).containsExactlyInAnyOrder("noep", "r1", "r2");
    assertThat(drift.missing()).containsOnlyKeys(id(0), id(2));
    assertThat(drift.missing().get(id(0))).containsExactlyInAnyOrder("noep", "r2");
    assertThat(drift.latest().get(id(1))).contains("r2");
    assertThat(drift.isConsistent()).isFalse();
  }

  // ------------------------------------------------------------------ placement

  private static String scheduledJobId(int i) {
    return Forms.decode(server(i).findAll(postRequestedFor(urlPathEqualTo("/schedule.json"))).get(0).getBodyAsString())
        .stream().filter(e -> e.getKey().equals("jobid")).map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private static List<Integer> scheduledOn() {
    List<Integer> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      if (!server(i).findAll(postRequestedFor(urlPathEqualTo("/schedule.json"))).isEmpty()) {
        nodes.add(i);
      }
    }
    return nodes;
  }

  @Test
  void leastLoadedPicksTheNodeWithFewestJobsAndRespectsCapacity() {
    load(0, 3, 2);
    load(1, 0, 1);
    load(2, 0, 0);
    cluster = ClusterClient.builder().healthCheckTick(Duration.ZERO).retryPolicy(RetryPolicy.none())
        .node(Node.builder().id("a").baseUri(server(0).baseUrl()).build())
        .node(Node.builder().id("b").baseUri(server(1).baseUrl()).build())
        .node(Node.builder().id("c").baseUri(server(2).baseUrl()).capacity(1).build())
        .build();

    Placement first = cluster.place(ScheduleRequest.of("labbot", "pages"));
    assertThat(first.nodeId()).isEqualTo("c");

    load(2, 0, 1); // c is now full (capacity 1)
    assertThat(cluster.schedule(ScheduleRequest.of("labbot", "pages")).node().orElseThrow()).isEqualTo("b");
  }

  @Test
  void roundRobinTakesTheNodesInTurn() {
    cluster = builder(3).selector(NodeSelectors.roundRobin()).build();

    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      placed.add(cluster.schedule(ScheduleRequest.of("labbot", "pages")).node().orElseThrow());
    }

    assertThat(placed).containsExactly(id(0), id(1), id(2), id(0), id(1), id(2));
  }

  @Test
  void randomWithASeedIsRepeatable() {
    cluster = builder(NODES).build();
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    NodeSelector a = NodeSelectors.random(42);
    NodeSelector b = NodeSelectors.random(42);
    for (int i = 0; i < 8; i++) {
      first.add(cluster.schedule(ScheduleRequest.of("labbot", "pages"), a).node().orElseThrow());
      second.add(cluster.schedule(ScheduleRequest.of("labbot", "pages"), b).node().orElseThrow());
    }
    assertThat(first).isEqualTo(second);
    assertThat(first.stream().distinct().count()).as("spread over nodes").isGreaterThan(1);
  }

  @Test
  void pinnedAndTaggedSelectorsStayOnTheirNodes() {
    cluster = builder(4).build();

    assertThat(cluster.schedule(ScheduleRequest.of("labbot", "pages"), NodeSelectors.pinned(id(3))).node().orElseThrow())
        .isEqualTo(id(3));
    assertThat(cluster.schedule(ScheduleRequest.of("labbot", "pages"), NodeSelectors.tagged("odd")).node().orElseThrow())
        .isIn(id(1), id(3));
    assertThat(cluster.schedule(ScheduleRequest.of("labbot", "pages"),
        NodeSelectors.tagged("even", NodeSelectors.roundRobin())).node().orElseThrow()).isEqualTo(id(0));
    assertThatThrownBy(() -> cluster.schedule(ScheduleRequest.of("labbot", "pages"), NodeSelectors.tagged("gpu")))
        .isInstanceOf(NodeUnavailableException.class).hasMessageContaining("no node to schedule");
  }

  @Test
  void unreachableNodeFailsOverToTheNextCandidate() {
    cluster = builder(2)
        .node(Node.of("refusing", "http://127.0.0.1:" + refusedPort))
        .build();
    List<String> order = List.of("refusing", id(1), id(0));
    NodeSelector fixed = (candidates, request) -> candidates.stream()
        .sorted((x, y) -> order.indexOf(x.node().id()) - order.indexOf(y.node().id()))
        .collect(Collectors.toList());

    Placement placed = cluster.place(ScheduleRequest.of("labbot", "pages"), fixed);

    assertThat(placed.nodeId()).isEqualTo(id(1));
    assertThat(placed.skipped()).containsOnlyKeys("refusing");
    assertThat(scheduledOn()).containsExactly(1);
    assertThat(cluster.state("refusing")).isEqualTo(NodeState.SUSPECT);
  }

  @Test
  void resetAfterSendingIsNotScheduledAgainAnywhere() {
    server(0).stubFor(post(urlPathEqualTo("/schedule.json")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    cluster = builder(3).selector(NodeSelectors.roundRobin()).build();

    assertThatThrownBy(() -> cluster.schedule(ScheduleRequest.builder().project("labbot").spider("pages").jobId("once").build()))
        .isInstanceOfSatisfying(ScheduleOutcomeUnknownException.class, e -> {
          assertThat(e.nodeId()).isEqualTo(id(0));
          assertThat(e.jobId()).isEqualTo("once");
          assertThat(e.getMessage()).contains("not scheduled elsewhere");
        });
    assertThat(scheduledOn()).as("no other node got the job").containsExactly(0);
  }

  @Test
  void timeoutAfterSendingIsNotScheduledAgainAnywhere() {
    server(0).stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_jobid").response().withFixedDelay(2000)));
    cluster = builder(3).selector(NodeSelectors.roundRobin()).spiderListingTimeout(Duration.ofMillis(300)).build();

    assertThatThrownBy(() -> cluster.schedule(ScheduleRequest.of("labbot", "pages")))
        .isInstanceOf(ScheduleOutcomeUnknownException.class)
        .hasCauseInstanceOf(ScrapydTimeoutException.class);
    assertThat(scheduledOn()).containsExactly(0);
  }

  @Test
  void scrapydErrorsFailFastWithoutTryingOtherNodes() {
    server(0).stubFor(post(urlPathEqualTo("/schedule.json")).willReturn(Recording.load("schedule_badspider").response()));
    cluster = builder(3).selector(NodeSelectors.roundRobin()).build();

    assertThatThrownBy(() -> cluster.schedule(ScheduleRequest.of("labbot", "nosuch")))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(ScrapydApiException.Reason.SPIDER_NOT_FOUND));
    assertThat(scheduledOn()).containsExactly(0);
  }

  @Test
  void everyJobGetsAnIdBeforeItIsSent() {
    cluster = builder(1).build();

    cluster.schedule(ScheduleRequest.of("labbot", "pages"));

    assertThat(scheduledJobId(0)).matches("[0-9a-f]{32}");
  }

  @Test
  void scheduleOnAllSendsOneJobIdToEverySelectedNode() {
    cluster = builder(4).build();

    ClusterResult<ScheduleResult> all = cluster.scheduleOnAll(ScheduleRequest.of("labbot", "pages"), NodeFilter.tagged("odd"));

    assertThat(all.successes()).containsOnlyKeys(id(1), id(3));
    assertThat(scheduledOn()).containsExactly(1, 3);
    assertThat(scheduledJobId(1)).isEqualTo(scheduledJobId(3)).matches("[0-9a-f]{32}");
  }

  @Test
  void noReachableNodeMeansTheJobRanNowhere() {
    cluster = ClusterClient.builder().healthCheckTick(Duration.ZERO).retryPolicy(RetryPolicy.none())
        .node(Node.of("r1", "http://127.0.0.1:" + refusedPort))
        .node(Node.of("r2", "http://127.0.0.1:" + refusedPort + "/other"))
        .selector(NodeSelectors.roundRobin())
        .build();

    assertThatThrownBy(() -> cluster.schedule(ScheduleRequest.of("labbot", "pages")))
        .isInstanceOf(NodeUnavailableException.class)
        .hasMessageContaining("scheduled nowhere")
        .hasMessageContaining("[r1, r2]");
  }

  // ------------------------------------------------------------------ health

  @Test
  void failuresMakeANodeSuspectThenDownAndDownNodesAreSkipped() {
    server(1).stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    cluster = builder(3).build();

    cluster.fanOut().daemonStatus();
    assertThat(cluster.state(id(1))).isEqualTo(NodeState.SUSPECT);
    cluster.fanOut().daemonStatus();
    assertThat(cluster.state(id(1))).isEqualTo(NodeState.DOWN);
    int before = requests(1);

    ClusterResult<?> third = cluster.fanOut().daemonStatus();

    assertThat(third.failures().get(id(1))).isInstanceOf(NodeUnavailableException.class).hasMessageContaining("is down");
    assertThat(requests(1)).as("a down node is not called").isEqualTo(before);
    assertThat(changes).extracting(c -> c.nodeId() + ":" + c.previous() + "->" + c.current())
        .containsExactly(id(1) + ":UP->SUSPECT", id(1) + ":SUSPECT->DOWN");
    assertThat(changes.get(1).cause()).isPresent();
    assertThat(cluster.schedule(ScheduleRequest.of("labbot", "pages"), NodeSelectors.roundRobin()).node().orElseThrow())
        .isNotEqualTo(id(1));
  }

  @Test
  void downNodeIsProbedAfterItsCoolDownAndComesBackByItself() {
    server(0).stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    cluster = builder(1).healthPolicy(HealthPolicy.builder()
        .failuresBeforeDown(1).initialCoolDown(Duration.ofSeconds(10)).maxCoolDown(Duration.ofSeconds(25))
        .probeInterval(Duration.ZERO).build()).build();
    cluster.fanOut().daemonStatus();
    assertThat(cluster.state(id(0))).isEqualTo(NodeState.DOWN);

    clock.advance(Duration.ofSeconds(9));
    assertThat(cluster.checkHealth()).as("still cooling down").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cluster.checkHealth()).containsExactly(id(0)); // fails again: next wait 20 s
    assertThat(cluster.state(id(0))).isEqualTo(NodeState.DOWN);
    clock.advance(Duration.ofSeconds(19));
    assertThat(cluster.checkHealth()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cluster.checkHealth()).containsExactly(id(0)); // fails: next wait 25 s (the cap)
    server(0).stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.load("daemonstatus_busy").response()));
    clock.advance(Duration.ofSeconds(24));
    assertThat(cluster.checkHealth()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cluster.checkHealth()).containsExactly(id(0));

    assertThat(cluster.state(id(0))).isEqualTo(NodeState.UP);
    assertThat(changes).extracting(NodeStateChange::current).containsExactly(NodeState.DOWN, NodeState.UP);
    assertThat(changes.get(1).cause()).isEmpty();
  }

  @Test
  void flappingNodeGoesSuspectAndBackUpWithoutGoingDown() {
    // 503 (not a reset: the JDK HttpClient itself re-sends a GET whose pooled connection resets)
    server(5).stubFor(get(urlPathEqualTo("/daemonstatus.json")).inScenario("flap").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503).withBody("proxy: upstream unavailable")).willSetStateTo("ok"));
    server(5).stubFor(get(urlPathEqualTo("/daemonstatus.json")).inScenario("flap").whenScenarioStateIs("ok")
        .willReturn(Recording.load("daemonstatus_busy").response()).willSetStateTo(STARTED));
    cluster = builder(NODES).build();

    for (int i = 0; i < 4; i++) {
      cluster.fanOut(NodeFilter.ids(id(5))).daemonStatus();
    }

    assertThat(changes).extracting(NodeStateChange::current)
        .containsExactly(NodeState.SUSPECT, NodeState.UP, NodeState.SUSPECT, NodeState.UP);
    assertThat(cluster.state(id(5))).isEqualTo(NodeState.UP);
  }

  @Test
  void scrapydErrorsDoNotCountAgainstANodesHealth() {
    server(0).stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("listjobs_noproject_param").response()));
    cluster = builder(1).build();

    cluster.fanOut().listJobs("nosuch");
    cluster.fanOut().listJobs("nosuch");

    assertThat(cluster.state(id(0))).isEqualTo(NodeState.UP);
    assertThat(changes).isEmpty();
  }

  // ------------------------------------------------------------------ nodes

  @Test
  void nodesCanBeAddedAndRemovedWhileInUse() {
    cluster = builder(2).build();
    assertThat(cluster.fanOut().daemonStatus().successes()).containsOnlyKeys(id(0), id(1));

    cluster.addNode(Node.of("late", server(5).baseUrl()));
    assertThat(cluster.removeNode(id(0))).isTrue();
    assertThat(cluster.removeNode(id(0))).isFalse();

    assertThat(cluster.fanOut().daemonStatus().successes()).containsOnlyKeys(id(1), "late");
    assertThat(cluster.nodes()).extracting(Node::id).containsExactly(id(1), "late");
    assertThatThrownBy(() -> cluster.addNode(Node.of(id(1), server(6).baseUrl())))
        .hasMessageContaining("already has a node with id 'node-1'");
  }

  @Test
  void badNodeSetsAreRejected() {
    assertThatThrownBy(() -> ClusterClient.builder().build()).hasMessageContaining("needs at least one node");
    assertThatThrownBy(() -> ClusterClient.builder().node(Node.of("a", "http://h1")).node(Node.of("a", "http://h2")))
        .hasMessageContaining("duplicate node id 'a'");
    assertThatThrownBy(() -> Node.of("has space", "http://h")).hasMessageContaining("node id must be");
    assertThatThrownBy(() -> Node.of("a", "ftp://h")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> Node.of("a", "ftp://user:s3cret@h/")).hasMessageContaining("http or https")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    assertThatThrownBy(() -> Node.builder().id("a").baseUri("http://h").capacity(0).build())
        .hasMessageContaining("capacity must be 1 or more");
  }

  @Test
  void dnsDiscoveryMakesANodePerAddressAndFollowsChanges() throws Exception {
    AtomicReference<List<String>> addresses = new AtomicReference<>(List.of("127.0.0.1", "127.0.0.2"));
    DnsDiscovery discovery = DnsDiscovery.builder("scrapyd.crawl.svc.cluster.local")
        .port(server(0).port())
        .tags("k8s")
        .resolver(host -> {
          assertThat(host).isEqualTo("scrapyd.crawl.svc.cluster.local");
          if (addresses.get().isEmpty()) {
            throw new UnknownHostException(host);
          }
          List<InetAddress> out = new ArrayList<>();
          for (String a : addresses.get()) {
            out.add(InetAddress.getByName(a));
          }
          return out;
        })
        .build();
    int port = server(0).port();
    cluster = ClusterClient.builder().healthCheckTick(Duration.ZERO)
        .node(Node.of("static", server(1).baseUrl()))
        .discovery(discovery)
        .build();

    assertThat(cluster.nodes()).extracting(Node::id)
        .containsExactly("static", "127.0.0.1:" + port, "127.0.0.2:" + port);
    assertThat(cluster.node("127.0.0.2:" + port).get().tags()).containsExactly("k8s");
    assertThat(cluster.fanOut(NodeFilter.tagged("k8s")).daemonStatus().successes()).hasSize(2);

    addresses.set(List.of("127.0.0.2", "127.0.0.3"));
    assertThat(cluster.refreshNodes()).containsExactly("127.0.0.2:" + port, "127.0.0.3:" + port);
    assertThat(cluster.nodes()).extracting(Node::id)
        .containsExactly("static", "127.0.0.2:" + port, "127.0.0.3:" + port);

    addresses.set(List.of());
    assertThatThrownBy(cluster::refreshNodes).isInstanceOf(NodeUnavailableException.class)
        .hasMessageContaining("does not resolve");
    assertThat(cluster.nodes()).hasSize(3);
  }

  @Test
  void aFanOutOverTenNodesUsesABoundedNumberOfThreads() {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    cluster = builder(NODES).build();

    for (int i = 0; i < 5; i++) {
      assertThat(cluster.fanOut().listJobs().allSucceeded()).isTrue();
    }

    long started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(t -> t.getName().startsWith("scrapyd4j") || t.getName().startsWith("HttpClient"))
        .count();
    assertThat(started).as("cluster pool + one HTTP client selector, not per node")
        .isLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()) + 2);
  }
}
