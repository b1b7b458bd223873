package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.testing.LiveScrapyd;
import io.github.scrapyd4j.testing.TestEggs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint against a real Scrapyd ({@code -Dscrapyd.url=...}); skipped otherwise. Deploys the
 * test project {@code livebot} (built with java.util.zip) under a fresh project name and deletes
 * it afterwards. Where Scrapyd versions differ (status.json since 1.5, listjobs without a project
 * since 1.3, clear error messages since 1.5), the test checks what that version does.
 */
@Tag("live")
class LiveScrapydTest {
  private ScrapydClient client;
  private String project;

  @BeforeEach
  void connect() {
    client = LiveScrapyd.client(LiveScrapyd.url()).build();
    project = "livetest-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    if (client != null) {
      try {
        client.delProject(project);
      } catch (ScrapydException ignored) {
        // already deleted by the test, or never created
      }
      client.close();
    }
  }

  private boolean hasStatusEndpoint() {
    try {
      client.status("probe-" + UUID.randomUUID());
      return true;
    } catch (ScrapydHttpException e) {
      assertThat(e.statusCode()).isEqualTo(404);
      return false;
    }
  }

  @Test
  void everyEndpointAgainstARealScrapyd() throws Exception {
    assertThat(client.daemonStatus().nodeName()).isNotBlank();

    AddVersionResult added = client.addVersion(project, "1.0", TestEggs.project("livebot", "livebot.settings"));
    assertThat(added.spiders()).isEqualTo(2);
    assertThat(added.storedVersion()).isEqualTo("1_0");
    client.addVersion(project, "2", TestEggs.project("livebot", "livebot.settings"));

    assertThat(client.listProjects().projects()).contains(project);
    assertThat(client.listVersions(project).versions()).containsExactlyInAnyOrder("1_0", "2");
    assertThat(client.listSpiders(project).spiders()).containsExactly("echo", "slow");
    assertThat(client.listSpiders(project, "1.0").spiders()).containsExactly("echo", "slow");

    // Arguments and settings with characters that need encoding reach the spider intact.
    String jobId = "echo-" + UUID.randomUUID();
    ScheduleResult scheduled = client.schedule(ScheduleRequest.builder()
        .project(project)
        .spider("echo")
        .version("2")
        .jobId(jobId)
        .priority(1.5)
        .putArg("plain", "bar")
        .putArg("tricky", "a&b=c%d+e f")
        .putArg("uni", "héllo wörld ✓")
        .putSetting("DOWNLOAD_DELAY", "0.25")
        .putSetting("USER_AGENT", "scrapyd4j-live/1.0 (x=y)")
        .build());
    assertThat(scheduled.jobId()).isEqualTo(jobId);

    FinishedJob finished = awaitFinished(jobId, Duration.ofSeconds(90));
    assertThat(finished.spider()).isEqualTo("echo");
    assertThat(finished.project()).isEqualTo(project);
    assertThat(finished.endTime()).isAfterOrEqualTo(finished.startTime());
    if (hasStatusEndpoint()) {
      assertThat(client.status(jobId).state()).contains(JobState.FINISHED);
      assertThat(client.status(project, jobId).state()).contains(JobState.FINISHED);
      assertThat(client.status("no-such-job-" + UUID.randomUUID()).state()).isEmpty();
    }
    Optional<JsonNode> item = readItem(finished);
    item.ifPresent(it -> {
      assertThat(it.at("/args/plain").asText()).isEqualTo("bar");
      assertThat(it.at("/args/tricky").asText()).isEqualTo("a&b=c%d+e f");
      assertThat(it.at("/args/uni").asText()).isEqualTo("héllo wörld ✓");
      assertThat(it.at("/setting_USER_AGENT").asText()).isEqualTo("scrapyd4j-live/1.0 (x=y)");
    });

    // Cancel: a pending or running job, then KILL; an unknown job has no previous state.
    String slowId = "slow-" + UUID.randomUUID();
    client.schedule(ScheduleRequest.builder().project(project).spider("slow").jobId(slowId).build());
    CancelResult cancelled = client.cancel(project, slowId);
    assertThat(cancelled.previousState()).hasValueSatisfying(s -> assertThat(s).isIn(JobState.PENDING, JobState.RUNNING));
    client.cancel(project, slowId, Signal.KILL);
    assertThat(client.cancel(project, "no-such-job").previousState()).isEmpty();

    // Errors Scrapyd reports come back typed.
    assertThatThrownBy(() -> client.schedule(ScheduleRequest.of(project, "no_such_spider")))
        .isInstanceOf(ScrapydApiException.class);
    assertThatThrownBy(() -> client.listSpiders(project, "no-such-version"))
        .isInstanceOf(ScrapydApiException.class);

    // A broken egg is stored before Scrapyd rejects it. (Numeric name: Scrapyd 1.2's LooseVersion
    // ordering crashes on a mix of numeric and alphabetic names, scrapyd#212.)
    assertThatThrownBy(() -> client.addVersion(project, "99", TestEggs.project("livebot", null)))
        .isInstanceOf(ScrapydApiException.class);
    assertThat(client.listVersions(project).versions()).contains("99");
    client.delVersion(project, "99");

    JobList jobs = client.listJobs(project);
    assertThat(jobs.all()).extracting(Job::id).contains(jobId);
    client.delVersion(project, "1.0");
    assertThat(client.listVersions(project).versions()).containsExactly("2");
    client.delProject(project);
    assertThat(client.listProjects().projects()).doesNotContain(project);
    assertThat(client.listVersions(project).versions()).isEmpty();
  }

  @Test
  void asyncPathAgainstARealScrapyd() {
    client.addVersion(project, "1", TestEggs.project("livebot", "livebot.settings"));
    ScrapydAsyncClient async = client.async();

    assertThat(async.daemonStatus().join().nodeName()).isNotBlank();
    assertThat(async.listSpiders(project).join().spiders()).containsExactly("echo", "slow");
    ScheduleResult job = async.schedule(ScheduleRequest.of(project, "echo")).join();
    assertThat(job.jobId()).isNotBlank();
    assertThat(async.listJobs(project).join().find(job.jobId())).isPresent();
    assertThat(async.delProject(project).join().nodeName()).isNotBlank();
  }

  @Test
  void wrongCredentialsAreRefusedWhenTheServerHasAuthentication() {
    String username = System.getProperty("scrapyd.username", "");
    org.junit.jupiter.api.Assumptions.assumeTrue(!username.isEmpty(),
        "live auth test: the server was given without -Dscrapyd.username");
    try (ScrapydClient wrong = ScrapydClient.builder().baseUri(LiveScrapyd.url())
        .credentials(username, "definitely-wrong").build();
        ScrapydClient none = ScrapydClient.builder().baseUri(LiveScrapyd.url()).build()) {
      assertThatThrownBy(wrong::daemonStatus).isInstanceOf(ScrapydAuthenticationException.class);
      assertThatThrownBy(none::listProjects).isInstanceOf(ScrapydAuthenticationException.class);
    }
  }

  private FinishedJob awaitFinished(String jobId, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (FinishedJob job : client.listJobs(project).finished()) {
        if (job.id().equals(jobId)) {
          return job;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("job " + jobId + " did not finish within " + timeout);
  }

  /** The job's first item, when the server serves items (1.2 does not write them with Scrapy 2). */
  private Optional<JsonNode> readItem(FinishedJob job) throws Exception {
    if (job.itemsUrl().isEmpty()) {
      return Optional.empty();
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(job.itemsUrl().get());
    String username = System.getProperty("scrapyd.username", "");
    if (!username.isEmpty()) {
      request.header("Authorization",
          Credentials.of(username, System.getProperty("scrapyd.password", "")).basicAuthorization());
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    assertThat(response.statusCode()).isEqualTo(200);
    return Optional.of(new ObjectMapper().readTree(response.body().lines().findFirst().orElseThrow()));
  }
}
