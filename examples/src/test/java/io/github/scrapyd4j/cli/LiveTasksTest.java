package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.testing.LiveScrapyd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tasks run} against the real Scrapyd given with -Dscrapyd.url (skipped without it): a
 * Scrapy project with three spiders is deployed, then a task file runs for 60 seconds: a quick
 * spider every 5 seconds (several SUCCEEDED runs), a spider that raises (FAILED, and the
 * RUN_FAILED alert received by a local webhook receiver), and a slow spider every 4 seconds with
 * a 20-second time limit (its later fires skipped for overlap while it runs, then cancelled at its
 * time limit; a run-time rule alerts before that). Then {@code tasks history} reads the H2 file.
 */
@Tag("live")
class LiveTasksTest {
  @TempDir
  Path temp;

  final String project = "taskstest-" + UUID.randomUUID().toString().substring(0, 8);
  String url;

  @AfterEach
  void deleteProject() {
    if (url == null) {
      return;
    }
    try (ScrapydClient client = LiveScrapyd.client(url).build()) {
      client.delProject(project);
    } catch (ScrapydException e) {
      // not deployed
    }
  }

  CliTestSupport project() throws Exception {
    CliTestSupport cli = new CliTestSupport(temp);
    Path spiders = Files.createDirectories(cli.workDir.resolve("taskbot/spiders"));
    Files.writeString(cli.workDir.resolve("taskbot/__init__.py"), "");
    Files.writeString(cli.workDir.resolve("taskbot/settings.py"),
        "BOT_NAME = 'taskbot'\nSPIDER_MODULES = ['taskbot.spiders']\nLOGSTATS_INTERVAL = 1\n");
    Files.writeString(spiders.resolve("__init__.py"), "");
    Files.writeString(spiders.resolve("quick.py"), "import scrapy\n\n\n"
        + "class QuickSpider(scrapy.Spider):\n"
        + "    name = 'quick'\n\n"
        + "    def start_requests(self):\n"
        + "        yield scrapy.Request('data:,hello')\n\n"
        + "    def parse(self, response):\n"
        + "        yield {'text': response.text}\n");
    Files.writeString(spiders.resolve("boom.py"), "import scrapy\n\n\n"
        + "class BoomSpider(scrapy.Spider):\n"
        + "    name = 'boom'\n\n"
        + "    def start_requests(self):\n"
        + "        yield scrapy.Request('data:,boom')\n\n"
        + "    def parse(self, response):\n"
        + "        raise ValueError('boom')\n");
    Files.writeString(spiders.resolve("slow.py"), "import scrapy\n\n\n"
        + "class SlowSpider(scrapy.Spider):\n"
        + "    name = 'slow'\n"
        + "    custom_settings = {'DOWNLOAD_DELAY': 1.0, 'CONCURRENT_REQUESTS': 1}\n\n"
        + "    def start_requests(self):\n"
        + "        for i in range(60):\n"
        + "            yield scrapy.Request('data:,page%d' % i, dont_filter=True)\n\n"
        + "    def parse(self, response):\n"
        + "        yield {'page': response.text}\n");
    cli.scrapyCfg("[settings]\ndefault = taskbot.settings\n\n[deploy:live]\nurl = " + url
        + "\nproject = " + project + "\n");
    String username = System.getProperty("scrapyd.username", "");
    if (!username.isEmpty()) {
      cli.environment.put("SCRAPYD_USERNAME", username);
      cli.environment.put("SCRAPYD_PASSWORD", System.getProperty("scrapyd.password", ""));
    }
    return cli;
  }

  @Test
  void tasksRunFiresFailsCancelsAndSkipsOnARealScrapyd() throws Exception {
    url = LiveScrapyd.url();
    LiveScrapyd.assumeWritesLogs(url);
    CliTestSupport cli = project();
    assertThat(cli.run("deploy", "live", "-v", "r1")).as(cli.err()).isZero();
    String username = System.getProperty("scrapyd.username", "");
    String credentials = username.isEmpty() ? ""
        : ", username: '" + username + "', password: '${SCRAPYD_PASSWORD}'";
    String boomAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).toString();
    String db = "jdbc:h2:file:" + temp.resolve("history");
    try (WebhookReceiver hook = new WebhookReceiver()) {
      Files.writeString(cli.workDir.resolve("tasks.yaml"), String.join("\n",
          "nodes:",
          "  - {id: live, url: '" + url + "'" + credentials + "}",
          "webhooks:",
          "  - {id: recv, url: '" + hook.url() + "'}",
          "tasks:",
          "  - {id: quick, project: " + project + ", spider: quick, every: 5s}",
          "  - {id: boom, project: " + project + ", spider: boom, at: '" + boomAt + "'}",
          "  - id: slow",
          "    project: " + project,
          "    spider: slow",
          "    every: 4s",
          "    time-limit: 20s",
          "    kill-after: 5s",
          "    rules:",
          "      - {name: slow-run, run-time: 3s}",
          ""));

      // --cancel-on-exit: the slow run going at the end is not left on a shared Scrapyd.
      int code = cli.run("tasks", "run", "tasks.yaml", "--db", db, "--for", "60s",
          "--cancel-on-exit");

      assertThat(code).as(cli.err()).isZero();
      String out = cli.out();
      assertThat(out).containsPattern("quick: fire \\S+ FINISHED SUCCEEDED")
          .containsPattern("boom: fire \\S+ FINISHED FAILED")
          .containsPattern("slow: fire \\S+ SKIPPED");

      List<String> kinds = new ArrayList<>();
      for (JsonNode alert : hook.bodies) {
        kinds.add(alert.get("kind").asText() + " " + alert.path("taskId").asText());
      }
      assertThat(kinds).as(out).contains("RUN_FAILED boom", "TASK_SKIPPED slow",
          "RULE_FIRED slow");
    }

    assertThat(cli.run("tasks", "history", "--db", db, "--json", "-n", "500"))
        .as(cli.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(cli.out());
    int quickSucceeded = 0;
    boolean boomFailed = false;
    boolean slowSkipped = false;
    boolean slowCancelled = false;
    for (JsonNode run : runs) {
      String task = run.get("task").asText();
      String status = run.get("status").asText();
      String verdict = run.path("verdict").asText();
      if (task.equals("quick") && verdict.equals("SUCCEEDED")) {
        quickSucceeded++;
        assertThat(run.get("items").asLong()).isEqualTo(1);
      } else if (task.equals("boom") && verdict.equals("FAILED")) {
        boomFailed = true;
      } else if (task.equals("slow") && status.equals("SKIPPED")) {
        slowSkipped = true;
      } else if (task.equals("slow") && status.equals("FINISHED")) {
        // Cancelled at its time limit (counted from scheduling, queue time included): once
        // running, Scrapy's graceful stop (FAILED, finish reason shutdown) or, after the KILL, no
        // stats at all (CRASHED); while still pending on a busy node, no log and no verdict.
        assertThat(run.get("reasons").toString()).as(run.toString())
            .containsIgnoringCase("time limit");
        if (!verdict.equals("null")) {
          assertThat(verdict).as(run.toString()).isIn("FAILED", "CRASHED");
        }
        slowCancelled = true;
      }
    }
    assertThat(quickSucceeded).as(runs.toString()).isGreaterThanOrEqualTo(2);
    assertThat(boomFailed).as(runs.toString()).isTrue();
    assertThat(slowSkipped).as(runs.toString()).isTrue();
    assertThat(slowCancelled).as(runs.toString()).isTrue();
  }
}
