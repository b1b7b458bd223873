package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.testing.FinishingNodes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@link TaskScheduler} instances, each with its own {@link JdbcRunStore} (its own
 * connections, as two JVMs would have) on one database, fire the same tasks over the same nodes
 * for several seconds: every fire time is recorded and run exactly once, and each scheduled job is
 * one run of one fire.
 */
abstract class TwoSchedulersOneDatabaseContract {
  private static final Logger LOG = LoggerFactory.getLogger(TwoSchedulersOneDatabaseContract.class);
  private static final Duration WINDOW = Duration.ofSeconds(8);

  protected final String prefix = "s" + UUID.randomUUID().toString().replace("-", "")
      .substring(0, 12) + "_";

  /** A builder for the database (URL and credentials set). */
  protected abstract JdbcRunStore.Builder database();

  /** A direct connection to the database, to count and drop. */
  protected abstract Connection connect() throws SQLException;

  @Test
  void everyFireTimeOfTheSharedTasksRunsExactlyOnce() throws Exception {
    Instant alignedStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    List<CrawlTask> tasks = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      tasks.add(CrawlTask.builder().id("every-second-" + k).project("shop").spider("products")
          .trigger(Trigger.cron("* * * * * *", ZoneOffset.UTC)).build());
    }
    for (int k = 0; k < 2; k++) {
      tasks.add(CrawlTask.builder().id("rate-" + k).project("shop").spider("products")
          .overlap(OverlapPolicy.ALLOW)
          .trigger(Trigger.fixedRate(Duration.ofMillis(1500), alignedStart)).build());
    }
    Polling fast = Polling.builder().initialInterval(Duration.ofMillis(100))
        .maxInterval(Duration.ofMillis(300)).build();

