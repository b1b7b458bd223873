package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.alerts.Alert;
import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler against a {@link FakeScrapyd} node on virtual time: fires, verdicts, overlap
 * policies, re-runs, schedules of unknown outcome, lost claims, restarts and misfires. The
 * scheduler's work runs on the test's thread ({@code Runnable::run}); the time moves only when
 * the test moves it.
 */
class TaskSchedulerTest {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final String GOOD = Recording.load("log_full").bodyText();
  static final String FAILED = GOOD.replace("'finish_reason': 'finished'",
      "'finish_reason': 'closespider_errorcount'");
  static final String CRASHED = "2026-11-23 12:10:01 [scrapy.utils.log] INFO: Scrapy 2.11 started\n";

  FakeScrapyd fake;
  ScrapydClient client;
  VirtualTime time;
  InMemoryRunStore store;
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  TaskScheduler scheduler;

  final RunListener recorder = new RunListener() {
    @Override
    public void claimed(CrawlTask task, TaskRun run) {
      events.add("claimed " + task.id() + " " + run.fireTime().get() + " #" + run.attempt());
    }

    @Override
    public void scheduled(CrawlTask task, TaskRun run, JobRef job) {
      events.add("scheduled " + task.id() + " " + job.jobId());
    }

    @Override
    public void finished(CrawlTask task, TaskRun run) {
      events.add("finished " + task.id() + " " + run.status());
    }
  };

  @BeforeEach
  void setUp() {
    fake = new FakeScrapyd().project("shop", "products");
    client = ScrapydClient.builder().baseUri(fake.url()).build();
    time = new VirtualTime(T0);
    time.watch(() -> fake.requests().size());
    store = new InMemoryRunStore();
  }

  @AfterEach
  void tearDown() {
    if (scheduler != null) {
      scheduler.close();
    }
    client.close();
    fake.close();
  }

  TaskScheduler.Builder builder() {
    return TaskScheduler.builder()
        .client(client)
        .store(store)
        .alertSink(alerts::add)
        .clock(time.clock())
        .timer(time)
        .executor(Runnable::run)
        .instanceId("test-1")
        .listener(recorder)
        .polling(Polling.builder().initialInterval(Duration.ofSeconds(1))
            .maxInterval(Duration.ofSeconds(5)).vanishGrace(Duration.ofSeconds(30)).build());
  }

  static CrawlTask.Builder task(String id) {
    return CrawlTask.builder().id(id).project("shop").spider("products")
        .trigger(Trigger.cron("*/10 * * * *"));
  }

  TaskScheduler start(TaskScheduler.Builder b) {
    scheduler = b.build();
    scheduler.start();
    return scheduler;
  }

  Optional<TaskRun> run(String taskId, Instant fire, int attempt) {
    return store.history(Optional.of(taskId), 1000).stream()
        .filter(r -> r.fireTime().get().equals(fire) && r.attempt() == attempt).findFirst();
  }

  boolean done(String taskId, Instant fire, int attempt) {
    return run(taskId, fire, attempt).map(r -> r.status().isDone()).orElse(false);
  }

  void finish(String jobId, String log) {
    fake.put("/logs/shop/products/" + jobId + ".log", log);
    fake.state(jobId, "finished");
  }

  static Instant at(String hhmm) {
    return Instant.parse("2026-11-23T" + hhmm + ":00Z");
  }

