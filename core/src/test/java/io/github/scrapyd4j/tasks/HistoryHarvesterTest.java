package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Finished jobs of FakeScrapyd nodes, with real Scrapy logs, harvested into a RunStore. */
class HistoryHarvesterTest {
  static String fixture(String name) throws Exception {
    try (InputStream in = HistoryHarvesterTest.class.getResourceAsStream("/logs/real/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static TaskRun run(MapRunStore store, String node, String job) {
    return store.findByJob(node, "p", job)
        .orElseThrow(() -> new AssertionError("not recorded: " + job));
  }

  @Test
  void finishedJobsAreRecordedOnceWithVerdictStatsAndItemsAndTaskRunsAreLeftAlone()
      throws Exception {
    MapRunStore store = new MapRunStore();
    try (FakeScrapyd a = new FakeScrapyd(); FakeScrapyd b = new FakeScrapyd();
         ClusterClient cluster = ClusterClient.builder()
             .node(Node.of("a", a.url())).node(Node.of("b", b.url())).build();
         HistoryHarvester harvester = HistoryHarvester.builder(cluster, store).build()) {
      a.job("p", "slow", "j1", "finished");
      a.put("/logs/p/slow/j1.log", fixture("slow-logstats.log"));
      a.job("p", "slow", "j0", "finished"); // a task's run, already recorded
      a.put("/logs/p/slow/j0.log", fixture("slow-logstats.log"));
      b.job("p", "errs", "j2", "finished");
      b.put("/logs/p/errs/j2.log", fixture("errs-logstats.log"));
      b.job("p", "errs", "j3", "finished"); // its log is gone
      b.job("p", "errs", "j4", "running");
      b.put("/logs/p/errs/j4.log", fixture("errs-logstats.log").substring(0, 3000));
      TaskRun mine = TaskRun.builder().taskId("nightly")
          .fireTime(Instant.parse("2026-12-06T19:00:00Z"))
          .status(RunStatus.SCHEDULED).project("p").spider("slow").node("a").jobId("j0").build();
      store.save(mine);

      assertThat(harvester.harvestOnce()).isEqualTo(3);

      TaskRun good = run(store, "a", "j1");
      assertThat(good.taskId()).isEmpty();
      assertThat(good.status()).isEqualTo(RunStatus.FINISHED);
      assertThat(good.spider()).isEqualTo("slow");
      assertThat(good.verdict()).contains(JobOutcome.Verdict.SUCCEEDED);
      assertThat(good.itemsCount()).hasValue(25);
      assertThat(good.stats().get().requests()).isEqualTo(25);
      assertThat(good.startedAt()).contains(Instant.parse("2026-12-06T19:32:56.689940Z"));
      assertThat(good.duration().get()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(7));
      TaskRun failed = run(store, "b", "j2");
      assertThat(failed.verdict()).contains(JobOutcome.Verdict.FAILED);
      assertThat(failed.reasons()).singleElement().asString()
          .startsWith("4 ERROR/CRITICAL log lines");
      assertThat(failed.itemsCount()).hasValue(8);
      TaskRun noLog = run(store, "b", "j3");
      assertThat(noLog.verdict()).isEmpty();
      assertThat(noLog.error()).hasValueSatisfying(e -> assertThat(e).contains("does not serve"));
      assertThat(noLog.finishedAt()).contains(Instant.parse("2026-11-23T18:00:05.5Z"));
      assertThat(store.findByJob("b", "p", "j4")).isEmpty();
      assertThat(store.findByJob("a", "p", "j0")).contains(mine);
      assertThat(store.saves).isEqualTo(1 + 3);

      long logReads = a.count("GET /logs/") + b.count("GET /logs/");
      assertThat(harvester.harvestOnce()).isZero();
      assertThat(a.count("GET /logs/") + b.count("GET /logs/")).isEqualTo(logReads);
      assertThat(store.saves).isEqualTo(4);
    }
  }

  @Test
  void aNodeThatCannotBeListedIsHarvestedNextTime() throws Exception {
    MapRunStore store = new MapRunStore();
    try (FakeScrapyd a = new FakeScrapyd(); FakeScrapyd b = new FakeScrapyd();
         ClusterClient cluster = ClusterClient.builder()
             .node(Node.of("a", a.url())).node(Node.of("b", b.url()))
             .retryPolicy(RetryPolicy.none()).build();
         HistoryHarvester harvester = HistoryHarvester.builder(cluster, store).build()) {
      a.job("p", "slow", "j1", "finished");
      a.put("/logs/p/slow/j1.log", fixture("slow-logstats.log"));
      b.job("p", "errs", "j2", "finished");
      b.put("/logs/p/errs/j2.log", fixture("errs-logstats.log"));
      b.fail("/listjobs.json", FakeScrapyd.Fault.SERVER_ERROR, 1);

      assertThat(harvester.harvestOnce()).isEqualTo(1);
      assertThat(store.findByJob("b", "p", "j2")).isEmpty();
      assertThat(harvester.harvestOnce()).isEqualTo(1);
      assertThat(run(store, "b", "j2").verdict()).contains(JobOutcome.Verdict.FAILED);
    }
  }

  @Test
  void startedHarvestsRecordJobsThatFinishLater() throws Exception {
    MapRunStore store = new MapRunStore();
    try (FakeScrapyd a = new FakeScrapyd();
         ClusterClient cluster = ClusterClient.builder().node(Node.of("a", a.url())).build();
         HistoryHarvester harvester = HistoryHarvester.builder(cluster, store)
             .interval(Duration.ofMillis(50)).build()) {
      a.job("p", "slow", "j1", "running");
      a.put("/logs/p/slow/j1.log", fixture("slow-logstats.log"));
      harvester.start();
      Thread.sleep(200);
      assertThat(store.findByJob("a", "p", "j1")).isEmpty();
      a.state("j1", "finished");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (store.findByJob("a", "p", "j1").isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(run(store, "a", "j1").verdict()).contains(JobOutcome.Verdict.SUCCEEDED);
      assertThat(store.history(Optional.empty(), 10)).hasSize(1);
    }
  }
}
