package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.logs.ScrapyStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunStore} does, run on each store (in memory, JDBC on H2 and on
 * PostgreSQL): claims that only one caller wins, saves keyed as {@link RunStore#save} says,
 * lookups, history order and the runs a restarted scheduler resumes.
 */
abstract class RunStoreContract {
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  protected RunStore store;

  /** A new, empty store. */
  protected abstract RunStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static TaskRun claimed(String task, Instant fireTime) {
    return TaskRun.builder().taskId(task).fireTime(fireTime).instanceId("instance-a")
        .status(RunStatus.CLAIMED).project("shop").spider("products").build();
  }

  static TaskRun harvested(String node, String jobId, Instant finishedAt) {
    return TaskRun.builder().node(node).jobId(jobId).project("shop").spider("products")
        .status(RunStatus.FINISHED).verdict(JobOutcome.Verdict.SUCCEEDED)
        .finishedAt(finishedAt).build();
  }

  static ScrapyStats realStats() throws IOException {
    try (InputStream in = RunStoreContract.class.getResourceAsStream("/recordings/log_full.http")) {
      String log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int from = log.indexOf('{', log.indexOf("Dumping Scrapy stats:"));
      int to = log.indexOf(")}", from) + 2;
      return ScrapyStats.parse(log.substring(from, to));
    }
  }

  @Test
  void aClaimWinsOnceAndTheSameKeyIsThenRefused() {
    assertThat(store.claim(claimed("nightly", T0))).isTrue();
    TaskRun other = TaskRun.builder().from(claimed("nightly", T0)).instanceId("instance-b")
        .build();
    assertThat(store.claim(other)).isFalse();
    List<TaskRun> runs = store.history(Optional.of("nightly"), 10);
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).instanceId()).contains("instance-a");
  }

  @Test
  void anotherAttemptFireTimeOrTaskIsAClaimOfItsOwn() {
    assertThat(store.claim(claimed("nightly", T0))).isTrue();
    assertThat(store.claim(TaskRun.builder().from(claimed("nightly", T0)).attempt(1).build()))
        .isTrue();
    assertThat(store.claim(claimed("nightly", T0.plusSeconds(60)))).isTrue();
    assertThat(store.claim(claimed("hourly", T0))).isTrue();
    assertThat(store.claim(TaskRun.builder().from(claimed("nightly", T0)).attempt(1).build()))
        .isFalse();
    assertThat(store.history(Optional.empty(), 10)).hasSize(4);
  }

  @Test
  void aHarvestedJobCannotBeClaimed() {
    assertThatThrownBy(() -> store.claim(harvested("node-1", "j1", T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task");
  }

  @Test
  void saveReplacesTheClaimedRunWithItsNewState() {
    store.claim(claimed("nightly", T0));
    TaskRun scheduled = TaskRun.builder().from(claimed("nightly", T0))
        .status(RunStatus.SCHEDULED).node("node-1").jobId("j1")
        .scheduledAt(T0.plusMillis(250)).build();
    store.save(scheduled);

    assertThat(store.history(Optional.of("nightly"), 10)).containsExactly(scheduled);
    assertThat(store.findByJob("node-1", "shop", "j1")).contains(scheduled);
    assertThat(store.unfinished()).containsExactly(scheduled);
  }

  @Test
  void saveAddsARunThatWasNeverClaimed() {
    TaskRun skipped = TaskRun.builder().from(claimed("nightly", T0)).status(RunStatus.SKIPPED)
        .finishedAt(T0).addReasons("the previous run is still running").build();
    store.save(skipped);
    assertThat(store.history(Optional.of("nightly"), 10)).containsExactly(skipped);
    assertThat(store.claim(claimed("nightly", T0))).isFalse();
  }

  @Test
  void aRunWithEveryFieldComesBackEqual() throws IOException {
    TaskRun full = TaskRun.builder().taskId("nightly").fireTime(T0).attempt(2)
        .instanceId("host-1:4242").status(RunStatus.FINISHED).project("shop")
        .spider("products").node("node-7").jobId("6487ec79947edab326d6db28a2d86511")
        .scheduledAt(T0.plusMillis(120)).startedAt(T0.plusSeconds(3))
        .finishedAt(T0.plusSeconds(95)).verdict(JobOutcome.Verdict.FAILED)
        .addReasons("finish reason 'shutdown'", "3 ERROR lines, quote ' and \"\n")
        .stats(realStats()).itemsCount(1234).error("an error, naïve text").build();
    store.save(full);

    TaskRun back = store.findByJob("node-7", "shop", "6487ec79947edab326d6db28a2d86511")
        .orElseThrow();
    assertThat(back).isEqualTo(full);
    assertThat(back.stats().orElseThrow().startTime()).isEqualTo(full.stats().get().startTime());
    assertThat(back.duration()).contains(java.time.Duration.ofSeconds(92));
  }

  @Test
  void aHarvestedJobIsKeyedByNodeProjectAndJobId() {
    TaskRun first = harvested("node-1", "j1", T0);
    store.save(first);
    TaskRun again = TaskRun.builder().from(first).itemsCount(17).build();
    store.save(again);
    store.save(harvested("node-2", "j1", T0));

    assertThat(store.findByJob("node-1", "shop", "j1")).contains(again);
    assertThat(store.findByJob("node-2", "shop", "j1")).isPresent();
    assertThat(store.findByJob("node-1", "other", "j1")).isEmpty();
    assertThat(store.findByJob("node-3", "shop", "j1")).isEmpty();
    assertThat(store.history(Optional.empty(), 10)).hasSize(2);
  }

  @Test
  void historyIsNewestFirstLimitedAndFilteredByTask() {
    for (int k = 0; k < 5; k++) {
      store.claim(claimed("nightly", T0.plusSeconds(60L * k)));
    }
    store.claim(TaskRun.builder().from(claimed("nightly", T0.plusSeconds(240))).attempt(1)
        .build());
    store.claim(claimed("hourly", T0.plusSeconds(30)));
    store.save(harvested("node-1", "outside", T0.plusSeconds(150)));

    List<TaskRun> nightly = store.history(Optional.of("nightly"), 3);
    assertThat(nightly).extracting(r -> r.fireTime().orElseThrow() + "#" + r.attempt())
        .containsExactly(T0.plusSeconds(240) + "#1", T0.plusSeconds(240) + "#0",
            T0.plusSeconds(180) + "#0");
    List<TaskRun> all = store.history(Optional.empty(), 100);
    assertThat(all).hasSize(8);
    assertThat(all.get(3).jobId()).contains("outside"); // by its finish time, between 180 and 120
    assertThat(store.history(Optional.of("never"), 10)).isEmpty();
    assertThatThrownBy(() -> store.history(Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
  }

  @Test
  void lastFireTimeIsTheLatestWhateverBecameOfIt() {
    assertThat(store.lastFireTime("nightly")).isEmpty();
    store.claim(claimed("nightly", T0));
    store.save(TaskRun.builder().from(claimed("nightly", T0.plusSeconds(3600)))
        .status(RunStatus.SKIPPED).build());
    store.claim(claimed("hourly", T0.plusSeconds(7200)));
    assertThat(store.lastFireTime("nightly")).contains(T0.plusSeconds(3600));
  }

  @Test
  void unfinishedHoldsTheClaimedAndScheduledRunsOnly() {
    store.claim(claimed("a", T0));
    store.save(TaskRun.builder().from(claimed("b", T0)).status(RunStatus.SCHEDULED)
        .node("n").jobId("jb").build());
    for (RunStatus done : RunStatus.values()) {
      if (done.isDone()) {
        store.save(TaskRun.builder().from(claimed("c-" + done, T0)).status(done).build());
      }
    }
    assertThat(store.unfinished()).extracting(r -> r.taskId().orElseThrow())
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void ofManyThreadsClaimingTheSameFireTimesExactlyOneWinsEach() throws Exception {
    int threads = 12;
    int fires = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Instant>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String instance = "instance-" + t;
        results.add(pool.submit(() -> {
          start.await();
          List<Instant> won = new ArrayList<>();
          for (int f = 0; f < fires; f++) {
            Instant fire = T0.plusSeconds(f);
            if (store.claim(TaskRun.builder().from(claimed("contended", fire))
                .instanceId(instance).build())) {
              won.add(fire);
            }
          }
          return won;
        }));
      }
      start.countDown();
      List<Instant> allWins = new ArrayList<>();
      for (Future<List<Instant>> r : results) {
        allWins.addAll(r.get(60, TimeUnit.SECONDS));
      }
      assertThat(allWins).hasSize(fires).doesNotHaveDuplicates();
      assertThat(store.history(Optional.of("contended"), 1000)).hasSize(fires);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentSavesOfOneRunLeaveOneRecord() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger failures = new AtomicInteger();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long items = t;
        done.add(pool.submit(() -> {
          start.await();
          try {
            store.save(TaskRun.builder().from(claimed("raced", T0)).status(RunStatus.FINISHED)
                .itemsCount(items).build());
          } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw e;
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).hasValue(0);
    assertThat(store.history(Optional.of("raced"), 10)).hasSize(1);
  }

  static String ids(List<TaskRun> runs) {
    return runs.stream().map(r -> r.taskId().orElse("-") + "@" + r.fireTime().orElse(null))
        .collect(Collectors.joining(", "));
  }
}
