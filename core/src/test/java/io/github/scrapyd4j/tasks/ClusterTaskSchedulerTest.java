package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.alerts.Alert;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on a cluster of two {@link FakeScrapyd} nodes: targets pick the node, runs are
 * followed and cancelled on their own node, and a restarted instance finds a claimed job by its
 * id on whichever node has it.
 */
class ClusterTaskSchedulerTest {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final String GOOD = Recording.load("log_full").bodyText();

  FakeScrapyd eu;
  FakeScrapyd us;
  ClusterClient cluster;
  VirtualTime time;
  InMemoryRunStore store;
  TaskScheduler scheduler;
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  final List<JobRef> scheduled = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    eu = new FakeScrapyd().project("shop", "products");
    us = new FakeScrapyd().project("shop", "products");
    cluster = ClusterClient.builder()
        .node(Node.builder().id("eu-1").baseUri(eu.url()).addTag("eu").build())
        .node(Node.builder().id("us-1").baseUri(us.url()).addTags("us", "big").build())
        .healthCheckTick(Duration.ZERO)
        .build();
    time = new VirtualTime(T0);
    time.watch(() -> eu.requests().size() + us.requests().size());
    store = new InMemoryRunStore();
  }

  @AfterEach
  void tearDown() {
    if (scheduler != null) {
      scheduler.close();
    }
    cluster.close();
    eu.close();
    us.close();
  }

  TaskScheduler start(CrawlTask... tasks) {
    scheduler = TaskScheduler.builder()
        .cluster(cluster)
        .store(store)
        .alertSink(alerts::add)
        .clock(time.clock())
        .timer(time)
        .executor(Runnable::run)
        .instanceId("c-1")
        .polling(Polling.builder().initialInterval(Duration.ofSeconds(1))
            .maxInterval(Duration.ofSeconds(5)).build())
        .listener(new RunListener() {
          @Override
          public void scheduled(CrawlTask task, TaskRun run, JobRef job) {
            scheduled.add(job);
          }
        })
        .tasks(List.of(tasks))
        .build();
    scheduler.start();
    return scheduler;
  }

  static CrawlTask.Builder task(String id) {
    return CrawlTask.builder().id(id).project("shop").spider("products")
        .trigger(Trigger.cron("*/10 * * * *"));
  }

  Optional<TaskRun> run(String taskId, Instant fire) {
    return store.history(Optional.of(taskId), 100).stream()
        .filter(r -> r.fireTime().get().equals(fire) && r.attempt() == 0).findFirst();
  }

  static Instant at(String hhmm) {
    return Instant.parse("2026-11-23T" + hhmm + ":00Z");
  }

  @Test
  void targetsPlaceRunsAndEachRunIsFollowedOnItsNode() {
    start(task("on-us").target(Target.tagged("us", "big")).build(),
        task("on-eu").target(Target.node("eu-1")).build());
    time.advanceTo(at("12:10"));

    assertThat(us.jobs("pending")).hasSize(1);
    assertThat(eu.jobs("pending")).hasSize(1);
    assertThat(run("on-us", at("12:10")).get().node()).contains("us-1");
    assertThat(run("on-eu", at("12:10")).get().node()).contains("eu-1");
    assertThat(scheduled).extracting(j -> j.node().get()).containsExactlyInAnyOrder("us-1", "eu-1");

    String job = us.jobs("pending").get(0);
    us.put("/logs/shop/products/" + job + ".log", GOOD);
    us.state(job, "finished");
    time.runUntil(() -> run("on-us", at("12:10")).get().status().isDone(), at("12:19"));
    assertThat(run("on-us", at("12:10")).get().verdict()).contains(JobOutcome.Verdict.SUCCEEDED);
    assertThat(eu.count("GET /logs/")).isZero();
    assertThat(run("on-eu", at("12:10")).get().status()).isEqualTo(RunStatus.SCHEDULED);
  }

  @Test
  void aTargetNoNodeMatchesFailsToSchedule() {
    start(task("nowhere").target(Target.tagged("asia")).build());
    time.advanceTo(at("12:10"));
    TaskRun run = run("nowhere", at("12:10")).get();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED_TO_SCHEDULE);
    assertThat(eu.hits("/schedule.json") + us.hits("/schedule.json")).isZero();
    assertThat(alerts).hasSize(1);
  }

  @Test
  void cancelPreviousCancelsOnTheNodeOfThePreviousRun() {
    start(task("swap").target(Target.node("us-1")).overlap(OverlapPolicy.CANCEL_PREVIOUS)
        .build());
    time.advanceTo(at("12:10"));
    String first = us.jobs("pending").get(0);
    us.state(first, "running");
    time.advanceTo(at("12:20"));

    assertThat(us.hits("/cancel.json")).isEqualTo(1);
    assertThat(eu.hits("/cancel.json")).isZero();
    assertThat(us.hits("/schedule.json")).isEqualTo(2);
  }

  @Test
  void aRestartFindsAClaimedJobOnWhicheverNodeHasIt() {
    us.job("shop", "products", "j-claimed", "running");
    store.claim(TaskRun.builder().taskId("t").fireTime(at("11:55")).instanceId("c-1")
        .status(RunStatus.CLAIMED).project("shop").spider("products").jobId("j-claimed")
        .build());
    start(task("t").build());

    TaskRun found = run("t", at("11:55")).get();
    assertThat(found.status()).isEqualTo(RunStatus.SCHEDULED);
    assertThat(found.node()).contains("us-1");
    assertThat(scheduled).extracting(JobRef::jobId).contains("j-claimed");
  }
}
