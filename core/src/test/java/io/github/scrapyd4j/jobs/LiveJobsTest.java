package io.github.scrapyd4j.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.jobs.internal.StateProbe;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.LiveScrapyd;
import io.github.scrapyd4j.testing.TestEggs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Waiting, watching, logs, items and outcomes against a real Scrapyd ({@code -Dscrapyd.url=...});
 * skipped otherwise. Deploys the test project {@code livebot} under a fresh name {@code
 * jobstest-<random>} and deletes it afterwards. Scrapyd 1.2 with Scrapy 2 writes no log or items
 * files: there the waiting and watching parts run and the file parts report themselves skipped.
 */
@Tag("live")
class LiveJobsTest {
  private static final Polling QUICK = Polling.builder()
      .initialInterval(Duration.ofMillis(300))
      .maxInterval(Duration.ofSeconds(2))
      .vanishGrace(Duration.ofSeconds(3))
      .build();

  private ScrapydClient client;
  private String project;

  @BeforeEach
  void deploy() {
    client = LiveScrapyd.client(LiveScrapyd.url()).build();
    project = "jobstest-" + UUID.randomUUID().toString().substring(0, 8);
    client.addVersion(project, "1", TestEggs.project("livebot", "livebot.settings"));
  }

  @AfterEach
  void cleanUp() {
    if (client != null) {
      try {
        client.delProject(project);
      } catch (ScrapydException ignored) {
        // never deployed
      }
      client.close();
    }
  }

  /** Reports the test skipped, with the reason, on a server that writes no log files. */
  private static void skipWithoutFiles(LogNotFoundException e) {
    throw new org.opentest4j.TestAbortedException("this Scrapyd serves no log for a finished job"
        + " (Scrapyd 1.2 with Scrapy 2 writes none): " + e.getMessage(), e);
  }

  @Test
  void aJobIsWaitedForAndItsOutcomeLogAndItemsAreRead() {
    JobRef job = JobRef.of(client.schedule(ScheduleRequest.builder().project(project).spider("echo")
        .jobId("echo-" + UUID.randomUUID()).putArg("foo", "bär").build()));

    JobCompletion done = Jobs.builder(client).polling(QUICK).build().waiter()
        .await(job, Duration.ofMinutes(2));

    assertThat(done.job().jobId()).isEqualTo(job.jobId());
    assertThat(done.finishedJob()).isPresent();
    assertThat(done.polls()).isGreaterThanOrEqualTo(1);
    JobLogs logs = JobLogs.of(client);
    JobOutcome outcome;
    try {
      outcome = logs.outcome(done.job());
    } catch (LogNotFoundException e) {
      skipWithoutFiles(e);
      return;
    }
    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(outcome.stats().get().itemsScraped()).isEqualTo(1);
    assertThat(logs.stats(done.job()).get().finishReason()).contains("finished");
    assertThat(logs.tailLines(done.job(), 3)).last().asString().contains("Spider closed (finished)");
    List<JsonNode> items;
    try (Stream<JsonNode> stream = JobItems.of(client).stream(done.job())) {
      items = stream.collect(Collectors.toList());
    }
    assertThat(items).singleElement().satisfies(i -> assertThat(i.at("/args/foo").asText()).isEqualTo("bär"));
  }

