package io.github.scrapyd4j.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.jobs.support.ManualScheduler;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Items as JSON lines: trees, the caller's types, malformed lines, follows of a growing file. */
class JobItemsTest {
  private static final String ITEMS_PATH = "/items/p/s/j1.jl";
  private static final JobRef JOB = JobRef.of("p", "s", "j1");

  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** A caller's item type. */
  public static final class Page {
    public int n;
    public String text;
  }

  private ScrapydClient client(String url) {
    ScrapydClient c = ScrapydClient.builder().baseUri(url).retryPolicy(RetryPolicy.none()).build();
    toClose.add(c);
    return c;
  }

  private Jobs.Builder items(String url) {
    return Jobs.builder(client(url)).scheduler(scheduler).clock(scheduler.clock())
        .polling(Polling.builder().vanishGrace(Duration.ofSeconds(5)).build());
  }

  private FakeScrapyd fake() {
    FakeScrapyd f = new FakeScrapyd();
    toClose.add(f);
    return f;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void theRecordedItemIsReadAsATree() {
    FakeScrapyd fake = fake();
    fake.put("/items/labbot/echo/7e59.jl", Recording.load("items_full").body);

    List<JsonNode> items;
    try (Stream<JsonNode> stream = JobItems.of(client(fake.url())).stream(JobRef.of("labbot", "echo", "7e59"))) {
      items = stream.collect(Collectors.toList());
    }

    assertThat(items).hasSize(1);
    assertThat(items.get(0).at("/args/uni").asText()).isEqualTo("héllo wörld");
    assertThat(items.get(0).at("/setting_USER_AGENT").asText()).isEqualTo("lab/1.0");
  }

  @Test
  void itemsAreMappedToTheCallersTypeWithTheGivenMapper() {
    FakeScrapyd fake = fake();
    fake.put(ITEMS_PATH, "{\"n\": 1, \"text\": \"caf\\u00e9\", \"extra\": true}\n{\"n\": 2, \"text\": \"raw ✓\"}\n");
    ObjectMapper lenient = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    List<MalformedItemException> strictProblems = new ArrayList<>();

    List<Page> pages = new ArrayList<>();
    long count = items(fake.url()).objectMapper(lenient).build().items().forEach(JOB, Page.class, pages::add);
    long strictCount = items(fake.url()).onMalformedLine(strictProblems::add).build().items()
        .forEach(JOB, Page.class, p -> { });

    assertThat(count).isEqualTo(2);
    assertThat(pages).extracting(p -> p.n).containsExactly(1, 2);
    assertThat(pages).extracting(p -> p.text).containsExactly("café", "raw ✓");
    assertThat(strictCount).isEqualTo(1);
    assertThat(strictProblems).singleElement().satisfies(e -> {
      assertThat(e.lineNumber()).isEqualTo(1);
      assertThat(e.getMessage()).contains("item line 1 of job j1").contains("extra");
    });
  }

  @Test
  void malformedLinesAreReportedWithTheirNumbersAndSkipped() {
    FakeScrapyd fake = fake();
    fake.put(ITEMS_PATH, "{\"n\": 1}\n{broken\n\n{\"n\": 4}\r\n{\"n\": 5} trailing\nnull\n{\"n\": 7}");
    List<MalformedItemException> problems = new ArrayList<>();

    List<JsonNode> items;
    try (Stream<JsonNode> stream = items(fake.url()).onMalformedLine(problems::add).build().items().stream(JOB)) {
      items = stream.collect(Collectors.toList());
    }

    assertThat(items).extracting(i -> i.get("n").asInt()).containsExactly(1, 4, 7);
    assertThat(problems).extracting(MalformedItemException::lineNumber).containsExactly(2L, 5L, 6L);
    assertThat(problems.get(0).line()).isEqualTo("{broken");
    assertThat(problems.get(0).job()).isEqualTo(JOB);
    assertThat(problems.get(0).endpoint()).contains("items/p/s/j1.jl");
  }

  @Test
  void aMalformedLineEndsTheStreamWhenTheCallerAsks() {
    FakeScrapyd fake = fake();
    fake.put(ITEMS_PATH, "{\"n\": 1}\n{\"n\": \n{\"n\": 3}\n");
    JobItems strict = items(fake.url()).onMalformedLine(MalformedItemHandler.fail()).build().items();
    List<JsonNode> seen = new ArrayList<>();

    assertThatThrownBy(() -> strict.forEach(JOB, seen::add))
        .isInstanceOfSatisfying(MalformedItemException.class, e -> assertThat(e.lineNumber()).isEqualTo(2));
    assertThat(seen).hasSize(1);
  }

  @Test
  void aStreamClosedEarlyReleasesItsConnection() {
    FakeScrapyd fake = fake();
    fake.put(ITEMS_PATH, IntStream.range(0, 50_000).mapToObj(i -> "{\"n\": " + i + "}")
        .collect(Collectors.joining("\n", "", "\n")));
    JobItems items = items(fake.url()).build().items();

    for (int round = 0; round < 20; round++) {
      try (Stream<JsonNode> stream = items.stream(JOB)) {
        assertThat(stream.findFirst()).hasValueSatisfying(n -> assertThat(n.get("n").asInt()).isZero());
      }
    }
    assertThat(items.forEach(JOB, n -> { })).isEqualTo(50_000);
  }

  @Test
  void missingItemsAreATypedNotFoundNamingTheJob() {
    FakeScrapyd fake = fake();

    assertThatThrownBy(() -> JobItems.of(client(fake.url())).stream(JOB))
        .isInstanceOfSatisfying(ItemsNotFoundException.class, e -> {
          assertThat(e.job()).isEqualTo(JOB);
          assertThat(e.getMessage()).contains("no items for job j1 (project p, spider s)").contains("items_dir");
        });
  }

  @Test
  void aFollowHandsOnCompleteLinesOnlyUntilTheJobFinished() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    fake.put(ITEMS_PATH, "{\"n\": 1}\n{\"n\": ");
    List<Page> pages = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<FollowResult> follow = items(fake.url()).build().items().followAsync(JOB, Page.class, pages::add);
    scheduler.awaitQueued(1);
    assertThat(pages).extracting(p -> p.n).containsExactly(1);
    fake.append(ITEMS_PATH, "2}\n{\"n\": 3}\n");
    fake.state("j1", "finished");

    FollowResult result = scheduler.drive(follow).join();

    assertThat(pages).extracting(p -> p.n).containsExactly(1, 2, 3);
    assertThat(result.items()).isEqualTo(3);
    assertThat(result.malformedLines()).isZero();
    assertThat(result.bytes()).isEqualTo(result.bytesReceived());
  }