    Instant started;
    Instant stopped;
    try (FinishingNodes nodes = new FinishingNodes(3, "shop", "products",
            Duration.ofMillis(200), Duration.ofMillis(50));
        ClusterClient cluster = nodes.cluster();
        JdbcRunStore storeA = database().tablePrefix(prefix).build();
        JdbcRunStore storeB = database().tablePrefix(prefix).build()) {
      TaskScheduler a = TaskScheduler.builder().cluster(cluster).store(storeA)
          .instanceId("instance-a").polling(fast).tasks(tasks).build();
      TaskScheduler b = TaskScheduler.builder().cluster(cluster).store(storeB)
          .instanceId("instance-b").polling(fast).tasks(tasks).build();
      started = Instant.now();
      a.start();
      b.start();
      Thread.sleep(WINDOW.toMillis());
      a.close();
      b.close();
      stopped = Instant.now();
      Thread.sleep(500); // schedule calls in flight when closing have landed

      List<TaskRun> runs = storeA.history(Optional.empty(), 10_000);
      Map<String, Integer> byInstance = new HashMap<>();
      Set<String> keys = new HashSet<>();
      Set<String> jobs = new HashSet<>();
      for (TaskRun run : runs) {
        assertThat(keys.add(run.taskId().orElseThrow() + "@" + run.fireTime().orElseThrow()
            + "#" + run.attempt())).as("one record per fire").isTrue();
        run.jobId().ifPresent(j -> assertThat(jobs.add(run.node().orElse("?") + "/" + j))
            .as("one run per job").isTrue());
        byInstance.merge(run.instanceId().orElse("?"), 1, Integer::sum);
      }
      long scheduledJobs = runs.stream()
          .filter(r -> r.status() == RunStatus.SCHEDULED || r.status() == RunStatus.FINISHED)
          .count();
      LOG.info("{} runs in {} ({} jobs scheduled, {} schedule.json calls), by instance {}",
          runs.size(), Duration.between(started, stopped), scheduledJobs, nodes.schedules(),
          byInstance);

      // Every whole second well inside the window was a fire time of each every-second task,
      // recorded once.
      for (int k = 0; k < 4; k++) {
        String task = "every-second-" + k;
        Set<Instant> fired = new HashSet<>();
        for (TaskRun run : runs) {
          if (run.taskId().get().equals(task) && run.attempt() == 0) {
            fired.add(run.fireTime().get());
          }
        }
        for (Instant t = started.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
            t.isBefore(stopped.minusSeconds(1)); t = t.plusSeconds(1)) {
          assertThat(fired).as(task + " fired at " + t).contains(t);
        }
      }
      // Each fire of the fixed-rate tasks (overlap allowed) ran: a job per fire.
      for (int k = 0; k < 2; k++) {
        String task = "rate-" + k;
        long fires = runs.stream().filter(r -> r.taskId().get().equals(task)).count();
        assertThat(fires).as(task + " fires").isGreaterThanOrEqualTo(
            WINDOW.toMillis() / 1500 - 2);
      }
      // Nothing was scheduled twice: each job on the nodes is the job of one recorded run (whose
      // key is unique, see above).
      List<String> nodeJobs = nodes.jobIds();
      assertThat(nodeJobs).hasSize((int) nodes.schedules()).doesNotHaveDuplicates();
      Set<String> recordedJobs = new HashSet<>();
      runs.forEach(r -> r.jobId().ifPresent(recordedJobs::add));
      assertThat(recordedJobs).containsAll(nodeJobs);
      assertThat(scheduledJobs).isGreaterThan(20);
    } finally {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + prefix + "runs");
        s.execute("DROP TABLE IF EXISTS " + prefix + "schema");
      }
    }
  }

  @Test
  void anInstanceStartedAfterAGapResumesAfterTheLatestFireWithEachTasksMisfirePolicy()
      throws Exception {
    List<CrawlTask> tasks = List.of(
        CrawlTask.builder().id("skipper").project("shop").spider("products")
            .trigger(Trigger.cron("* * * * * *", ZoneOffset.UTC)).build(),
        CrawlTask.builder().id("runner").project("shop").spider("products")
            .misfire(MisfirePolicy.RUN_ONCE)
            .trigger(Trigger.cron("* * * * * *", ZoneOffset.UTC)).build());
    Polling fast = Polling.builder().initialInterval(Duration.ofMillis(100))
        .maxInterval(Duration.ofMillis(300)).build();
    try (FinishingNodes nodes = new FinishingNodes(2, "shop", "products",
            Duration.ofMillis(200), Duration.ofMillis(50));
        ClusterClient cluster = nodes.cluster();
        JdbcRunStore storeA = database().tablePrefix(prefix).build();
        JdbcRunStore storeB = database().tablePrefix(prefix).build()) {
      TaskScheduler a = TaskScheduler.builder().cluster(cluster).store(storeA)
          .instanceId("instance-a").polling(fast).misfireGrace(Duration.ofMillis(200))
          .tasks(tasks).build();
      a.start();
      Thread.sleep(3000);
      a.close();
      Instant stoppedA = Instant.now();
      // Three whole seconds missed; B starts half-way through a second, so that the latest
      // missed fire is 500 ms old: past the 200 ms grace.
      Instant startB = stoppedA.truncatedTo(ChronoUnit.SECONDS).plusMillis(3500);
      Thread.sleep(Duration.between(Instant.now(), startB).toMillis());
      TaskScheduler b = TaskScheduler.builder().cluster(cluster).store(storeB)
          .instanceId("instance-b").polling(fast).misfireGrace(Duration.ofMillis(200))
          .tasks(tasks).build();
      Instant startedB = Instant.now();
      b.start();
      Thread.sleep(2500);
      b.close();

      Instant latestMissed = startedB.truncatedTo(ChronoUnit.SECONDS);
      List<TaskRun> skipper = inGap(storeB.history(Optional.of("skipper"), 100), stoppedA,
          startedB);
      List<TaskRun> runner = inGap(storeB.history(Optional.of("runner"), 100), stoppedA,
          startedB);
      assertThat(skipper).as("the missed fires of a SKIP task: one SKIPPED run")
          .singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SKIPPED);
            assertThat(r.fireTime()).contains(latestMissed);
            assertThat(r.instanceId()).contains("instance-b");
          });
      assertThat(runner).as("the missed fires of a RUN_ONCE task: one run, for the latest")
          .singleElement().satisfies(r -> {
            assertThat(r.status()).isNotEqualTo(RunStatus.SKIPPED);
            assertThat(r.jobId()).isPresent();
            assertThat(r.fireTime()).contains(latestMissed);
          });
      // and both went on firing every second after the gap
      assertThat(storeB.lastFireTime("skipper").orElseThrow())
          .isAfterOrEqualTo(latestMissed.plusSeconds(2));
      assertThat(storeB.lastFireTime("runner").orElseThrow())
          .isAfterOrEqualTo(latestMissed.plusSeconds(2));
    } finally {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + prefix + "runs");
        s.execute("DROP TABLE IF EXISTS " + prefix + "schema");
      }
    }
  }

  private static List<TaskRun> inGap(List<TaskRun> runs, Instant from, Instant to) {
    List<TaskRun> out = new ArrayList<>();
    for (TaskRun r : runs) {
      Instant t = r.fireTime().orElseThrow();
      if (t.isAfter(from) && t.isBefore(to)) {
        out.add(r);
      }
    }
    return out;
  }

  static int count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
