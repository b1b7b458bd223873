package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.egg.testing.Tree;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Scrapyd given with {@code -Dscrapyd.url=...} (and {@code -Dscrapyd.username},
 * {@code -Dscrapyd.password}): deploys EggBuilder eggs, schedules a spider from one, and checks
 * that a rejected egg is deleted again. Skipped without {@code scrapyd.url}. Projects are named
 * {@code eggtest-...} and deleted afterwards.
 */
@Tag("live")
class LiveDeployTest {
  @TempDir Path tmp;

  private String url;
  private Credentials credentials;
  private ScrapydClient client;
  private final String project = "eggtest-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void connect() {
    url = System.getProperty("scrapyd.url", "").split(",")[0].trim(); // the first of several
    assumeTrue(!url.isBlank(), "no -Dscrapyd.url: live tests need a running Scrapyd");
    String user = System.getProperty("scrapyd.username", "");
    credentials = user.isBlank() ? null
        : Credentials.of(user, System.getProperty("scrapyd.password", ""));
    client = ScrapydClient.builder().baseUri(url).credentials(credentials).build();
  }

  @AfterEach
  void cleanUp() {
    if (client == null) {
      return;
    }
    try {
      client.delProject(project);
    } catch (ScrapydApiException e) {
      // nothing left to delete
    }
    client.close();
  }

  /** A project whose spider reads a data file with pkgutil and yields it as an item. */
  private Path dataProject() {
    return Tree.at(tmp.resolve("livebot"))
        .file("scrapy.cfg", "[settings]\ndefault = eggtestbot.settings\n")
        .file("eggtestbot/__init__.py", "")
        .file("eggtestbot/settings.py", "BOT_NAME = 'eggtestbot'\n"
            + "SPIDER_MODULES = ['eggtestbot.spiders']\nROBOTSTXT_OBEY = False\n")
        .file("eggtestbot/data/greeting.json", "{\"greeting\": \"hello from a data file\"}")
        .file("eggtestbot/spiders/__init__.py", "")
        .file("eggtestbot/spiders/greet.py", "import json\nimport pkgutil\n\nimport scrapy\n\n\n"
            + "class Greet(scrapy.Spider):\n    name = 'greet'\n"
            + "    start_urls = ['data:,ping']\n\n"
            + "    def parse(self, response):\n"
            + "        yield json.loads(pkgutil.get_data('eggtestbot', 'data/greeting.json'))\n")
        .root();
  }

  @Test
  void eggBuiltInJavaDeploysAndItsSpiderRuns() throws Exception {
    Egg egg = EggBuilder.builder().projectDir(dataProject()).build().build();

    DeployReport result = Deployer.builder().build().deploy(client, project, "1", egg);

    assertThat(result.node().spiders()).hasValue(1);
    assertThat(result.node().latest()).isTrue();
    assertThat(client.listSpiders(project).spiders()).containsExactly("greet");
    ScheduleResult job = client.schedule(ScheduleRequest.of(project, "greet"));
    FinishedJob finished = awaitFinished(job.jobId(), Duration.ofSeconds(90));
    // The item (or, where items are not kept, the log line of the scraped item) shows the data
    // file was read from the egg on the server. Scrapyd 1.2 serves neither.
    Optional<URI> output = finished.itemsUrl().or(finished::logUrl);
    if (output.isPresent()) {
      assertThat(fetch(output.get())).contains("hello from a data file");
    }
  }

  @Test
  void rejectedEggIsDeletedFromTheServer() {
    Path broken = Tree.at(tmp.resolve("broken"))
        .file("scrapy.cfg", "[settings]\ndefault = eggtestbroken.settings\n")
        .file("eggtestbroken/__init__.py", "")
        .file("eggtestbroken/settings.py", "import eggtest_module_that_does_not_exist\n")
        .root();
    Egg egg = EggBuilder.builder().projectDir(broken).build().build();

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(client, project, "broken-1", egg));

    NodeDeploy node = e.result().node();
    assertThat(node.cleanup()).isEqualTo(NodeDeploy.Cleanup.DELETED);
    assertThat(node.serverMessage()).hasValueSatisfying(m -> assertThat(m)
        .contains("eggtest_module_that_does_not_exist"));
    assertThat(client.listVersions(project).versions()).isEmpty();
  }

  @Test
  void scrapyCfgTargetDeploysToTheServer() {
    Path projectDir = dataProject();
    String password = credentials == null ? "" : credentials.password();
    Tree.at(projectDir).file("scrapy.cfg", "[settings]\ndefault = eggtestbot.settings\n\n"
        + "[deploy:live]\nurl = " + url + "\nproject = " + project + "\n"
        + (credentials == null ? "" : "username = " + credentials.username() + "\n"
            + "password = " + password.replace("%", "%%") + "\n"));
    ScrapyConfig cfg = ScrapyConfig.loader().systemAndUserFiles(false).environment(Map.of())
        .load(projectDir.resolve("scrapy.cfg"));

    DeployReport result = ProjectDeploy.builder().config(cfg).version("1.10")
        .netrc(Optional.empty()).build().toTarget("live");

    assertThat(result.storedVersion()).isEqualTo("1_10");
    assertThat(result.deployed()).containsExactly("live");
    assertThat(client.listVersions(project).versions()).containsExactly("1_10");
  }

  private FinishedJob awaitFinished(String jobId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JobList jobs = client.listJobs(project);
      for (FinishedJob job : jobs.finished()) {
        if (job.id().equals(jobId)) {
          return job;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("job " + jobId + " did not finish within " + timeout);
  }

  private String fetch(URI uri) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    if (credentials != null) {
      request.header("Authorization", credentials.basicAuthorization());
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new ScrapydException("items " + uri + " answered " + response.statusCode(), null,
          null, null, null);
    }
    return response.body();
  }
}
