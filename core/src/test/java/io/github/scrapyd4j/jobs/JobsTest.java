package io.github.scrapyd4j.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code client.jobs()}: one wait (sync and async) that ends with the outcome; logs and items as
 * views.
 */
class JobsTest {
  private static final String LOG_PATH = "/logs/labbot/pages/myjob-1.log";
  private static final String ITEMS_PATH = "/items/labbot/pages/myjob-1.jl";
  private static final JobRef JOB = JobRef.of("labbot", "pages", "myjob-1");
  private static final Recording FULL = Recording.load("log_full");

  private final FakeScrapyd fake = new FakeScrapyd();
  private ScrapydClient client;

  @BeforeEach
  void start() {
    client = ScrapydClient.builder().baseUri(fake.url()).retryPolicy(RetryPolicy.none()).build();
    fake.job("labbot", "pages", "myjob-1", "finished");
    fake.put(LOG_PATH, FULL.body);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void awaitAsksTheStateThenReadsTheLogOnceAndGivesTheOutcome() {
    JobOutcome outcome = client.jobs().await(JOB, Duration.ofSeconds(30));

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(outcome.jobState()).contains(JobState.FINISHED);
    // the node listed the finished job with its log and items URLs, as Scrapyd 1.6 does
    assertThat(outcome.job()).contains(JobRef.builder().from(JOB)
        .logUrl(java.net.URI.create(fake.url() + LOG_PATH.substring(1)))
        .itemsUrl(java.net.URI.create(fake.url() + ITEMS_PATH.substring(1))).build());
    assertThat(outcome.summary().lines()).isEqualTo(FULL.bodyText().split("\n").length);
    assertThat(fake.hits("/status.json")).isPositive();
    assertThat(fake.hits(LOG_PATH)).isEqualTo(1);
  }

  @Test
  void awaitAsyncGivesTheSameOutcomeAsAFuture() throws Exception {
    Jobs jobs = client.jobs();
    JobOutcome sync = jobs.await(JOB, Duration.ofSeconds(30));

    JobOutcome async = jobs.awaitAsync(JOB, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
    JobOutcome unbounded = jobs.awaitAsync(JOB).get(30, TimeUnit.SECONDS);

    assertThat(async.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(async.summary()).isEqualTo(sync.summary());
    assertThat(async.reasons()).isEqualTo(sync.reasons());
    assertThat(async.jobState()).contains(JobState.FINISHED);
    assertThat(unbounded.summary()).isEqualTo(sync.summary());
  }

  @Test
  void awaitOutcomeAsyncOfJobLogsFailsWithTheLogNotFoundOfTheSyncForm() {
    fake.remove(LOG_PATH); // answered 404, as the recording log_missing
    Jobs jobs = client.jobs();

    assertThatThrownBy(() -> jobs.await(JOB, Duration.ofSeconds(30)))
        .isInstanceOf(LogNotFoundException.class);
    assertThat(jobs.awaitAsync(JOB, Duration.ofSeconds(30)))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(LogNotFoundException.class);
  }

  @Test
  void logsAndItemsAreViewsThatShareTheBuildersSettings() {
    fake.put(ITEMS_PATH, "{\"n\": 1, \"extra\": true}\n{\"n\": 2}\n");
    Polling polling = Polling.builder().initialInterval(Duration.ofMillis(20)).build();
    ObjectMapper lenient =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Jobs jobs = Jobs.builder(client).polling(polling).objectMapper(lenient).build();

    List<Integer> numbers;
    try (Stream<Numbered> items = jobs.items().stream(JOB, Numbered.class)) {
      numbers = items.map(i -> i.n).collect(Collectors.toList());
    }
    List<String> last = jobs.logs().tailLines(JOB, 1);

    assertThat(numbers).containsExactly(1, 2); // the strict default mapper would have skipped 1
    assertThat(last).containsExactly(
        "2026-11-23 18:27:14 [scrapy.core.engine] INFO: Spider closed (finished)");
    assertThat(jobs.logs().waiter().polling()).isSameAs(polling);
    assertThat(jobs.waiter()).isSameAs(jobs.logs().waiter());
    assertThat(jobs.state(JOB)).contains(JobState.FINISHED);
  }

  @Test
  void oneNodeIgnoresTheNodeOfAJobRefAndChecksArguments() {
    Jobs jobs = Jobs.of(client);

    assertThat(jobs.outcome(JOB.onNode("elsewhere")).verdict())
        .isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThatThrownBy(() -> jobs.await(null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("job");
    assertThatThrownBy(() -> jobs.awaitAsync(JOB, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> Jobs.builder(null)).hasMessageContaining("client");
    assertThatThrownBy(() -> Jobs.builder(client).polling(null)).hasMessageContaining("polling");
  }

  /** An item type with one field. */
  static final class Numbered {
    public int n;
  }
}
