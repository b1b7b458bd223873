package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.testing.LiveScrapyd;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  void patternsListAndScheduleEveryMatchOnARealNode() throws Exception {
    urls = List.of(LiveScrapyd.url());
    CliTestSupport cli = project();
    assertThat(cli.run("deploy", "n0", "-v", "r1")).as(cli.err()).isZero();
    String ours = project.substring(0, project.length() - 2) + "??"; // this test's project only

    assertThat(cli.run("spiders", "-t", "n0", "-p", ours)).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("PROJECT" + " ".repeat(project.length() - 5) + "SPIDER\n"
        + project + "  echo\n" + project + "  slow\n");

    assertThat(cli.run("schedule", "-t", "n0", "-p", ours, "*", "--arg", "pages=1"))
        .as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern(project + " +echo +[0-9a-f]{32}\n")
        .containsPattern(project + " +slow +[0-9a-f]{32}\n");
    assertThat(cli.run("jobs", "-t", "n0", "-p", project, "--json")).isZero();
    assertThat(cli.out()).contains("\"spider\" : \"echo\"").contains("\"spider\" : \"slow\"");
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

    // A long crawl, cancelled once running: Scrapy stops it gracefully, with finish reason
    // shutdown, which the outcome calls FAILED (exit code 1). A signal that lands while Scrapy is
    // still starting up can instead end the process with Twisted's "Unhandled error in Deferred"
    // and no stats (seen on Scrapyd 1.6 with Scrapy 2.8): CRASHED, exit code 1 as well.
    assertThat(cli.run("schedule", "-t", "n0", "slow", "--jobid", "cli-c")).as(cli.err()).isZero();
    awaitSpiderOpened(cli, "cli-c", "-t", "n0");
    assertThat(cli.run("cancel", "-t", "n0", "cli-c")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("cli-c +running");
    awaitState(cli, "cli-c", "finished", 1, "-t", "n0");
    assertThat(cli.run("outcome", "-t", "n0", "cli-c")).as(cli.out() + cli.err()).isEqualTo(1);
    assertThat(cli.out()).as(cli.err())
        .matches("(?s)cli-c: (FAILED \\(finish reason 'shutdown'.*finish reason: shutdown\n.*"
            + "|CRASHED \\(the log has no 'Dumping Scrapy stats:' block.*)");
    assertNoPassword(cli);
  }

  /**
   * On several nodes: a job found on whichever node ran it (also with a node that cannot be
   * reached), the same job id on every node, a cancel wherever the job runs, a version deleted
   * everywhere. Needs two URLs in -Dscrapyd.url. Deploys core's livebot test project (spiders
   * echo and slow) as an egg built once with --build-egg and uploaded with --egg.
   */
  @Test
  void jobsAreFoundOnWhicheverNodeRanThem() throws Exception {
    urls = LiveScrapyd.urls();
    assumeTrue(urls.size() >= 2,
        "needs two Scrapyd URLs: -Dscrapyd.url=http://a:6800,http://b:6800");
    urls.forEach(LiveScrapyd::assumeWritesLogs);
    CliTestSupport cli = project();
    Path livebot = livebot(temp.resolve("livebot"));
    Path egg = temp.resolve("livebot.egg");
    assertThat(cli.run("deploy", "-C", livebot.toString(), "--build-egg", egg.toString()))
        .as(cli.err()).isZero();
    String all = String.join(",", urls);
    String dead = "http://127.0.0.1:" + ReadCommandsTest.deadPort();

    assertThat(cli.run("deploy", "--egg", egg.toString(), "--url", all, "-p", project, "-v", "1"))
        .as(cli.err()).isZero();
    assertThat(cli.out().lines().filter(l -> l.matches("\\S+ +\\S+ +deployed +2 +yes +-")))
        .hasSize(urls.size());

    // Placed on the least-loaded node, waited for there; then found wherever it is.
    assertThat(cli.run("schedule", "--url", all, "-p", project, "echo", "--arg", "greeting=hi",
        "--jobid", "cw-1", "--wait", "--timeout", "PT2M")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("cw-1\ncw-1: SUCCEEDED\n");
    assertThat(cli.run("outcome", "--url", all, "-p", project, "cw-1")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("^cw-1: SUCCEEDED\nnode: \\S+\n")
        .contains("items: 1\n");
    assertThat(cli.run("log", "--url", all, "-p", project, "cw-1", "--tail", "1"))
        .as(cli.err()).isZero();
    assertThat(cli.out()).contains("Spider closed (finished)");
    int items = cli.run("items", "--url", all, "-p", project, "cw-1");
    if (items == 0) {
      assertThat(cli.out()).startsWith("{\"args\":{").contains("\"greeting\":\"hi\"");
    } else {
      assertThat(items).as(cli.err()).isEqualTo(1); // a node without items_dir
    }

    // A node that cannot be reached is passed over, with a warning, when another has the job.
    assertThat(cli.run("outcome", "--url", all + "," + dead, "-p", project, "cw-1"))
        .as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("cw-1: SUCCEEDED\n");
    assertThat(cli.err()).startsWith("scrapyd4j: warning: 127.0.0.1:")
        .contains("could not be asked for job cw-1, passed over");
    // ... but a job no node that answered lists may be on it: exit code 3.
    assertThat(cli.run("outcome", "--url", all + "," + dead, "-p", project, "nosuch"))
        .isEqualTo(3);

    // The same job id on every node: outcome tells each; log wants one node.
    assertThat(cli.run("schedule", "--url", all, "-p", project, "echo", "--jobid", "cw-all",
        "--place", "all")).as(cli.err()).isZero();
    awaitState(cli, "cw-all", "finished", urls.size(), "--url", all, "-p", project);
    assertThat(cli.run("outcome", "--url", all, "-p", project, "cw-all")).as(cli.err()).isZero();
    assertThat(cli.out().lines().filter(l -> l.equals("cw-all: SUCCEEDED"))).hasSize(urls.size());
    assertThat(cli.run("log", "--url", all, "-p", project, "cw-all")).isEqualTo(2);
    assertThat(cli.err()).startsWith("scrapyd4j: job cw-all is listed on " + urls.size()
        + " nodes (");

    // A long crawl, cancelled on whichever node runs it: FAILED (or CRASHED, see above), exit 1.
    assertThat(cli.run("schedule", "--url", all, "-p", project, "slow", "--jobid", "cw-slow"))
        .as(cli.err()).isZero();
    awaitSpiderOpened(cli, "cw-slow", "--url", all, "-p", project);
    assertThat(cli.run("cancel", "--url", all, "-p", project, "cw-slow")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("\\S+ +cw-slow +running");
    awaitState(cli, "cw-slow", "finished", 1, "--url", all, "-p", project);
    assertThat(cli.run("outcome", "--url", all, "-p", project, "cw-slow")).isEqualTo(1);
    assertThat(cli.out()).as(cli.err()).matches(
        "(?s)cw-slow: (FAILED \\(finish reason 'shutdown'|CRASHED \\(the log has no).*");

    // A second version everywhere, then the first deleted everywhere.
    assertThat(cli.run("deploy", "--egg", egg.toString(), "--url", all, "-p", project, "-v", "2"))
        .as(cli.err()).isZero();
    assertThat(cli.run("delversion", "--url", all, "-p", project, "1")).as(cli.err()).isZero();
    assertThat(cli.run("versions", "--url", all, "-p", project, "--json")).isZero();
    JsonNode versions = new ObjectMapper().readTree(cli.out()).get("nodes");
    assertThat(versions.size()).isEqualTo(urls.size());
    versions.forEach(v -> assertThat(v.get("versions").toString()).isEqualTo("[\"2\"]"));
    assertNoPassword(cli);
  }

  /**
   * Core's livebot test project (src/test/resources/projects/livebot, read from its test jar)
   * copied into a folder with a scrapy.cfg.
   */
  static Path livebot(Path dir) throws Exception {
    for (String file : new String[] {"livebot/__init__.py", "livebot/settings.py",
        "livebot/spiders/__init__.py", "livebot/spiders/echo.py", "livebot/spiders/slow.py"}) {
      try (InputStream in = LiveCliTest.class.getResourceAsStream("/projects/livebot/" + file)) {
        assertThat(in).as(file).isNotNull();
        Path to = dir.resolve(file);
        Files.createDirectories(to.getParent());
        Files.write(to, in.readAllBytes());
      }
    }
    Files.writeString(dir.resolve("scrapy.cfg"), "[settings]\ndefault = livebot.settings\n");
    return dir;
  }

  /** Polls {@code status JOB} until {@code nodes} nodes report the state (two minutes at most). */
  static void awaitState(CliTestSupport cli, String job, String state, int nodes,
      String... where) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    String[] args = new String[where.length + 3];
    args[0] = "status";
    args[1] = job;
    args[2] = "--json";
    System.arraycopy(where, 0, args, 3, where.length);
    while (true) {
      assertThat(cli.run(args)).as(cli.err()).isIn(0, 1);
      JsonNode j = new ObjectMapper().readTree(cli.out().isEmpty() ? "{}" : cli.out());
      long n = j.has("nodes")
          ? java.util.stream.StreamSupport.stream(j.get("nodes").spliterator(), false)
              .filter(v -> state.equals(v.path("state").asText())).count()
          : state.equals(j.path("state").asText()) ? 1 : 0;
      if (n >= nodes) {
        return;
      }
      assertThat(System.nanoTime()).as(job + " never got " + state + " on " + nodes + " node(s)")
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  /**
   * Polls {@code log JOB --tail 20} until the crawl has opened its spider: a job cancelled
   * earlier, while its process is still starting, may die before it writes a log, and Scrapy
   * stops gracefully only once it is crawling.
   */
  static void awaitSpiderOpened(CliTestSupport cli, String job, String... where)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    String[] args = new String[where.length + 4];
    args[0] = "log";
    args[1] = job;
    args[2] = "--tail";
    args[3] = "20";
    System.arraycopy(where, 0, args, 4, where.length);
    while (cli.run(args) != 0 || !cli.out().contains("Spider opened")) {
      assertThat(System.nanoTime()).as(job + " never opened its spider: " + cli.err())
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  /** Nothing the command line printed holds the password given to the live tests. */
  static void assertNoPassword(CliTestSupport cli) {
    String password = System.getProperty("scrapyd.password", "");
    if (!password.isEmpty()) {
      assertThat(cli.out() + cli.err()).doesNotContain(password);
    }
  }
}