  @Test
  void aCronTaskFiresOnTimeAndItsRunIsRecordedWithItsVerdict() {
    start(builder().task(task("every10").putArg("category", "garden")
        .putSetting("DOWNLOAD_DELAY", "2").build()));
    assertThat(scheduler.nextFireTime("every10")).contains(at("12:10"));

    time.advanceTo(at("12:09"));
    assertThat(fake.hits("/schedule.json")).isZero();
    time.advanceTo(at("12:10"));

    assertThat(fake.jobs("pending")).hasSize(1);
    String jobId = fake.jobs("pending").get(0);
    assertThat(fake.args(jobId)).containsEntry("category", "garden");
    TaskRun scheduled = run("every10", at("12:10"), 0).orElseThrow();
    assertThat(scheduled.status()).isEqualTo(RunStatus.SCHEDULED);
    assertThat(scheduled.jobId()).contains(jobId);
    assertThat(scheduled.node()).contains(client.baseUri().getHost() + ":"
        + client.baseUri().getPort());
    assertThat(scheduled.instanceId()).contains("test-1");
    assertThat(scheduler.activeRuns()).hasSize(1);
    assertThat(scheduler.nextFireTime("every10")).contains(at("12:20"));

    fake.state(jobId, "running");
    finish(jobId, GOOD);
    time.runUntil(() -> done("every10", at("12:10"), 0), at("12:19"));

    TaskRun finished = run("every10", at("12:10"), 0).orElseThrow();
    assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(finished.verdict()).contains(JobOutcome.Verdict.SUCCEEDED);
    assertThat(finished.itemsCount()).hasValue(31);
    assertThat(finished.stats()).isPresent();
    assertThat(finished.finishedAt()).isPresent();
    assertThat(scheduler.activeRuns()).isEmpty();
    assertThat(alerts).isEmpty();
    assertThat(events).containsExactly("claimed every10 " + at("12:10") + " #0",
        "scheduled every10 " + jobId, "finished every10 FINISHED");
  }

