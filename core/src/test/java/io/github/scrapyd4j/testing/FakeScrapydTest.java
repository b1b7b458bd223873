package io.github.scrapyd4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.ScheduleRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in answers as the recordings of a real Scrapyd 1.6.0 show, counts and faults. */
class FakeScrapydTest {
  private final FakeScrapyd fake = new FakeScrapyd().project("labbot", "boom", "echo", "pages",
      "slow");
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void close() {
    fake.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(fake.url() + pathAndQuery.substring(1)))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(fake.url() + path.substring(1)))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The recorded body, with the recorded node's name replaced by the stand-in's. */
  private static String recorded(String name) {
    return Recording.load(name).bodyText().replace("\"node_name\": \"vm\"",
        "\"node_name\": \"fake\"");
  }

  private static void assertLike(HttpResponse<String> response, String recording) {
    assertThat(response.statusCode()).isEqualTo(Recording.load(recording).status);
    assertThat(response.body()).isEqualTo(recorded(recording));
  }

  @Test
  void answersReadEndpointsLikeTheRecordings() throws Exception {
    assertLike(get("/listprojects.json"), "listprojects");
    assertLike(get("/listspiders.json?project=labbot"), "listspiders");
    assertLike(get("/listspiders.json?project=nosuch"), "listspiders_noproject");
    assertLike(get("/listjobs.json?project=nosuch"), "listjobs_noproject_param");
    assertLike(get("/status.json?job=nope"), "status_unknown");
    assertLike(get("/status.json?job=ver-1&project=nosuch"), "status_wrongproject");
    assertThat(get("/listversions.json?project=labbot").body())
        .isEqualTo(recorded("listversions").replace("\"r1\"", "\"1\""));
    assertThat(get("/listversions.json?project=nosuch").body())
        .isEqualTo("{\"versions\": [], \"status\": \"ok\", \"node_name\": \"fake\"}\n");
    assertThat(get("/nosuch.json").statusCode()).isEqualTo(404);
  }

  @Test
  void answersErrorsWithHttp200LikeTheRecordings() throws Exception {
    assertLike(post("/schedule.json", "project=labbot&spider=nosuch"), "schedule_badspider");
    assertLike(post("/schedule.json", "project=nosuch&spider=echo"), "schedule_noproject");
    assertLike(post("/schedule.json", "project=labbot"), "schedule_missing");
    assertLike(post("/schedule.json", "project=labbot&spider=echo&priority=high"),
        "schedule_badprio");
    assertLike(get("/schedule.json?project=labbot&spider=echo"), "schedule_get");
    assertLike(post("/daemonstatus.json", ""), "daemonstatus_post");
    assertLike(post("/cancel.json", "project=labbot&job=nosuchjob"), "cancel_unknown");
    assertLike(post("/delversion.json", "project=labbot&version=nope"), "delversion_missing");
    assertLike(post("/delproject.json", "project=nosuch"), "delproject_missing");
    assertThat(fake.jobs("pending")).isEmpty();
    assertThat(get("/daemonstatus.json").body()).isEqualTo(
        "{\"pending\": 0, \"running\": 0, \"finished\": 0, \"status\": \"ok\","
            + " \"node_name\": \"fake\"}\n");
  }

  @Test
  void movesScheduledJobsThroughTheirStates() {
    try (ScrapydClient client = ScrapydClient.builder().baseUri(fake.url()).build()) {
      String id = client.schedule(ScheduleRequest.builder().project("labbot").spider("echo")
          .putArg("foo", "bar").putSetting("DOWNLOAD_DELAY", "2").build()).jobId();
      assertThat(fake.jobs("pending")).containsExactly(id);
      assertThat(fake.args(id)).containsExactly(java.util.Map.entry("foo", "bar"));
      JobList jobs = client.listJobs("labbot");
      PendingJob pending = jobs.pending().get(0);
      assertThat(pending.args()).containsEntry("foo", "bar");
      assertThat(pending.settings()).containsEntry("DOWNLOAD_DELAY", "2");
      assertThat(client.status(id).state()).contains(JobState.PENDING);

      fake.state(id, "running");
      fake.put("/logs/labbot/echo/" + id + ".log", "INFO: Spider opened\n");
      assertThat(client.listJobs("labbot").running()).hasSize(1);
      assertThat(client.daemonStatus().running()).isEqualTo(1);
      assertThat(client.cancel("labbot", id).previousState()).contains(JobState.RUNNING);
      assertThat(client.status(id).state()).contains(JobState.FINISHED);
      assertThat(client.listJobs("labbot").finished()).hasSize(1);

      assertThat(client.delVersion("labbot", "1").nodeName()).isEqualTo("fake");
      assertThatThrownBy(() -> client.listSpiders("labbot"))
          .isInstanceOf(ScrapydApiException.class)
          .hasMessageContaining("project 'labbot' not found");
    }
    assertThat(fake.hits("/schedule.json")).isEqualTo(1);
    assertThat(fake.hits("/listjobs.json")).isEqualTo(3);
    assertThat(fake.hits("/status.json")).isEqualTo(2);
  }

  @Test
  void servesLogsWithRangesLikeTheRecordings() throws Exception {
    String log = Recording.load("log_full").bodyText();
    fake.put("/logs/labbot/pages/myjob-1.log", log);
    assertThat(get("/logs/labbot/pages/myjob-1.log").body()).isEqualTo(log);
    HttpResponse<String> range = http.send(HttpRequest.newBuilder(
        URI.create(fake.url() + "logs/labbot/pages/myjob-1.log"))
        .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofString());
    Recording recorded = Recording.load("log_range");
    assertThat(range.statusCode()).isEqualTo(recorded.status);
    assertThat(range.body()).isEqualTo(recorded.bodyText());
    assertThat(range.headers().firstValue("Content-Range")).contains(recorded.headers.stream()
        .filter(h -> h.getKey().equals("Content-Range")).findFirst().get().getValue());
    HttpResponse<String> past = http.send(HttpRequest.newBuilder(
        URI.create(fake.url() + "logs/labbot/pages/myjob-1.log"))
        .header("Range", "bytes=999999-").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(past.statusCode()).isEqualTo(Recording.load("log_range_past").status);
    assertThat(get("/logs/labbot/pages/nosuch.log").statusCode())
        .isEqualTo(Recording.load("log_missing").status);
    assertThat(fake.count("GET /logs/")).isEqualTo(4);
  }

  @Test
  void injectsFaultsThenAnswersAgain() throws Exception {
    fake.fail("/listprojects.json", FakeScrapyd.Fault.SERVER_ERROR, 1)
        .fail("/listspiders.json", FakeScrapyd.Fault.UNAVAILABLE, 2)
        .fail("/cancel.json", FakeScrapyd.Fault.DISCONNECT, 1);
    assertThat(get("/listprojects.json").statusCode()).isEqualTo(500);
    assertLike(get("/listprojects.json"), "listprojects");
    assertThat(get("/listspiders.json?project=labbot").statusCode()).isEqualTo(503);
    assertThat(get("/listspiders.json?project=labbot").statusCode()).isEqualTo(503);
    assertLike(get("/listspiders.json?project=labbot"), "listspiders");
    // A POST, because the JDK client repeats a GET once on a dropped connection.
    assertThatThrownBy(() -> post("/cancel.json", "project=labbot&job=nosuchjob"))
        .isInstanceOf(IOException.class);
    assertLike(post("/cancel.json", "project=labbot&job=nosuchjob"), "cancel_unknown");
    assertThat(fake.hits("/listprojects.json")).isEqualTo(2);
    assertThat(fake.hits("/listspiders.json")).isEqualTo(3);
    assertThat(fake.hits("/cancel.json")).isEqualTo(2);
    assertThatThrownBy(() -> fake.fail("/x", FakeScrapyd.Fault.DISCONNECT, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
  }

  @Test
  void aPrefixedUrlIsTheSameNodeAndIsCountedWithoutThePrefix() throws Exception {
    String node7 = fake.url("node-7");
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
        URI.create(node7 + "listspiders.json?project=labbot")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(node7).isEqualTo(fake.url() + "node-7/");
    assertThat(answer.body()).isEqualTo(recorded("listspiders"));
    assertThat(fake.hits("/listspiders.json")).isEqualTo(1);
    assertThat(fake.requests()).containsExactly("GET /listspiders.json");
    assertThatThrownBy(() -> fake.url("a/b")).hasMessageContaining("one path segment");
  }

  @Test
  void aFixedAnswerReplacesTheOneMadeFromTheState() throws Exception {
    fake.answer("/daemonstatus.json", "{\"status\": \"ok\", \"running\": 99}\n");

    HttpResponse<String> answer = get("/daemonstatus.json");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(answer.body()).isEqualTo("{\"status\": \"ok\", \"running\": 99}\n");
  }

  @Test
  void latencyDelaysEveryAnswerOfManyAtOnce() throws Exception {
    fake.latency(Duration.ofMillis(300));
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls =
        new java.util.ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) { // five times the server's four threads
      calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(fake.url() + "listprojects.json"))
          .build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (java.util.concurrent.CompletableFuture<HttpResponse<String>> call : calls) {
      assertThat(call.get().body()).isEqualTo(recorded("listprojects"));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isGreaterThanOrEqualTo(300);
    assertThat(fake.hits("/listprojects.json")).isEqualTo(20);
    assertThatThrownBy(() -> fake.latency(Duration.ofMillis(-1))).hasMessageContaining("negative");
  }

  @Test
  void aServedFileIsMadeAsItIsSentAndAnswersRanges() throws Exception {
    byte[] alphabet = "abcdefghijklmnopqrstuvwxyz".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    fake.serve("/items/p/s/j.jl", alphabet.length, () -> new java.io.ByteArrayInputStream(alphabet));

    HttpResponse<String> whole = get("/items/p/s/j.jl");
    HttpResponse<String> middle = http.send(HttpRequest.newBuilder(
        URI.create(fake.url() + "items/p/s/j.jl")).header("Range", "bytes=10-12").build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> past = http.send(HttpRequest.newBuilder(
        URI.create(fake.url() + "items/p/s/j.jl")).header("Range", "bytes=26-").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(whole.body()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo("klm");
    assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 10-12/26");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(fake.bodyBytesSent()).isEqualTo(26 + 3);
  }

  @Test
  void bytesSentCountsStatusLinesHeadersAndBodies() throws Exception {
    fake.put("/logs/p/s/j.log", "0123456789");
    HttpResponse<String> answer = get("/logs/p/s/j.log");
    long head = ("HTTP/1.1 200 OK\r\n").length() + 2;
    for (java.util.Map.Entry<String, java.util.List<String>> h : answer.headers().map().entrySet()) {
      for (String value : h.getValue()) {
        head += h.getKey().length() + 2 + value.length() + 2;
      }
    }

    assertThat(fake.bytesSent("/logs/")).isEqualTo(head + 10);
    assertThat(fake.bytesSent("/status.json")).isZero();
  }

  @Test
  void withoutTheRequestLogTheCountsRemain() throws Exception {
    fake.withoutRequestLog();
    get("/listprojects.json");

    assertThat(fake.requests()).isEmpty();
    assertThat(fake.hits("/listprojects.json")).isEqualTo(1);
    assertThat(fake.bytesSent("/listprojects.json")).isGreaterThan(recorded("listprojects")
        .length());
  }

  @Test
  void aHangingNodeTakesRequestsAndNeverAnswers() {
    fake.hanging();

    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
        URI.create(fake.url() + "daemonstatus.json")).timeout(Duration.ofMillis(300)).build(),
        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);
    assertThat(fake.hits("/daemonstatus.json")).isEqualTo(1);
  }
}
