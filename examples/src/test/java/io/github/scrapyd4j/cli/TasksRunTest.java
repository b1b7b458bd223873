package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.FinishingNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tasks run} end to end, in-process, on stand-in nodes: two FakeScrapyd nodes whose jobs
 * finish well on their own, and a third whose jobs fail (ERROR lines in their log); a local
 * webhook receiver; then {@code tasks history} reads the same H2 file.
 */
class TasksRunTest {
  @TempDir
  Path temp;

  CliTestSupport cli;
  FinishingNodes good;
  FakeScrapyd bad;
  WebhookReceiver hook;
  final ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();

  static final String FAILED_LOG = "2026-12-06 10:00:00 [scrapy.core.engine] INFO: Spider opened\n"
      + "2026-12-06 10:00:00 [scrapy.core.scraper] ERROR: Spider error processing <GET"
      + " data:,x> (referer: None)\nTraceback (most recent call last):\n"
      + "ValueError: boom\n"
      + "2026-12-06 10:00:01 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n"
      + "{'finish_reason': 'finished',\n 'log_count/ERROR': 1,\n 'spider_exceptions/ValueError':"
      + " 1}\n"
      + "2026-12-06 10:00:01 [scrapy.core.engine] INFO: Spider closed (finished)\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    good = new FinishingNodes(2, "shop", "products", Duration.ofMillis(300),
        Duration.ofMillis(50));
    bad = new FakeScrapyd().project("shop", "broken");
    hook = new WebhookReceiver();
    // The bad node's jobs run at once and finish with an error.
    driver.scheduleWithFixedDelay(() -> {
      try {
        for (String id : bad.jobs("pending")) {
          bad.put("/logs/shop/broken/" + id + ".log", FAILED_LOG);
          bad.state(id, "finished");
        }
      } catch (RuntimeException e) {
        // closed under us
      }
    }, 50, 50, TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void tearDown() {
    driver.shutdownNow();
    good.close();
    bad.close();
    hook.close();
  }

  @Test
  void runFiresTasksForAWhileThenHistoryReadsTheSameH2File() throws Exception {
    String db = "jdbc:h2:file:" + temp.resolve("history");
    Files.writeString(cli.workDir.resolve("tasks.yaml"), String.join("\n",
        "nodes:",
        "  - {id: node-0, url: '" + good.node(0).url() + "', tags: [good]}",
        "  - {id: node-1, url: '" + good.node(1).url() + "', tags: [good]}",
        "  - {id: bad, url: '" + bad.url() + "'}",
        "webhooks:",
        "  - {id: recv, url: '" + hook.url() + "', on: [run-failed]}",
        "tasks:",
        "  - {id: products, project: shop, spider: products, every: 1s, tags: [good],"
            + " overlap: allow, args: {category: garden}}",
        "  - {id: broken, project: shop, spider: broken, every: 2s, node: bad}",
        ""));

    // A job started outside the scheduler, which --harvest records too.
    good.node(0).job("shop", "products", "outside-1", "finished");
    good.node(0).put("/logs/shop/products/outside-1.log", FinishingNodes.successLog());

    int code = cli.run("tasks", "run", "tasks.yaml", "--db", db, "--for", "15s",
        "--instance", "test-1", "--harvest", "2s");

    assertThat(code).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out).startsWith("scrapyd4j: 2 tasks on 3 nodes as test-1, history in " + db
        + "; stopping in 15s\n");
    assertThat(out).containsPattern("products: fire \\S+ scheduled as \\S+ on node-[01]")
        .containsPattern("products: fire \\S+ FINISHED SUCCEEDED job \\S+ items 3")
        .containsPattern("broken: fire \\S+ FINISHED FAILED job \\S+")
        .contains("alert run-failed: ")
        .endsWith("scrapyd4j: stopping; running jobs are left to finish\n");
    // The webhook got the failures, and only what it asked for.
    assertThat(hook.bodies).isNotEmpty();
    for (JsonNode alert : hook.bodies) {
      assertThat(alert.get("kind").asText()).isEqualTo("RUN_FAILED");
      assertThat(alert.get("taskId").asText()).isEqualTo("broken");
    }
    // Each fire was scheduled once, with the task's argument.
    long schedules = good.schedules();
    assertThat(schedules).isBetween(8L, 16L);

    assertThat(cli.run("tasks", "history", "products", "--db", db, "--json"))
        .as(cli.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(cli.out());
    List<String> fires = new ArrayList<>();
    int finished = 0;
    for (JsonNode run : runs) {
      assertThat(run.get("task").asText()).isEqualTo("products");
      assertThat(run.get("instance").asText()).isEqualTo("test-1");
      fires.add(run.get("fire_time").asText());
      if (run.get("status").asText().equals("FINISHED")) {
        finished++;
        assertThat(run.get("verdict").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("items").asLong()).isEqualTo(3);
        assertThat(run.get("node").asText()).matches("node-[01]");
      }
    }
    assertThat(fires).doesNotHaveDuplicates().isSortedAccordingTo(
        java.util.Comparator.reverseOrder());
    assertThat(finished).as(out).isGreaterThanOrEqualTo(2);
    assertThat((long) runs.size()).isEqualTo(schedules);

    assertThat(cli.run("tasks", "history", "--db", db)).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("TASK ")
        .containsPattern("broken +\\S+ +0 +FINISHED +FAILED +bad ")
        .containsPattern("products +\\S+ +0 +FINISHED +SUCCEEDED +node-[01] ")
        .containsPattern("\\(harvested\\) +\\S+ +0 +FINISHED +SUCCEEDED +node-0 +outside-1 +3 ");
    // Jobs the scheduler ran are not recorded a second time by the harvest.
    assertThat(cli.out().lines().filter(l -> l.startsWith("(harvested)"))).hasSize(1);
  }
}