  @Test
  void jobsAwaitGivesTheOutcomeBlockingAndAsAFuture() throws Exception {
    JobRef job = JobRef.of(client.schedule(ScheduleRequest.builder().project(project)
        .spider("echo").jobId("echo-" + UUID.randomUUID()).putArg("foo", "bar").build()));
    Jobs jobs = Jobs.builder(client).polling(QUICK).build();

    JobOutcome waited;
    try {
      waited = jobs.await(job, Duration.ofMinutes(2));
    } catch (LogNotFoundException e) {
      skipWithoutFiles(e);
      return;
    }
    JobOutcome async = jobs.awaitAsync(job, Duration.ofMinutes(2)).get(2, TimeUnit.MINUTES);

    assertThat(waited.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(waited.stats().get().itemsScraped()).isEqualTo(1);
    assertThat(async.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(async.summary()).isEqualTo(waited.summary());
    try (Stream<JsonNode> items = client.jobs().items().stream(job)) {
      assertThat(items.map(i -> i.at("/args/foo").asText())).containsExactly("bar");
    }
  }

  @Test
  void aRunningJobsLogAndItemsAreFollowedUntilItIsCancelled() throws Exception {
    JobRef job = JobRef.of(client.schedule(ScheduleRequest.builder().project(project).spider("slow")
        .jobId("slow-" + UUID.randomUUID()).build()));
    StringBuilder text = new StringBuilder();
    List<JsonNode> items = Collections.synchronizedList(new ArrayList<>());
    JobLogs logs = Jobs.builder(client).polling(QUICK).build().logs();
    CompletableFuture<FollowResult> logFollow = logs.followAsync(job, t -> {
      synchronized (text) {
        text.append(t);
      }
    });
    CompletableFuture<FollowResult> itemFollow = Jobs.builder(client).polling(QUICK).build().items()
        .followAsync(job, items::add);

    // Let it crawl a few pages (one a second) once its log shows it started, then stop it. Scrapy
    // keeps items in its file buffer until it closes, so they show up at the end.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline && !logFollow.isDone()) {
      synchronized (text) {
        if (text.indexOf("Spider opened") >= 0) {
          break;
        }
      }
      Thread.sleep(200);
    }
    Thread.sleep(3000);
    client.cancel(project, job.jobId());
    FollowResult result;
    try {
      result = logFollow.get(2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LogNotFoundException) {
        skipWithoutFiles((LogNotFoundException) e.getCause());
      }
      throw e;
    }
    FollowResult itemResult = itemFollow.get(2, TimeUnit.MINUTES);

    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    logs.copy(job, whole);
    assertThat(text.toString()).isEqualTo(whole.toString(StandardCharsets.UTF_8));
    assertThat(result.bytes()).isEqualTo(whole.size()).isEqualTo(result.bytesReceived());
    assertThat(result.fileRequests()).isGreaterThanOrEqualTo(2);
    assertThat(itemResult.items()).isEqualTo(items.size()).isPositive();
    assertThat(JobItems.of(client).forEach(job, i -> { })).isEqualTo(items.size());
    JobOutcome outcome = logs.outcome(job);
    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.FAILED);
    assertThat(outcome.finishReason()).contains("shutdown");
    assertThat(outcome.jobState()).contains(JobState.FINISHED);
  }

  @Test
  void theWatcherSeesAJobAppearStartAndFinish() throws Exception {
    String jobId = "watched-" + UUID.randomUUID();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch finished = new CountDownLatch(1);
    try (JobWatcher watcher = JobWatcher.builder().node("live", client).project(project)
        .pollInterval(Duration.ofMillis(500))
        .listener(e -> {
          if (e.job().id().equals(jobId)) {
            events.add(e.type().name());
            if (e.type() == JobEvent.Type.FINISHED) {
              finished.countDown();
            }
          }
        })
        .build()) {
      watcher.pollNow().join();
      watcher.start();
      client.schedule(ScheduleRequest.builder().project(project).spider("echo").jobId(jobId).build());

      assertThat(finished.await(2, TimeUnit.MINUTES)).as("FINISHED seen").isTrue();
    }

    assertThat(events).startsWith("APPEARED").endsWith("FINISHED").contains("STARTED");
  }

  @Test
  void aJobTheNodeDoesNotKnowEndsTheWaitWithVanished() {
    JobRef never = JobRef.of(project, "echo", "never-scheduled-" + UUID.randomUUID());
    JobWaiter waiter = Jobs.builder(client).polling(QUICK).build().waiter();

    assertThatThrownBy(() -> waiter.await(never, Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(JobVanishedException.class, e -> assertThat(e.lastSeenState()).isEmpty());
    assertThat(waiter.state(never)).isEmpty();
    assertThat(StateProbe.statusSupport(client)).isPresent();
  }

  @Test
  void theStateProbeMatchesTheListing() {
    JobRef job = JobRef.of(client.schedule(ScheduleRequest.of(project, "echo")));
    JobWaiter waiter = Jobs.builder(client).polling(QUICK).build().waiter();

    assertThat(waiter.state(job)).isPresent();
    waiter.await(job, Duration.ofMinutes(2));
    assertThat(waiter.state(job)).contains(JobState.FINISHED);
    assertThat(client.listJobs(project).find(job.jobId()).map(Job::state)).contains(JobState.FINISHED);
  }
}