  @Test
  void overlapSkipRecordsASkippedFireAndAlerts() {
    start(builder().task(task("skip").build()));
    time.advanceTo(at("12:10"));
    String first = fake.jobs("pending").get(0);
    fake.state(first, "running");

    time.advanceTo(at("12:20"));

    assertThat(fake.hits("/schedule.json")).isEqualTo(1);
    TaskRun skipped = run("skip", at("12:20"), 0).orElseThrow();
    assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(skipped.reasons()).singleElement().asString()
        .contains("previous run").contains(first).contains("overlap SKIP");
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AlertKind.TASK_SKIPPED);
      assertThat(a.taskId()).contains("skip");
      assertThat(a.fields()).containsEntry("previousJobId", first);
    });

    finish(first, GOOD);
    time.runUntil(() -> done("skip", at("12:10"), 0), at("12:29"));
    time.advanceTo(at("12:30"));
    assertThat(fake.hits("/schedule.json")).as("runs again once the previous ended").isEqualTo(2);
  }

  @Test
  void aJobItsNodeForgetsIsRecordedLostAndAlerted() {
    start(builder().task(task("vanish").maxReruns(2).build()));
    time.advanceTo(at("12:10"));
    fake.state(fake.jobs("pending").get(0), null);
    time.runUntil(() -> done("vanish", at("12:10"), 0), at("12:19"));

    TaskRun lost = run("vanish", at("12:10"), 0).get();
    assertThat(lost.status()).isEqualTo(RunStatus.LOST);
    assertThat(lost.verdict()).isEmpty();
    assertThat(lost.error()).isPresent();
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AlertKind.RUN_CRASHED);
      assertThat(a.title()).contains("lost");
    });
    assertThat(run("vanish", at("12:10"), 1)).as("a lost run is not re-run").isEmpty();
  }

  @Test
  void aRunWhoseNodeStopsAnsweringIsFollowedUntilLostAfter() {
    client.close();
    client = ScrapydClient.builder().baseUri(fake.url())
        .retryPolicy(io.github.scrapyd4j.RetryPolicy.none()).build();
    start(builder().client(client).lostAfter(Duration.ofMinutes(2)).task(task("down").build()));
    time.advanceTo(at("12:10"));
    fake.fail("/status.json", FakeScrapyd.Fault.UNAVAILABLE, 10_000);

    time.runUntil(() -> done("down", at("12:10"), 0), at("12:19"));

    TaskRun lost = run("down", at("12:10"), 0).get();
    assertThat(lost.status()).isEqualTo(RunStatus.LOST);
    assertThat(lost.error().get()).startsWith("its node could not be asked for PT2M");
    assertThat(lost.finishedAt().get()).as("after lostAfter").isAfterOrEqualTo(at("12:12"));
    assertThat(fake.hits("/status.json")).as("asked again and again until then").isGreaterThan(5);
  }

  @Test
  void overlapAllowStartsAnotherRun() {
    start(builder().task(task("allow").overlap(OverlapPolicy.ALLOW).build()));
    time.advanceTo(at("12:10"));
    fake.state(fake.jobs("pending").get(0), "running");
    time.advanceTo(at("12:20"));

    assertThat(fake.hits("/schedule.json")).isEqualTo(2);
    assertThat(run("allow", at("12:20"), 0).orElseThrow().status())
        .isEqualTo(RunStatus.SCHEDULED);
    assertThat(scheduler.activeRuns()).hasSize(2);
  }

  @Test
  void overlapCancelPreviousCancelsTheRunningJobAndNeverReRunsIt() {
    start(builder().task(task("cancel").overlap(OverlapPolicy.CANCEL_PREVIOUS).maxReruns(2)
        .build()));
    time.advanceTo(at("12:10"));
    String first = fake.jobs("pending").get(0);
    fake.state(first, "running");
    fake.put("/logs/shop/products/" + first + ".log",
        GOOD.replace("'finish_reason': 'finished'", "'finish_reason': 'shutdown'"));

    time.advanceTo(at("12:20"));

    assertThat(fake.hits("/cancel.json")).isEqualTo(1);
    assertThat(fake.jobs("finished")).containsExactly(first); // the fake finishes a cancelled job
    time.runUntil(() -> done("cancel", at("12:10"), 0), at("12:29"));
    TaskRun cancelled = run("cancel", at("12:10"), 0).orElseThrow();
    assertThat(cancelled.verdict()).contains(JobOutcome.Verdict.FAILED);
    assertThat(cancelled.reasons()).anySatisfy(r -> assertThat(r)
        .contains("replaces it (overlap CANCEL_PREVIOUS)"));
    assertThat(run("cancel", at("12:10"), 1)).as("no re-run of a cancelled run").isEmpty();
    assertThat(run("cancel", at("12:20"), 0).orElseThrow().status())
        .isEqualTo(RunStatus.SCHEDULED);
    assertThat(fake.hits("/schedule.json")).isEqualTo(2);
  }

  @Test
  void aFailedRunIsReRunUpToItsMaximumAndAlerted() {
    start(builder().task(task("rerun").maxReruns(1).build()));
    time.advanceTo(at("12:10"));
    finish(fake.jobs("pending").get(0), FAILED);
    time.runUntil(() -> run("rerun", at("12:10"), 1).filter(r -> r.status()
        == RunStatus.SCHEDULED).isPresent(), at("12:19"));

    TaskRun rerun = run("rerun", at("12:10"), 1).orElseThrow();
    assertThat(rerun.status()).isEqualTo(RunStatus.SCHEDULED);
    assertThat(rerun.reasons()).singleElement().asString().startsWith("re-run 1 of 1 after FAILED");
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AlertKind.RUN_FAILED);
      assertThat(a.text()).contains("closespider_errorcount");
      assertThat(a.fields()).containsEntry("verdict", "FAILED").containsEntry("attempt", "0");
      assertThat(a.job()).isPresent();
    });

    finish(rerun.jobId().get(), CRASHED);
    time.runUntil(() -> done("rerun", at("12:10"), 1), at("12:19"));
    assertThat(run("rerun", at("12:10"), 1).get().verdict()).contains(JobOutcome.Verdict.CRASHED);
    assertThat(alerts).extracting(Alert::kind)
        .containsExactly(AlertKind.RUN_FAILED, AlertKind.RUN_CRASHED);
    time.advanceTo(at("12:19"));
    assertThat(fake.hits("/schedule.json")).as("one re-run only").isEqualTo(2);
  }

  @Test
  void aScheduleOfUnknownOutcomeIsNeverRetried() {
    fake.fail("/schedule.json", FakeScrapyd.Fault.DISCONNECT, 1);
    start(builder().task(task("unknown").maxReruns(3).build()));

    time.advanceTo(at("12:10"));

    TaskRun unknown = run("unknown", at("12:10"), 0).orElseThrow();
    assertThat(unknown.status()).isEqualTo(RunStatus.OUTCOME_UNKNOWN);
    assertThat(unknown.error()).isPresent();
    assertThat(unknown.reasons()).singleElement().asString().contains("not retried");
    assertThat(fake.hits("/schedule.json")).isEqualTo(1);
    assertThat(alerts).singleElement().extracting(Alert::kind)
        .isEqualTo(AlertKind.SCHEDULE_FAILED);
    assertThat(events).endsWith("finished unknown OUTCOME_UNKNOWN");

    time.advanceTo(at("12:19"));
    assertThat(fake.hits("/schedule.json")).isEqualTo(1);
    time.advanceTo(at("12:20"));
    assertThat(fake.hits("/schedule.json")).as("the next fire time runs").isEqualTo(2);
  }

  @Test
  void aScheduleScrapydRefusesFailsToScheduleAndAlerts() {
    start(builder().task(CrawlTask.builder().id("typo").project("shop").spider("prodcuts")
        .trigger(Trigger.cron("*/10 * * * *")).build()));
    time.advanceTo(at("12:10"));

    TaskRun failed = run("typo", at("12:10"), 0).orElseThrow();
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED_TO_SCHEDULE);
    assertThat(failed.error().get()).contains("spider 'prodcuts' not found");
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AlertKind.SCHEDULE_FAILED);
      assertThat(a.text()).contains("prodcuts");
    });
  }

  @Test
  void aFireClaimedByAnotherInstanceIsNotScheduled() {
    InMemoryRunStore shared = store;
    // another instance claimed 12:10 first
    assertThat(shared.claim(TaskRun.builder().taskId("shared").fireTime(at("12:10"))
        .instanceId("other").status(RunStatus.CLAIMED).project("shop").spider("products")
        .build())).isTrue();
    start(builder().task(task("shared").overlap(OverlapPolicy.ALLOW).build()));
    // the store says the task fired at 12:10, so this instance starts after it
    assertThat(scheduler.nextFireTime("shared")).contains(at("12:20"));

    RunStore losing = new ForwardingStore(store) {
      @Override
      public boolean claim(TaskRun run) {
        return false;
      }
    };
    scheduler.close();
    scheduler = null;
    time.advanceTo(at("12:15"));
    start(builder().store(losing).instanceId("test-2").task(task("shared")
        .overlap(OverlapPolicy.ALLOW).build()));
    time.advanceTo(at("12:40"));

    assertThat(fake.hits("/schedule.json")).isZero();
    assertThat(events).isEmpty();
    assertThat(alerts).isEmpty();
  }

  @Test
  void aRestartedInstanceFollowsItsRunsAgain() {
    fake.job("shop", "products", "j-running", "running");
    fake.job("shop", "products", "j-claimed", "pending");
    String node = client.baseUri().getHost() + ":" + client.baseUri().getPort();
    store.claim(TaskRun.builder().taskId("t").fireTime(at("11:40")).instanceId("test-1")
        .status(RunStatus.SCHEDULED).project("shop").spider("products").node(node)
        .jobId("j-running").scheduledAt(at("11:40")).build());
    store.claim(TaskRun.builder().taskId("t").fireTime(at("11:50")).instanceId("test-1")
        .status(RunStatus.CLAIMED).project("shop").spider("products").jobId("j-claimed")
        .build());
    store.claim(TaskRun.builder().taskId("t").fireTime(at("11:55")).instanceId("test-1")
        .status(RunStatus.CLAIMED).project("shop").spider("products").jobId("j-nowhere")
        .build());
    store.claim(TaskRun.builder().taskId("t").fireTime(at("11:30")).instanceId("elsewhere")
        .status(RunStatus.SCHEDULED).project("shop").spider("products").node(node)
        .jobId("j-other").build());

    start(builder().task(task("t").overlap(OverlapPolicy.ALLOW).build()));

    assertThat(run("t", at("11:50"), 0).get().status()).isEqualTo(RunStatus.SCHEDULED);
    TaskRun nowhere = run("t", at("11:55"), 0).get();
    assertThat(nowhere.status()).isEqualTo(RunStatus.FAILED_TO_SCHEDULE);
    assertThat(nowhere.error().get()).contains("stopped between claiming").contains("no node");
    assertThat(scheduler.activeRuns()).extracting(r -> r.jobId().get())
        .containsExactlyInAnyOrder("j-running", "j-claimed");

    finish("j-running", GOOD);
    finish("j-claimed", FAILED);
    time.runUntil(() -> done("t", at("11:40"), 0) && done("t", at("11:50"), 0), at("12:09"));
    assertThat(run("t", at("11:40"), 0).get().verdict()).contains(JobOutcome.Verdict.SUCCEEDED);
    assertThat(run("t", at("11:50"), 0).get().verdict()).contains(JobOutcome.Verdict.FAILED);
    assertThat(run("t", at("11:30"), 0).get().status()).as("another instance's run")
        .isEqualTo(RunStatus.SCHEDULED);
    assertThat(fake.hits("/schedule.json")).as("only the fire at 12:00, due at the start")
        .isEqualTo(1);
    assertThat(run("t", at("12:00"), 0)).isPresent();
    assertThat(scheduler.nextFireTime("t")).contains(at("12:10"));
  }

  @Test
  void missedFiresAreSkippedOnceByDefault() {
    store.claim(TaskRun.builder().taskId("hourly").fireTime(Instant.parse("2026-11-23T09:00:00Z"))
        .instanceId("test-1").status(RunStatus.FINISHED).project("shop").spider("products")
        .build());
    time.advanceTo(at("12:30"));
    start(builder().task(task("hourly").trigger(Trigger.cron("0 * * * *")).build()));

    time.advance(Duration.ZERO);

    TaskRun skipped = run("hourly", at("12:00"), 0).orElseThrow();
    assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(skipped.reasons()).singleElement().asString()
        .contains("missed 3 fire times up to " + at("12:00"));
    assertThat(alerts).singleElement().extracting(Alert::kind).isEqualTo(AlertKind.TASK_SKIPPED);
    assertThat(fake.hits("/schedule.json")).isZero();
    assertThat(scheduler.nextFireTime("hourly")).contains(at("13:00"));
    time.advanceTo(at("13:00"));
    assertThat(fake.hits("/schedule.json")).isEqualTo(1);
  }

  @Test
  void missedFiresRunOnceWithRunOnce() {
    store.claim(TaskRun.builder().taskId("hourly").fireTime(Instant.parse("2026-11-23T09:00:00Z"))
        .instanceId("test-1").status(RunStatus.FINISHED).project("shop").spider("products")
        .build());
    time.advanceTo(at("12:30"));
    start(builder().task(task("hourly").trigger(Trigger.cron("0 * * * *"))
        .misfire(MisfirePolicy.RUN_ONCE).build()));

    time.advance(Duration.ZERO);

    assertThat(fake.hits("/schedule.json")).isEqualTo(1);
    TaskRun late = run("hourly", at("12:00"), 0).orElseThrow();
    assertThat(late.status()).isEqualTo(RunStatus.SCHEDULED);
    assertThat(late.reasons()).singleElement().asString().contains("run once now (RUN_ONCE)");
    assertThat(run("hourly", at("10:00"), 0)).isEmpty();
    assertThat(run("hourly", at("11:00"), 0)).isEmpty();
  }

  @Test
  void aFireLateWithinTheGraceRunsAsUsual() {
    start(builder().misfireGrace(Duration.ofMinutes(2)).task(task("late").build()));
    time.advanceTo(at("12:11"));
    assertThat(run("late", at("12:10"), 0).get().status()).isEqualTo(RunStatus.SCHEDULED);
  }

  @Test
  void aOneShotFiresOnceAndAMissedOneFollowsTheMisfirePolicy() {
    start(builder()
        .task(task("soon").trigger(Trigger.once(at("12:05"))).build())
        .task(task("gone").trigger(Trigger.once(at("11:00"))).build())
        .task(task("gone-run").trigger(Trigger.once(at("11:00"))).misfire(MisfirePolicy.RUN_ONCE)
            .build()));
    time.advance(Duration.ZERO);
    assertThat(run("gone", at("11:00"), 0).get().status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(run("gone-run", at("11:00"), 0).get().status()).isEqualTo(RunStatus.SCHEDULED);

    time.advanceTo(at("13:00"));
    assertThat(run("soon", at("12:05"), 0).get().status()).isEqualTo(RunStatus.SCHEDULED);
    assertThat(scheduler.nextFireTime("soon")).isEmpty();
    assertThat(fake.hits("/schedule.json")).isEqualTo(2);
  }

  @Test
  void aFixedDelayTaskFiresOneDelayAfterItsPreviousRunEnded() {
    start(builder().task(task("breather").trigger(Trigger.fixedDelay(Duration.ofMinutes(5)))
        .build()));
    assertThat(scheduler.nextFireTime("breather")).contains(at("12:05"));
    time.advanceTo(at("12:05"));
    String first = fake.jobs("pending").get(0);
    assertThat(scheduler.nextFireTime("breather")).as("waits for the run").isEmpty();

    time.advanceTo(at("12:30"));
    finish(first, GOOD);
    time.runUntil(() -> done("breather", at("12:05"), 0), at("12:31"));
    Instant end = run("breather", at("12:05"), 0).get().finishedAt().get();
    assertThat(scheduler.nextFireTime("breather")).contains(end.plus(Duration.ofMinutes(5)));
    time.advanceTo(end.plus(Duration.ofMinutes(5)));
    assertThat(fake.hits("/schedule.json")).isEqualTo(2);
  }

  @Test
  void closingLeavesRunningJobsAloneUnlessAsked() {
    start(builder().task(task("a").build()));
    time.advanceTo(at("12:10"));
    scheduler.close();
    assertThat(fake.hits("/cancel.json")).isZero();
    assertThat(run("a", at("12:10"), 0).get().status()).isEqualTo(RunStatus.SCHEDULED);
    time.advanceTo(at("12:30"));
    assertThat(fake.hits("/schedule.json")).as("no fire after close").isEqualTo(1);
    assertThatThrownBy(() -> scheduler.add(task("b").build()))
        .isInstanceOf(IllegalStateException.class);

    scheduler = null;
    start(builder().cancelRunningOnClose(true).task(task("a").build()));
    time.advance(Duration.ZERO);
    scheduler.close();
    assertThat(fake.hits("/cancel.json")).isEqualTo(1);
  }

  @Test
  void tasksAreAddedAndRemovedWhileRunning() {
    start(builder());
    scheduler.add(task("late-comer").build());
    assertThat(scheduler.nextFireTime("late-comer")).contains(at("12:10"));
    assertThatThrownBy(() -> scheduler.add(task("late-comer").build()))
        .hasMessageContaining("already scheduled");
    assertThat(scheduler.remove("late-comer")).isTrue();
    time.advanceTo(at("12:30"));
    assertThat(fake.hits("/schedule.json")).isZero();
    assertThat(scheduler.tasks()).isEmpty();
  }

  @Test
  void theBuilderChecksWhatItIsGiven() {
    assertThatThrownBy(() -> TaskScheduler.builder().build())
        .hasMessageContaining("either cluster(...) or client(...)");
    assertThatThrownBy(() -> TaskScheduler.builder().client(client)
        .task(task("t").target(Target.tagged("eu")).build()).build())
        .hasMessageContaining("tags need a cluster");
    assertThatThrownBy(() -> TaskScheduler.builder().task(task("t").build())
        .task(task("t").build())).hasMessageContaining("given twice");
    assertThatThrownBy(() -> TaskScheduler.builder().maxThreads(0))
        .hasMessageContaining("maxThreads must be 1 to 64");
  }

  @Test
  void manyFiresAtOnceUseNoMoreThanTheWorkerThreads() throws InterruptedException {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Instant soon = Instant.now().plusMillis(300);
    TaskScheduler.Builder b = TaskScheduler.builder().client(client).store(store).maxThreads(2)
        .instanceId("real-time")
        .listener(new RunListener() {
          @Override
          public void claimed(CrawlTask task, TaskRun run) {
            threads.add(Thread.currentThread().getName());
          }
        });
    for (int i = 0; i < 40; i++) {
      b.task(task("t" + i).trigger(Trigger.once(soon)).build());
    }
    scheduler = b.build();
    scheduler.start();
    long deadline = System.currentTimeMillis() + 20_000;
    while (fake.hits("/schedule.json") < 40 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10); // polls for the end; the scheduler works on its own threads
    }
    assertThat(fake.hits("/schedule.json")).isEqualTo(40);
    assertThat(threads).hasSizeBetween(1, 2).allMatch(n -> n.startsWith("scrapyd4j-tasks-"));
  }
}
