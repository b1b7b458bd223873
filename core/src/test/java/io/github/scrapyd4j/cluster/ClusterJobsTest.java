package io.github.scrapyd4j.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.Recording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code cluster.jobs()} sends each call to the node of the job's {@code JobRef.node()}. */
class ClusterJobsTest {
  private static final String LOG_PATH = "/logs/p/s/job-x.log";
  private static final String ITEMS_PATH = "/items/p/s/job-x.jl";
  private static final JobRef JOB = JobRef.of("p", "s", "job-x");
  private static final Recording FULL = Recording.load("log_full");

  private WireMockServer a;
  private WireMockServer b;
  private ClusterClient cluster;

  @BeforeEach
  void start() {
    a = new WireMockServer(wireMockConfig().dynamicPort());
    b = new WireMockServer(wireMockConfig().dynamicPort());
    a.start();
    b.start();
    // The same job id on both nodes, with different states, logs and items: only routing tells.
    a.stubFor(get(urlPathEqualTo("/status.json")).willReturn(Recording.json(
        "{\"currstate\": \"running\", \"status\": \"ok\", \"node_name\": \"a\"}")));
    a.stubFor(get(LOG_PATH).willReturn(Recording.json("log of a\n")));
    a.stubFor(get(ITEMS_PATH).willReturn(Recording.json("{\"node\": \"a\"}\n")));
    b.stubFor(get(urlPathEqualTo("/status.json")).willReturn(Recording.json(
        "{\"currstate\": \"finished\", \"status\": \"ok\", \"node_name\": \"b\"}")));
    b.stubFor(get(LOG_PATH).willReturn(FULL.response()));
    b.stubFor(get(ITEMS_PATH).willReturn(Recording.json("{\"node\": \"b\"}\n")));
    b.stubFor(post(urlPathEqualTo("/schedule.json")).willReturn(Recording.json(
        "{\"jobid\": \"job-x\", \"status\": \"ok\", \"node_name\": \"b\"}")));
    cluster = ClusterClient.builder()
        .healthCheckTick(Duration.ZERO).retryPolicy(RetryPolicy.none())
        .selector(NodeSelectors.pinned("b"))
        .node(Node.of("a", a.baseUrl()))
        .node(Node.of("b", b.baseUrl()))
        .build();
  }

  @AfterEach
  void stop() {
    cluster.close();
    a.stop();
    b.stop();
  }

  @Test
  void aScheduledJobNamesItsNodeAndTheClustersJobsWaitForItThere() throws Exception {
    JobRef job = cluster.schedule(ScheduleRequest.of("p", "s"));
    Jobs jobs = cluster.jobs();

    JobOutcome outcome = jobs.await(job, Duration.ofSeconds(30));
    JobOutcome async = jobs.awaitAsync(job, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);

    assertThat(job.node()).contains("b");
    assertThat(job.jobId()).isEqualTo("job-x");
    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(async.summary()).isEqualTo(outcome.summary());
    assertThat(jobs.state(job)).contains(JobState.FINISHED);
    assertThat(a.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void logsItemsAndStatesGoToTheNodeEachJobRefNames() {
    Jobs jobs = cluster.jobs();
    List<String> linesOfA = new ArrayList<>();

    jobs.logs().read(JOB.onNode("a"), LogConsumer.lines(linesOfA::add));
    List<String> lastOfB = jobs.logs().tailLines(JOB.onNode("b"), 1);
    List<String> itemsOfA;
    try (Stream<JsonNode> items = jobs.items().stream(JOB.onNode("a"))) {
      itemsOfA = items.map(i -> i.get("node").asText()).collect(Collectors.toList());
    }
    List<String> itemsOfB;
    try (Stream<JsonNode> items = jobs.items().stream(JOB.onNode("b"))) {
      itemsOfB = items.map(i -> i.get("node").asText()).collect(Collectors.toList());
    }

    assertThat(linesOfA).containsExactly("log of a");
    assertThat(lastOfB).containsExactly(
        "2026-11-23 18:27:14 [scrapy.core.engine] INFO: Spider closed (finished)");
    assertThat(itemsOfA).containsExactly("a");
    assertThat(itemsOfB).containsExactly("b");
    assertThat(jobs.state(JOB.onNode("a"))).contains(JobState.RUNNING);
    assertThat(jobs.outcome(JOB.onNode("a")).verdict()).isEqualTo(JobOutcome.Verdict.IN_PROGRESS);
    assertThat(jobs.outcome(JOB.onNode("b")).verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
  }

  @Test
  void aJobRefWithoutANodeOrWithAnUnknownOneIsRefusedBeforeAnyRequest() {
    Jobs jobs = cluster.jobs();

    assertThatThrownBy(() -> jobs.await(JOB, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job-x").hasMessageContaining("names no node");
    assertThatThrownBy(() -> jobs.awaitAsync(JOB))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no node");
    assertThatThrownBy(() -> jobs.logs().tail(JOB, 20))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no node");
    assertThatThrownBy(() -> jobs.items().stream(JOB))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no node");
    assertThatThrownBy(() -> jobs.state(JOB.onNode("c")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c");
    assertThatThrownBy(() -> jobs.logs().waiter())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(jobs::waiter).isInstanceOf(IllegalStateException.class);
    assertThat(a.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    assertThat(b.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aNodeAddedLaterIsReachedThroughTheSameJobs() {
    Jobs jobs = cluster.jobs();
    cluster.removeNode("a");
    cluster.addNode(Node.of("late", a.baseUrl()));

    assertThat(jobs.state(JOB.onNode("late"))).contains(JobState.RUNNING);
    assertThatThrownBy(() -> jobs.state(JOB.onNode("a")))
        .isInstanceOf(IllegalArgumentException.class);
    a.verify(getRequestedFor(urlPathEqualTo("/status.json")));
  }

  @Test
  void aJobFoundInTheClustersListingNamesItsNodeForJobs() {
    a.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(
        "{\"pending\": [], \"running\": [], \"finished\": [], \"status\": \"ok\"}")));
    b.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(
        "{\"pending\": [], \"running\": [{\"id\": \"job-x\", \"project\": \"p\","
            + " \"spider\": \"s\", \"pid\": 7, \"start_time\": \"2026-11-23 18:00:00.5\"}],"
            + " \"finished\": [], \"status\": \"ok\"}")));

    JobRef found = cluster.allJobs("p").find("job-x").orElseThrow().ref();

    assertThat(found.node()).contains("b");
    assertThat(cluster.jobs().logs().tailLines(found, 1)).containsExactly(
        "2026-11-23 18:27:14 [scrapy.core.engine] INFO: Spider closed (finished)");
  }
}
