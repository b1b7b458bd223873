package io.github.scrapyd4j.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydMalformedResponseException;
import io.github.scrapyd4j.jobs.support.ManualScheduler;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.testing.FakeScrapyd;
import io.github.scrapyd4j.testing.Recording;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Following a running job's log with offset ranges, on a virtual clock: each byte is transferred
 * once, 416 means nothing new, a shrunken or replaced log starts over, and the follow ends once the
 * job finished and the rest was read.
 */
class LogFollowTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String LOG_PATH = "/logs/p/s/j1.log";
  private static final JobRef JOB = JobRef.of("p", "s", "j1");
  private static final Polling POLLING = Polling.builder()
      .initialInterval(Duration.ofSeconds(1))
      .maxInterval(Duration.ofSeconds(4))
      .multiplier(2)
      .vanishGrace(Duration.ofSeconds(10))
      .failureTolerance(0)
      .build();

  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** Collects what a follow hands on. */
  static final class Collected implements LogConsumer {
    final StringBuilder text = new StringBuilder();
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void onText(String t) {
      text.append(t);
    }

    @Override
    public synchronized void onRestart() {
      events.add("restart after " + text.length() + " chars");
      text.setLength(0);
    }

    @Override
    public synchronized void onEnd() {
      events.add("end");
    }
  }

  private JobLogs logs(String url) {
    ScrapydClient c = ScrapydClient.builder().baseUri(url).retryPolicy(RetryPolicy.none()).build();
    toClose.add(c);
    return Jobs.builder(c).polling(POLLING).scheduler(scheduler).clock(scheduler.clock()).build()
        .logs();
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

  private static MappingBuilder step(MappingBuilder request, String state, String next) {
    ScenarioMappingBuilder m = request.inScenario("job").whenScenarioStateIs(state);
    return next == null ? m : m.willSetStateTo(next);
  }

  private static MappingBuilder log(String range) {
    return get(urlPathEqualTo(LOG_PATH)).withHeader("Range", equalTo(range));
  }

  private static ResponseDefinitionBuilder partial(byte[] all, int from, int to, int total) {
    return aResponse().withStatus(206).withHeader("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + total)
        .withBody(Arrays.copyOfRange(all, from, to));
  }

  private static ResponseDefinitionBuilder unsatisfiable(int total) {
    return aResponse().withStatus(416).withHeader("Content-Range", "bytes */" + total);
  }

  private static ResponseDefinitionBuilder status(String state) {
    return Recording.json("{\"currstate\": \"" + state + "\", \"status\": \"ok\", \"node_name\": \"vm\"}");
  }

  @Test
  void aGrowingLogIsReadWithOffsetRangesSoEachByteIsTransferredOnce() {
    byte[] all = "line one\nline two é\nline three\n".getBytes(StandardCharsets.UTF_8);
    int e = new String(all, StandardCharsets.UTF_8).indexOf('é') + 1; // between the two bytes of é
    wm.stubFor(step(log("bytes=0-"), STARTED, "s1").willReturn(partial(all, 0, 9, 9)));
    wm.stubFor(step(log("bytes=9-"), "s1", "s2").willReturn(unsatisfiable(9)));
    wm.stubFor(step(get(urlPathEqualTo("/status.json")), "s2", "s3").willReturn(status("running")));
    wm.stubFor(step(log("bytes=9-"), "s3", "s4").willReturn(partial(all, 9, e, e)));
    wm.stubFor(step(log("bytes=" + e + "-"), "s4", "s5").willReturn(partial(all, e, all.length, all.length)));
    wm.stubFor(step(log("bytes=" + all.length + "-"), "s5", "s6").willReturn(unsatisfiable(all.length)));
    wm.stubFor(step(get(urlPathEqualTo("/status.json")), "s6", "s7").willReturn(status("finished")));
    wm.stubFor(step(log("bytes=" + all.length + "-"), "s7", null).willReturn(unsatisfiable(all.length)));
    Collected out = new Collected();

    FollowResult result = scheduler.drive(logs(wm.baseUrl()).followAsync(JOB, out)).join();

    assertThat(out.text.toString()).isEqualTo("line one\nline two é\nline three\n");
    assertThat(out.events).containsExactly("end");
    assertThat(result.bytes()).isEqualTo(all.length);
    assertThat(result.bytesReceived()).isEqualTo(all.length);
    assertThat(result.fileRequests()).isEqualTo(6);
    assertThat(result.stateRequests()).isEqualTo(2);
    assertThat(result.restarts()).isZero();
    assertThat(scheduler.delays()).containsExactly(
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void aLogThatShrankIsReadAgainFromItsStart() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    fake.put(LOG_PATH, "old content that will be replaced\n");
    Collected out = new Collected();
    CompletableFuture<FollowResult> follow = logs(fake.url()).followAsync(JOB, out);
    scheduler.awaitQueued(1);
    fake.put(LOG_PATH, "new\n");
    scheduler.step(follow, 1);
    scheduler.awaitQueued(1);
    fake.state("j1", "finished");

    FollowResult result = scheduler.drive(follow).join();

    assertThat(out.text.toString()).isEqualTo("new\n");
    assertThat(out.events).containsExactly("restart after 34 chars", "end");
    assertThat(result.restarts()).isEqualTo(1);
    assertThat(fake.requests()).containsSubsequence(
        "GET " + LOG_PATH + " bytes=0-", "GET " + LOG_PATH + " bytes=34-", "GET " + LOG_PATH + " bytes=0-");
  }

  @Test
  void aServerThatIgnoresRangesIsReadWithoutRepeatingBytes() {
    FakeScrapyd fake = fake().ignoringRanges();
    fake.job("p", "s", "j1", "running");
    fake.put(LOG_PATH, "first\n");
    Collected out = new Collected();
    CompletableFuture<FollowResult> follow = logs(fake.url()).followAsync(JOB, out);
    scheduler.awaitQueued(1);
    fake.append(LOG_PATH, "second\n");
    scheduler.step(follow, 1);
    scheduler.awaitQueued(1);
    fake.put(LOG_PATH, "x\n"); // replaced by a shorter file
    scheduler.step(follow, 1);
    scheduler.awaitQueued(1);
    fake.state("j1", "finished");

    FollowResult result = scheduler.drive(follow).join();

    assertThat(out.text.toString()).isEqualTo("x\n");
    assertThat(out.events).containsExactly("restart after 13 chars", "end");
    assertThat(result.bytes()).isEqualTo(6 + 7 + 2);
    assertThat(result.bytesReceived()).isGreaterThan(result.bytes());
  }

  @Test
  void aRangeStartingBeforeTheOffsetIsTrimmedAndOneStartingAfterItIsAnError() {
    byte[] all = "0123456789".getBytes(StandardCharsets.UTF_8);
    wm.stubFor(step(log("bytes=0-"), STARTED, "s1").willReturn(partial(all, 0, 5, 5)));
    wm.stubFor(step(log("bytes=5-"), "s1", "s2").willReturn(partial(all, 0, 10, 10)));
    wm.stubFor(step(log("bytes=10-"), "s2", null).willReturn(aResponse().withStatus(206)
        .withHeader("Content-Range", "bytes 12-13/14").withBody("xy")));
    Collected out = new Collected();

    CompletableFuture<FollowResult> follow = scheduler.drive(logs(wm.baseUrl()).followAsync(JOB, out));

    assertThat(out.text.toString()).isEqualTo("0123456789");
    assertThatThrownBy(follow::join).cause().isInstanceOf(ScrapydMalformedResponseException.class)
        .hasMessageContaining("asked for bytes from 10 and got bytes from 12");
  }

  @Test
  void aLogNotThereYetIsWaitedForWhileTheJobIsPending() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "pending");
    Collected out = new Collected();
    CompletableFuture<FollowResult> follow = logs(fake.url()).followAsync(JOB, out);
    scheduler.step(follow, 1);
    scheduler.awaitQueued(1);
    fake.state("j1", "running");
    fake.put(LOG_PATH, "started\n");
    scheduler.step(follow, 1);
    scheduler.awaitQueued(1);
    fake.append(LOG_PATH, "done\n");
    fake.state("j1", "finished");

    FollowResult result = scheduler.drive(follow).join();

    assertThat(out.text.toString()).isEqualTo("started\ndone\n");
    assertThat(result.stateRequests()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aJobFinishedWithoutALogEndsWithATypedNotFound() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "finished");
    Collected out = new Collected();

    CompletableFuture<FollowResult> follow = scheduler.drive(logs(fake.url()).followAsync(JOB, out));

    assertThatThrownBy(follow::join).cause().isInstanceOfSatisfying(LogNotFoundException.class,
        e -> assertThat(e.job()).isEqualTo(JOB));
    assertThat(out.events).isEmpty();
  }

  @Test
  void aJobThatVanishesEndsTheFollowAfterTheRestOfItsLogWasRead() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    fake.put(LOG_PATH, "one\n");
    Collected out = new Collected();
    CompletableFuture<FollowResult> follow = logs(fake.url()).followAsync(JOB, out);
    scheduler.awaitQueued(1);
    fake.state("j1", null);
    fake.append(LOG_PATH, "two\n");

    scheduler.drive(follow);

    assertThatThrownBy(follow::join).cause().isInstanceOf(JobVanishedException.class);
    assertThat(out.text.toString()).isEqualTo("one\ntwo\n");
    assertThat(out.events).containsExactly("end");
  }

  @Test
  void anOldServerWithoutStatusJsonIsFollowedWithListjobs() {
    FakeScrapyd fake = fake().withoutStatusJson();
    fake.job("p", "s", "j1", "running");
    fake.put(LOG_PATH, "a\n");
    Collected out = new Collected();
    CompletableFuture<FollowResult> follow = logs(fake.url()).followAsync(JOB, out);
    scheduler.step(follow, 1);
    scheduler.awaitQueued(1);
    fake.append(LOG_PATH, "b\n");
    fake.state("j1", "finished");

    scheduler.drive(follow).join();

    assertThat(out.text.toString()).isEqualTo("a\nb\n");
    assertThat(fake.count("GET /status.json")).isEqualTo(1);
    assertThat(fake.count("GET /listjobs.json")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFollowFromAnOffsetAsksForTheBytesAfterIt() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "finished");
    fake.put(LOG_PATH, "skipped\nkept\n");
    Collected out = new Collected();

    FollowResult result = scheduler.drive(logs(fake.url()).followAsync(JOB, out, 8)).join();

    assertThat(out.text.toString()).isEqualTo("kept\n");
    assertThat(result.bytes()).isEqualTo(5);
    assertThat(fake.requests()).first().isEqualTo("GET " + LOG_PATH + " bytes=8-");
  }

  @Test
  void aConsumerThatThrowsEndsTheFollowWithItsException() {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    fake.put(LOG_PATH, "x\n");

    CompletableFuture<FollowResult> follow = scheduler.drive(logs(fake.url()).followAsync(JOB, text -> {
      throw new IllegalStateException("consumer gave up");
    }));

    assertThatThrownBy(follow::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessage("consumer gave up");
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void cancellingTheFollowStopsThePolls() throws Exception {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    fake.put(LOG_PATH, "x\n");
    CompletableFuture<FollowResult> follow = logs(fake.url()).followAsync(JOB, new Collected());
    scheduler.awaitQueued(1);

    follow.cancel(true);
    scheduler.runQueued();

    // A poll that still went out would reach the fake server asynchronously: give it time.
    Thread.sleep(300);
    assertThat(fake.requests()).hasSize(1);
    assertThat(scheduler.queued()).isZero();
  }

  @Test
  void aBlockingFollowGivesUpAtItsTimeout() throws Exception {
    FakeScrapyd fake = fake();
    fake.job("p", "s", "j1", "running");
    fake.put(LOG_PATH, "x\n");
    JobLogs logs = logs(fake.url());
    Collected out = new Collected();
    CompletableFuture<FollowResult> blocking = CompletableFuture.supplyAsync(
        () -> logs.follow(JOB, out, Duration.ofSeconds(5)));

    scheduler.drive(blocking, 2, 100);

    assertThatThrownBy(blocking::join).cause().isInstanceOfSatisfying(JobWaitTimeoutException.class,
        e -> assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(5)));
    assertThat(out.text.toString()).isEqualTo("x\n");
  }
}
