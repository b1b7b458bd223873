package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Claims, saves, history, capacity. */
class InMemoryRunStoreTest {
  static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

  static TaskRun run(String task, Instant fire, int attempt, RunStatus status) {
    return TaskRun.builder().taskId(task).fireTime(fire).attempt(attempt).status(status)
        .project("shop").spider("products").instanceId("i").build();
  }

  @Test
  void aFireIsClaimedOnceEvenByConcurrentCallers() throws Exception {
    InMemoryRunStore store = new InMemoryRunStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(pool.submit(() -> {
        go.await();
        return store.claim(run("t", T, 0, RunStatus.CLAIMED));
      }));
    }
    go.countDown();
    int won = 0;
    for (Future<Boolean> r : results) {
      won += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(store.claim(run("t", T, 1, RunStatus.CLAIMED))).as("another attempt").isTrue();
    assertThatThrownBy(() -> store.claim(TaskRun.builder().status(RunStatus.FINISHED)
        .project("p").spider("s").node("n").jobId("j").build()))
        .hasMessageContaining("needs a task id");
  }

  @Test
  void saveReplacesARunAndHistoryIsNewestFirst() {
    InMemoryRunStore store = new InMemoryRunStore();
    store.claim(run("t", T, 0, RunStatus.CLAIMED));
    store.claim(run("t", T.plusSeconds(60), 0, RunStatus.CLAIMED));
    store.claim(run("u", T.plusSeconds(30), 0, RunStatus.CLAIMED));
    store.save(TaskRun.builder().from(run("t", T, 0, RunStatus.SCHEDULED)).node("n")
        .jobId("j1").build());
    store.save(TaskRun.builder().status(RunStatus.FINISHED).project("shop").spider("products")
        .node("n").jobId("harvested").finishedAt(T.plusSeconds(45)).build());

    assertThat(store.history(Optional.of("t"), 10)).extracting(r -> r.fireTime().get())
        .containsExactly(T.plusSeconds(60), T);
    assertThat(store.history(Optional.empty(), 2)).extracting(r -> r.jobId().orElse("-"))
        .containsExactly("-", "harvested");
    assertThat(store.findByJob("n", "shop", "j1").get().status()).isEqualTo(RunStatus.SCHEDULED);
    assertThat(store.findByJob("other", "shop", "j1")).isEmpty();
    assertThat(store.lastFireTime("t")).contains(T.plusSeconds(60));
    assertThat(store.lastFireTime("nope")).isEmpty();
    assertThat(store.unfinished()).hasSize(3);
    assertThat(store.unfinished("t")).hasSize(2);
    assertThatThrownBy(() -> store.history(Optional.empty(), 0)).hasMessageContaining("limit");
  }

  @Test
  void pastItsCapacityOldFinishedRunsGoButNotUnfinishedOnesNorTheLastFireTime() {
    InMemoryRunStore store = new InMemoryRunStore(3);
    store.claim(run("t", T, 0, RunStatus.CLAIMED));
    for (int i = 1; i <= 5; i++) {
      store.claim(run("t", T.plusSeconds(i), 0, RunStatus.FINISHED));
    }
    assertThat(store.history(Optional.empty(), 100)).hasSize(3);
    assertThat(store.unfinished()).extracting(r -> r.fireTime().get()).containsExactly(T);
    assertThat(store.lastFireTime("t")).contains(T.plusSeconds(5));
    assertThatThrownBy(() -> new InMemoryRunStore(0)).hasMessageContaining("capacity");
  }
}
