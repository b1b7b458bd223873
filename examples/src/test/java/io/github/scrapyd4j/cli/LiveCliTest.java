package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.testing.LiveScrapyd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against the real Scrapyd(s) given with -Dscrapyd.url; skipped otherwise. */
@Tag("live")
class LiveCliTest {
  @TempDir
  Path temp;

  final String project = "clitest-" + UUID.randomUUID().toString().substring(0, 8);
  List<String> urls;

  @AfterEach
  void deleteProject() {
    if (urls == null) {
      return;
    }
    for (String url : urls) {
      try (ScrapydClient client = LiveScrapyd.client(url).build()) {
        client.delProject(project);
      } catch (ScrapydException e) {
        // already deleted by the test
      }
    }
  }

  CliTestSupport project() throws Exception {
    CliTestSupport cli = new CliTestSupport(temp);
    Path spiders = Files.createDirectories(cli.workDir.resolve("clibot/spiders"));
    Files.writeString(cli.workDir.resolve("clibot/__init__.py"), "");
    Files.writeString(cli.workDir.resolve("clibot/settings.py"),
        "BOT_NAME = 'clibot'\nSPIDER_MODULES = ['clibot.spiders']\n");
    Files.writeString(spiders.resolve("__init__.py"), "");
    Files.writeString(spiders.resolve("echo.py"), "import scrapy\n\n\n"
        + "class EchoSpider(scrapy.Spider):\n"
        + "    name = 'echo'\n\n"
        + "    def start_requests(self):\n"
        + "        self.logger.info('greeting %s', getattr(self, 'greeting', None))\n"
        + "        return []\n");
    Files.writeString(spiders.resolve("slow.py"), "import scrapy\n\n\n"
        + "class SlowSpider(scrapy.Spider):\n"
        + "    name = 'slow'\n"
        + "    custom_settings = {'DOWNLOAD_DELAY': 1.0, 'CONCURRENT_REQUESTS': 1}\n\n"
        + "    def start_requests(self):\n"
        + "        for i in range(int(getattr(self, 'pages', 60))):\n"
        + "            yield scrapy.Request('data:,page%d' % i, dont_filter=True)\n\n"
        + "    def parse(self, response):\n"
        + "        yield {'page': response.text}\n");
    StringBuilder cfg = new StringBuilder("[settings]\ndefault = clibot.settings\n\n");
    for (int i = 0; i < urls.size(); i++) {
      cfg.append("[deploy:n").append(i).append("]\nurl = ").append(urls.get(i))
          .append("\nproject = ").append(project).append("\n\n");
    }
    cli.scrapyCfg(cfg.toString());
    String username = System.getProperty("scrapyd.username", "");
    if (!username.isEmpty()) {
      cli.environment.put("SCRAPYD_USERNAME", username);
      cli.environment.put("SCRAPYD_PASSWORD", System.getProperty("scrapyd.password", ""));
    }
    return cli;
  }