  @Test
  void cancellingAnItemsFollowStopsThePolls() throws Exception {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    fake.put(ITEMS_PATH, "{\"n\": 1}\n");
    CompletableFuture<FollowResult> follow =
        items(fake.url()).build().items().followAsync(JOB, Page.class, page -> { });
    scheduler.awaitQueued(1);

    follow.cancel(true);
    scheduler.runQueued();

    Thread.sleep(300); // a poll that still went out would reach the fake server asynchronously
    assertThat(fake.requests()).hasSize(1);
    assertThat(scheduler.queued()).isZero();
  }

  @Test
  void theTruncatedLastLineOfAKilledCrawlIsReportedAsMalformed() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "finished");
    fake.put(ITEMS_PATH, "{\"n\": 1}\n{\"n\": 2, \"te");
    List<MalformedItemException> problems = Collections.synchronizedList(new ArrayList<>());
    List<JsonNode> items = Collections.synchronizedList(new ArrayList<>());

    FollowResult result = scheduler.drive(items(fake.url()).onMalformedLine(problems::add).build().items()
        .followAsync(JOB, items::add)).join();

    assertThat(items).hasSize(1);
    assertThat(result.malformedLines()).isEqualTo(1);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.lineNumber()).isEqualTo(2);
      assertThat(p.line()).isEqualTo("{\"n\": 2, \"te");
    });
  }

  @Test
  void badArgumentsAreRejectedNamingThem() {
    FakeScrapyd fake = fake();
    JobItems items = JobItems.of(client(fake.url()));

    assertThatThrownBy(() -> items.stream(null)).hasMessageContaining("job");
    assertThatThrownBy(() -> items.stream(JOB, null)).hasMessageContaining("type");
    assertThatThrownBy(() -> items.forEach(JOB, null)).hasMessageContaining("action");
    assertThatThrownBy(() -> Jobs.builder(client(fake.url())).objectMapper(null)).hasMessageContaining("mapper");
    assertThat(fake.requests()).isEmpty();
  }
}
