package io.github.scrapyd4j.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.logs.LogChunk;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading logs: whole, ranges, tails, sizes, stats and outcomes, and the errors on the way. */
class JobLogsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String LOG_PATH = "/logs/labbot/pages/myjob-1.log";
  private static final JobRef JOB = JobRef.of("labbot", "pages", "myjob-1");
  private static final Recording FULL = Recording.load("log_full");

  private final List<AutoCloseable> toClose = new ArrayList<>();

  private ScrapydClient client(String url) {
    ScrapydClient c = ScrapydClient.builder().baseUri(url).retryPolicy(RetryPolicy.none()).build();
    toClose.add(c);
    return c;
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
  void readStreamsTheWholeRecordedLogAsLinesAndCopyKeepsItsBytes() {
    wm.stubFor(get(LOG_PATH).willReturn(FULL.response()));
    JobLogs logs = JobLogs.of(client(wm.baseUrl()));
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    long read = logs.read(JOB, LogConsumer.lines(lines::add));
    long copied = logs.copy(JOB, copy);

    assertThat(read).isEqualTo(4428).isEqualTo(copied);
    assertThat(copy.toByteArray()).isEqualTo(FULL.body);
    assertThat(lines).containsExactlyElementsOf(Arrays.asList(FULL.bodyText().split("\n")));
    assertThat(lines).last().isEqualTo("2026-11-23 18:27:14 [scrapy.core.engine] INFO: Spider closed (finished)");
    wm.verify(2, getRequestedFor(urlPathEqualTo(LOG_PATH)).withHeader("Range", absent())
        .withHeader("Authorization", absent()));
  }

  @Test
  void theLogUrlOfAListingIsUsedUnderABaseUriWithAPathPrefix() {
    wm.stubFor(get("/scrapyd/listjobs.json?project=labbot").willReturn(Recording.load("listjobs").response()));
    wm.stubFor(get("/scrapyd" + LOG_PATH).willReturn(FULL.response()));
    ScrapydClient client = client(wm.baseUrl() + "/scrapyd");
    FinishedJob finished = (FinishedJob) client.listJobs("labbot").find("myjob-1").get();

    LogSummary summary = JobLogs.of(client).summarize(JobRef.of(finished));

    assertThat(summary.stats().get().itemsScraped()).isEqualTo(31);
    wm.verify(getRequestedFor(urlPathEqualTo("/scrapyd" + LOG_PATH)));
  }

  @Test
  void aJobWithTheLogUrlOfAnotherServerIsRefusedBeforeAnyRequest() {
    JobRef elsewhere = JobRef.builder().from(JOB)
        .logUrl(URI.create("http://elsewhere.example:6800/logs/labbot/pages/myjob-1.log")).build();
    JobLogs logs = JobLogs.of(client(wm.baseUrl()));

    assertThatThrownBy(() -> logs.read(elsewhere, text -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logUrl http://elsewhere.example:6800/")
        .hasMessageContaining("not under this client's base URI");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRangeGivesTheRecordedPartialContentWithTheSize() {
    wm.stubFor(get(LOG_PATH).withHeader("Range", equalTo("bytes=100-199"))
        .willReturn(Recording.load("log_range").response()));

    LogChunk chunk = JobLogs.of(client(wm.baseUrl())).range(JOB, 100, 100);

    assertThat(chunk.offset()).isEqualTo(100);
    assertThat(chunk.length()).isEqualTo(100);
    assertThat(chunk.totalSize()).hasValue(4428);
    assertThat(chunk.text()).isEqualTo(new String(FULL.body, 100, 100, StandardCharsets.UTF_8));
  }

  @Test
  void aRangePastTheEndIsEmptyAndTellsTheSize() {
    wm.stubFor(get(LOG_PATH).withHeader("Range", equalTo("bytes=999999-1000098"))
        .willReturn(Recording.load("log_range_past").response()));

    LogChunk chunk = JobLogs.of(client(wm.baseUrl())).range(JOB, 999_999, 100);

    assertThat(chunk.length()).isZero();
    assertThat(chunk.offset()).isEqualTo(999_999);
    assertThat(chunk.totalSize()).hasValue(4428);
  }

  @Test
  void aMissingLogIsATypedNotFoundNamingTheJob() {
    wm.stubFor(get("/logs/labbot/pages/nosuch.log").willReturn(Recording.load("log_missing").response()));
    JobRef missing = JobRef.of("labbot", "pages", "nosuch");
    JobLogs logs = JobLogs.of(client(wm.baseUrl()));

    assertThatThrownBy(() -> logs.read(missing, text -> { }))
        .isInstanceOfSatisfying(LogNotFoundException.class, e -> {
          assertThat(e.job()).isEqualTo(missing);
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.fileUri()).isEqualTo(URI.create(wm.baseUrl() + "/logs/labbot/pages/nosuch.log"));
          assertThat(e.endpoint()).contains("logs/labbot/pages/nosuch.log");
          assertThat(e.getMessage()).contains("job nosuch (project labbot, spider pages)")
              .contains("HTTP 404").contains("jobs_to_keep");
          assertThat(e.body()).contains("No Such Resource");
        });
    assertThatThrownBy(() -> logs.tail(missing, 10)).isInstanceOf(LogNotFoundException.class);
    assertThatThrownBy(() -> logs.outcome(missing)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void refusedCredentialsAreAnAuthenticationError() {
    wm.stubFor(get(LOG_PATH).willReturn(Recording.load("auth_bad").response()));
    ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).credentials("u", "wrong").build();
    toClose.add(client);

    assertThatThrownBy(() -> JobLogs.of(client).tail(JOB, 10))
        .isInstanceOfSatisfying(ScrapydAuthenticationException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.getMessage()).contains("logs/labbot/pages/myjob-1.log").contains("password is wrong")
              .doesNotContain("wrong\"");
        });
    wm.verify(getRequestedFor(urlPathEqualTo(LOG_PATH)).withHeader("Authorization", equalTo("Basic dTp3cm9uZw==")));
  }

  @Test
  void theTailIsOneSuffixRange() {
    byte[] last = Arrays.copyOfRange(FULL.body, 4348, 4428);
    wm.stubFor(get(LOG_PATH).withHeader("Range", equalTo("bytes=-80")).willReturn(aResponse()
        .withStatus(206).withHeader("Content-Range", "bytes 4348-4427/4428").withBody(last)));

    LogChunk tail = JobLogs.of(client(wm.baseUrl())).tail(JOB, 80);

    assertThat(tail.offset()).isEqualTo(4348);
    assertThat(tail.totalSize()).hasValue(4428);
    assertThat(tail.text()).endsWith("INFO: Spider closed (finished)\n");
  }

  @Test
  void theSizeComesFromAHeadRequest() {
    wm.stubFor(head(urlPathEqualTo(LOG_PATH)).willReturn(Recording.load("head_log").response()
        .withHeader("Content-Length", "4428")));

    assertThat(JobLogs.of(client(wm.baseUrl())).size(JOB)).hasValue(4428);
  }

  private static String numberedLog(int lines, int width) {
    return IntStream.range(0, lines)
        .mapToObj(i -> String.format("2026-11-23 18:00:00 [x] INFO: line %05d %s", i, "é".repeat(width)))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void lastLinesAreReadBackwardsOnlyAsFarAsNeeded() {
    FakeScrapyd fake = fake();
    String log = numberedLog(5000, 200); // about 2 MB, lines of 440 bytes
    fake.put(LOG_PATH, log);
    JobLogs logs = JobLogs.of(client(fake.url()));
    List<String> all = Arrays.asList(log.split("\n"));

    List<String> ten = logs.tailLines(JOB, 10);
    long afterTen = fake.bodyBytesSent();
    List<String> twoHundred = logs.tailLines(JOB, 200);

    assertThat(ten).containsExactlyElementsOf(all.subList(4990, 5000));
    assertThat(afterTen).isEqualTo(16384);
    assertThat(twoHundred).containsExactlyElementsOf(all.subList(4800, 5000));
    assertThat(fake.requests()).containsExactly(
        "GET " + LOG_PATH + " bytes=-16384",
        "GET " + LOG_PATH + " bytes=-32000",
        "GET " + LOG_PATH + " bytes=" + (log.getBytes(StandardCharsets.UTF_8).length - 32000 - 64000)
            + "-" + (log.getBytes(StandardCharsets.UTF_8).length - 32000 - 1));
    assertThat(fake.bodyBytesSent() - afterTen).isEqualTo(96000);
  }

  @Test
  void aSuffixLongerThanTheFileWhichTwistedFailsWithA500IsReadWhole() {
    wm.stubFor(get(LOG_PATH).withHeader("Range", equalTo("bytes=-100000"))
        .willReturn(aResponse().withStatus(500).withBody("<html><b>Processing Failed</b></html>")));
    wm.stubFor(get(LOG_PATH).withHeader("Range", absent()).willReturn(FULL.response()));
    JobLogs logs = JobLogs.of(client(wm.baseUrl()));

    LogChunk tail = logs.tail(JOB, 100_000);

    assertThat(tail.bytes()).isEqualTo(FULL.body);
    assertThat(tail.offset()).isZero();
    assertThat(tail.totalSize()).hasValue(4428);
  }

  @Test
  void otherErrorsOfASuffixRangeAreNotRetried() {
    wm.stubFor(get(LOG_PATH).willReturn(aResponse().withStatus(403).withBody("forbidden")));

    assertThatThrownBy(() -> JobLogs.of(client(wm.baseUrl())).tail(JOB, 10))
        .isInstanceOfSatisfying(io.github.scrapyd4j.ScrapydHttpException.class,
            e -> assertThat(e.statusCode()).isEqualTo(403));
    wm.verify(1, getRequestedFor(urlPathEqualTo(LOG_PATH)));
  }

  @Test
  void lastLinesOfAShortLogWithoutFinalNewlineAreAllThere() {
    FakeScrapyd fake = fake();
    fake.put(LOG_PATH, "one\ntwo\r\nthree");
    JobLogs logs = JobLogs.of(client(fake.url()));

    assertThat(logs.tailLines(JOB, 2)).containsExactly("two", "three");
    assertThat(logs.tailLines(JOB, 10)).containsExactly("one", "two", "three");
    fake.put(LOG_PATH, "");
    assertThat(logs.tailLines(JOB, 3)).isEmpty();
    assertThat(logs.tail(JOB, 5).length()).isZero();
  }

  @Test
  void aServerIgnoringRangesStillGivesTheRightPieces() {
    FakeScrapyd fake = fake().ignoringRanges();
    String log = numberedLog(300, 10);
    fake.put(LOG_PATH, log);
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    JobLogs logs = JobLogs.of(client(fake.url()));

    LogChunk range = logs.range(JOB, 1000, 50);
    LogChunk tail = logs.tail(JOB, 30);
    List<String> lines = logs.tailLines(JOB, 3);

    assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 1050));
    assertThat(range.totalSize()).hasValue(bytes.length);
    assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 30, bytes.length));
    assertThat(tail.offset()).isEqualTo(bytes.length - 30);
    assertThat(lines).containsExactlyElementsOf(Arrays.asList(log.split("\n")).subList(297, 300));
  }

  @Test
  void statsAreFoundAtTheEndOfALongLogWithoutReadingItAll() {
    FakeScrapyd fake = fake();
    String log = numberedLog(20_000, 40) + FULL.bodyText(); // about 2.5 MB
    fake.put(LOG_PATH, log);

    ScrapyStats stats = JobLogs.of(client(fake.url())).stats(JOB).orElseThrow();

    assertThat(stats.itemsScraped()).isEqualTo(31);
    assertThat(fake.bodyBytesSent()).isEqualTo(65536);
  }

  @Test
  void aLogWithoutStatsHasNoneAfterReadingItOnce() {
    FakeScrapyd fake = fake();
    fake.put(LOG_PATH, numberedLog(10, 1));

    assertThat(JobLogs.of(client(fake.url())).stats(JOB)).isEmpty();
    assertThat(fake.requests()).containsExactly(
        "GET " + LOG_PATH + " bytes=-65536", "GET " + LOG_PATH); // Twisted fails the first: 500
  }

  @Test
  void theOutcomeOfAFinishedJobComesFromItsLog() {
    FakeScrapyd fake = fake();
    fake.job("labbot", "pages", "myjob-1", "finished");
    fake.put(LOG_PATH, FULL.bodyText());
    JobLogs logs = JobLogs.of(client(fake.url()));

    JobOutcome outcome = logs.outcome(JOB);
    JobOutcome waited = logs.awaitOutcome(JOB, java.time.Duration.ofSeconds(30));

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(outcome.jobState()).contains(io.github.scrapyd4j.model.JobState.FINISHED);
    assertThat(outcome.job()).contains(JOB);
    assertThat(waited.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
  }

  @Test
  void aRunningJobWithoutLogYetIsInProgressAndAPendingOneIsNotRead() {
    FakeScrapyd fake = fake();
    fake.job("labbot", "pages", "myjob-1", "running");
    JobLogs logs = JobLogs.of(client(fake.url()));

    JobOutcome running = logs.outcome(JOB);
    fake.state("myjob-1", "pending");
    JobOutcome pending = logs.outcome(JOB);

    assertThat(running.verdict()).isEqualTo(JobOutcome.Verdict.IN_PROGRESS);
    assertThat(running.summary().lines()).isZero();
    assertThat(pending.verdict()).isEqualTo(JobOutcome.Verdict.IN_PROGRESS);
    assertThat(fake.count("GET /logs/")).isEqualTo(1);
  }

  @Test
  void aRunningJobsLogIsCountedPerLevelWithoutAVerdict() {
    FakeScrapyd fake = fake();
    fake.job("labbot", "pages", "myjob-1", "running");
    String soFar = FULL.bodyText().substring(0, FULL.bodyText().indexOf("2026-11-23 18:27:14 [scrapy.core.engine]"));
    fake.put(LOG_PATH, soFar + "2026-11-23 18:27:13 [scrapy.core.scraper] ERROR: Spider error processing <GET x>\n"
        + "Traceback (most recent call last):\nValueError: boom\n");

    JobOutcome outcome = JobLogs.of(client(fake.url())).outcome(JOB);

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.IN_PROGRESS);
    assertThat(outcome.summary().levelCounts()).containsEntry("ERROR", 1L).containsEntry("WARNING", 1L)
        .containsEntry("INFO", 10L);
    assertThat(outcome.summary().firstErrors()).singleElement().asString().contains("Spider error processing");
    assertThat(outcome.stats()).isEmpty();
  }

  @Test
  void badArgumentsAreRejectedNamingThemBeforeAnyRequest() {
    JobLogs logs = JobLogs.of(client(wm.baseUrl()));

    assertThatThrownBy(() -> logs.range(JOB, -1, 10)).hasMessageContaining("offset must be 0 or more");
    assertThatThrownBy(() -> logs.range(JOB, 0, 0)).hasMessageContaining("length must be 1 or more");
    assertThatThrownBy(() -> logs.tail(JOB, 0)).hasMessageContaining("bytes must be 1 or more");
    assertThatThrownBy(() -> logs.tailLines(JOB, 0)).hasMessageContaining("lines must be 1 or more");
    assertThatThrownBy(() -> logs.read(null, t -> { })).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("job");
    assertThatThrownBy(() -> logs.copy(JOB, null)).hasMessageContaining("out");
    assertThatThrownBy(() -> logs.followAsync(JOB, t -> { }, -5)).hasMessageContaining("fromOffset");
    assertThatThrownBy(() -> JobRef.of("p", "s", "a/b")).hasMessageContaining("jobId");
    assertThatThrownBy(() -> JobRef.of(" ", "s", "j")).hasMessageContaining("project");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