  @Test
  void deployScheduleInspectAndDeleteOnTheFirstNode() throws Exception {
    urls = List.of(LiveScrapyd.url());
    CliTestSupport cli = project();

    assertThat(cli.run("deploy", "n0", "-v", "r1")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("n0 +\\S+ +deployed +2 +yes");

    assertThat(cli.run("versions", "-t", "n0")).isZero();
    assertThat(cli.out()).containsPattern("r1 +yes");

    assertThat(cli.run("spiders", "-t", "n0")).isZero();
    assertThat(cli.out()).isEqualTo("SPIDER\necho\nslow\n");

    assertThat(cli.run("schedule", "-t", "n0", "echo", "--jobid", "cli-1", "--arg",
        "greeting=héllo", "--setting", "LOG_LEVEL=INFO")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("cli-1\n");

    assertThat(cli.run("status", "-t", "n0", "cli-1")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("cli-1 +(pending|running|finished)");

    assertThat(cli.run("jobs", "-t", "n0", "-p", project, "--json")).isZero();
    assertThat(cli.out()).contains("\"id\" : \"cli-1\"");

    // Deleting a project's last version deletes the project too, so keep a second one.
    assertThat(cli.run("deploy", "n0", "-v", "r2")).as(cli.err()).isZero();
    assertThat(cli.run("delversion", "-t", "n0", "r1")).as(cli.err()).isZero();
    assertThat(cli.run("versions", "-t", "n0")).isZero();
    assertThat(cli.out()).isEqualTo("VERSION  LATEST\nr2       yes\n");
    assertThat(cli.run("delproject", "-t", "n0")).as(cli.err()).isZero();
    assertThat(cli.run("projects", "-t", "n0")).isZero();
    assertThat(cli.out()).doesNotContain(project);
  }

  @Test
  void deployAllAndScheduleOnAllNodes() throws Exception {
    urls = LiveScrapyd.urls();
    CliTestSupport cli = project();

    assertThat(cli.run("deploy", "-a", "-v", "r1")).as(cli.err()).isZero();

    StringBuilder targets = new StringBuilder("n0");
    for (int i = 1; i < urls.size(); i++) {
      targets.append(",n").append(i);
    }
    assertThat(cli.run("schedule", "-t", targets.toString(), "echo", "--place", "all",
        "--json")).as(cli.err()).isZero();
    assertThat(cli.out()).contains("\"job_id\"");

    assertThat(cli.run("jobs", "-t", targets.toString(), "-p", project)).as(cli.err()).isZero();
    assertThat(cli.out()).contains(project);
  }

  @Test
  void scheduleWaitOutcomeLogItemsAndCancel() throws Exception {
    urls = List.of(LiveScrapyd.url());
    LiveScrapyd.assumeWritesLogs(LiveScrapyd.url());
    CliTestSupport cli = project();
    assertThat(cli.run("deploy", "n0", "-v", "r1")).as(cli.err()).isZero();

    // A short crawl: waited for, then judged, its log and items read back.
    assertThat(cli.run("schedule", "-t", "n0", "slow", "--arg", "pages=3", "--jobid", "cli-w",
        "--wait", "--timeout", "PT2M")).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("cli-w\n").contains("cli-w: SUCCEEDED");
    assertThat(cli.run("outcome", "-t", "n0", "cli-w")).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("cli-w: SUCCEEDED").contains("items: 3\n");
    assertThat(cli.run("log", "-t", "n0", "cli-w", "--tail", "1")).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Spider closed (finished)");
    int items = cli.run("items", "-t", "n0", "cli-w");
    if (items == 0) {
      assertThat(cli.out().lines()).containsExactly(
          "{\"page\":\"page0\"}", "{\"page\":\"page1\"}", "{\"page\":\"page2\"}");
    } else {
      // This Scrapyd keeps no items files (items_dir is empty): a one-line error, exit 1.
      assertThat(items).as(cli.err()).isEqualTo(1);
      assertThat(cli.err().strip()).startsWith("scrapyd4j: ").doesNotContain("\n");
    }

    // A long crawl, cancelled: its outcome is then not a success.
    assertThat(cli.run("schedule", "-t", "n0", "slow", "--jobid", "cli-c")).as(cli.err()).isZero();
    assertThat(cli.run("cancel", "-t", "n0", "cli-c")).as(cli.err()).isZero();
    assertThat(cli.run("schedule", "-t", "n0", "echo", "--jobid", "cli-after", "--wait",
        "--timeout", "PT2M")).as(cli.err()).isZero();
    int outcome = cli.run("outcome", "-t", "n0", "cli-c");
    assertThat(cli.out()).doesNotStartWith("cli-c: SUCCEEDED");
    assertThat(outcome).isIn(0, 1); // IN_PROGRESS (0) while stopping, FAILED or CRASHED (1)
  }
}
