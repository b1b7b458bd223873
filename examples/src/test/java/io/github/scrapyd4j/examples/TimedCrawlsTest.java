package io.github.scrapyd4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.tasks.JdbcRunStore;
import io.github.scrapyd4j.tasks.RunStatus;
import io.github.scrapyd4j.tasks.TaskRun;
import io.github.scrapyd4j.testing.FinishingNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TimedCrawls on a FakeScrapyd node whose jobs finish on their own, with its history in H2, and
 * in PostgreSQL when .ci/run started one (SCRAPYD4J_TEST_POSTGRES_URL).
 */
class TimedCrawlsTest {
  @TempDir
  Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private List<TaskRun> runFor(String jdbc) throws Exception {
    try (FinishingNodes nodes = new FinishingNodes(1, "shop", "products", Duration.ofMillis(200),
        Duration.ofMillis(50))) {
      int code = TimedCrawls.run(new String[] {nodes.node(0).url(), jdbc, "shop", "products",
          "* * * * * *"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(6));
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      // Every second; a fire while the previous run goes on is skipped (overlap SKIP).
      assertThat(nodes.schedules()).isBetween(2L, 7L);
    }
    try (JdbcRunStore store = JdbcRunStore.builder().url(jdbc).build()) {
      return store.history(Optional.of("shop-products"), 100);
    }
  }

  private void assertRecorded(List<TaskRun> runs) {
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("shop-products: next run ")
        .contains("shop-products FINISHED SUCCEEDED items=3");
    assertThat(runs).hasSizeGreaterThanOrEqualTo(4);
    assertThat(runs).filteredOn(r -> r.status() == RunStatus.FINISHED)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.itemsCount()).hasValue(3));
    assertThat(runs).filteredOn(r -> r.status() == RunStatus.SKIPPED).isNotEmpty();
  }

  @Test
  void firesEverySecondAndRecordsTheRunsInH2() throws Exception {
    assertRecorded(runFor("jdbc:h2:file:" + temp.resolve("history")));
  }

  @Test
  void firesEverySecondAndRecordsTheRunsInPostgres() throws Exception {
    String url = System.getenv("SCRAPYD4J_TEST_POSTGRES_URL");
    assumeTrue(url != null, "no PostgreSQL: .ci/run starts one and sets"
        + " SCRAPYD4J_TEST_POSTGRES_URL");
    List<TaskRun> before;
    try (JdbcRunStore store = JdbcRunStore.builder().url(url).build()) {
      before = store.history(Optional.of("shop-products"), 1000);
    }
    List<TaskRun> runs = runFor(url);
    runs.removeAll(before);
    assertRecorded(runs);
  }

  @Test
  void aBadCronIsAUsageError() throws Exception {
    int code = TimedCrawls.run(new String[] {"http://localhost:1", "jdbc:h2:mem:x", "p", "s",
        "0 3 * *"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(1));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage: TimedCrawls")
        .contains("'0 3 * *' has 4 fields");
  }

  @Test
  void aDatabaseThatCannotBeOpenedIsNamedWithoutItsPassword() throws Exception {
    int code = TimedCrawls.run(new String[] {"http://localhost:1",
        "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2"}, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(1));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Cannot open the history: ")
        .doesNotContain("hunter2");
  }
}
