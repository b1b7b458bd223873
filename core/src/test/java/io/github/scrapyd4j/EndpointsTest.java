package io.github.scrapyd4j;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.scrapyd4j.Api.Mode;
import io.github.scrapyd4j.ScrapydApiException.Reason;
import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.JobStatus;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.RunningJob;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import io.github.scrapyd4j.testing.TestEggs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every endpoint over a real socket, through the blocking and the async path: the decoded answer
 * (stub bodies are Scrapyd 1.6.0 recordings), the exact request sent, and each error the server can
 * give.
 */
class EndpointsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ScrapydClient client;

  private Api api(Mode mode) {
    client = ScrapydClient.builder().baseUri(wm.baseUrl()).retryPolicy(RetryPolicy.none()).build();
    return mode.of(client);
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  private static void stubGet(String path, String recording) {
    wm.stubFor(get(urlPathEqualTo(path)).willReturn(Recording.load(recording).response()));
  }

  private static void stubPost(String path, String recording) {
    wm.stubFor(post(urlPathEqualTo(path)).willReturn(Recording.load(recording).response()));
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static List<Map.Entry<String, String>> form(Request request) {
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    return Forms.decode(request.getBodyAsString());
  }

  // ------------------------------------------------------------------ daemonstatus

  @ParameterizedTest
  @EnumSource(Mode.class)
  void daemonStatusReadsCountsAndNodeName(Mode mode) {
    stubGet("/daemonstatus.json", "daemonstatus_busy");

    DaemonStatus status = api(mode).daemonStatus();

    assertThat(status.nodeName()).isEqualTo("vm");
    assertThat(status.pending()).isZero();
    assertThat(status.running()).isEqualTo(1);
    assertThat(status.finished()).isEqualTo(3);
    assertThat(status.load()).isEqualTo(1);
    LoggedRequest request = onlyRequest();
    assertThat(request.getMethod().value()).isEqualTo("GET");
    assertThat(request.getUrl()).isEqualTo("/daemonstatus.json");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    assertThat(request.getHeader("User-Agent")).startsWith("scrapyd4j/");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void wrongMethodAnswerIsAnUnsupportedMethodError(Mode mode) {
    stubGet("/daemonstatus.json", "daemonstatus_post");

    assertThatThrownBy(() -> api(mode).daemonStatus())
        .isInstanceOfSatisfying(ScrapydApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_METHOD);
          assertThat(e.nodeName()).contains("vm");
          assertThat(e.endpoint()).contains("daemonstatus.json");
        });
  }

  // ------------------------------------------------------------------ addversion

  @ParameterizedTest
  @EnumSource(Mode.class)
  void addVersionSendsMultipartWithProjectVersionAndEgg(Mode mode) {
    stubPost("/addversion.json", "addversion_ok");
    byte[] egg = TestEggs.minimal();

    AddVersionResult result = api(mode).addVersion("labbot", "r1", egg);

    assertThat(result.project()).isEqualTo("labbot");
    assertThat(result.version()).isEqualTo("r1");
    assertThat(result.storedVersion()).isEqualTo("r1");
    assertThat(result.spiders()).isEqualTo(4);
    assertThat(result.nodeName()).isEqualTo("vm");
    LoggedRequest request = onlyRequest();
    assertThat(request.getMethod().value()).isEqualTo("POST");
    assertThat(request.getUrl()).isEqualTo("/addversion.json");
    assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(request.getHeader("Transfer-Encoding")).as("sent with a known length").isNull();
    assertThat(request.getPart("project").getBody().asString()).isEqualTo("labbot");
    assertThat(request.getPart("version").getBody().asString()).isEqualTo("r1");
    Request.Part eggPart = request.getPart("egg");
    assertThat(eggPart.getBody().asBytes()).isEqualTo(egg);
    assertThat(eggPart.getHeader("Content-Disposition").firstValue()).contains("filename=\"project.egg\"");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void addVersionStreamsAnEggFileAndReportsTheStoredName(Mode mode, @TempDir Path dir) throws Exception {
    wm.stubFor(post(urlPathEqualTo("/addversion.json")).willReturn(Recording.json(
        "{\"project\": \"labbot\", \"version\": \"1.10\", \"spiders\": 4, \"status\": \"ok\", \"node_name\": \"vm\"}")));
    Path eggFile = dir.resolve("labbot.egg");
    Files.write(eggFile, TestEggs.minimal());

    AddVersionResult result = api(mode).addVersion("labbot", "1.10", eggFile);

    assertThat(result.version()).isEqualTo("1.10");
    assertThat(result.storedVersion()).isEqualTo("1_10");
    assertThat(onlyRequest().getPart("egg").getBody().asBytes()).isEqualTo(Files.readAllBytes(eggFile));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void addVersionOfOldServerWithoutProjectAndVersionFieldsUsesTheRequestedOnes(Mode mode) {
    wm.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(Recording.json("{\"status\": \"ok\", \"spiders\": 2, \"node_name\": \"old\"}")));

    AddVersionResult result = api(mode).addVersion("p", "7", TestEggs.minimal());

    assertThat(result.project()).isEqualTo("p");
    assertThat(result.version()).isEqualTo("7");
    assertThat(result.spiders()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void addVersionErrorsAreClassified(Mode mode) {
    Api api = api(mode);
    String[][] cases = {
      {"addversion_badegg", "BAD_EGG"},
      {"addversion_noentry", "RUNNER_ERROR"},
      {"addversion_missing_egg", "MISSING_PARAMETER"},
      {"addversion_badproject", "INVALID_PARAMETER"},
    };
    for (String[] c : cases) {
      wm.resetAll();
      stubPost("/addversion.json", c[0]);
      assertThatThrownBy(() -> api.addVersion("labbot", "r1", TestEggs.minimal()))
          .as(c[0])
          .isInstanceOfSatisfying(ScrapydApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.valueOf(c[1]));
            assertThat(e.serverMessage()).isEqualTo(
                Recording.load(c[0]).bodyText().replaceAll("(?s).*\"message\": \"", "")
                    .replaceAll("(?s)\", \"node_name.*", "").replace("\\n", "\n").replace("\\\"", "\""));
          });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void runnerErrorMessageKeepsTheWholeTracebackButTheExceptionMessageStaysShort(Mode mode) {
    stubPost("/addversion.json", "addversion_noentry");

    assertThatThrownBy(() -> api(mode).addVersion("labbot", "noep", TestEggs.minimal()))
        .isInstanceOfSatisfying(ScrapydApiException.class, e -> {
          assertThat(e.serverMessage()).startsWith("RunnerError: Traceback").contains("runner.py");
          assertThat(e.getMessage())
              .contains("addversion.json")
              .contains("vm")
              .contains("AttributeError: 'NoneType' object has no attribute 'module_name'")
              .doesNotContain("\n");
        });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void addVersionRejectsEggsThatAreNotEggsBeforeSending(Mode mode, @TempDir Path dir) throws Exception {
    Api api = api(mode);
    assertThatThrownBy(() -> api.addVersion("p", "1", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("egg must not be empty");
    assertThatThrownBy(() -> api.addVersion("p", "1", "not a zip".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a ZIP");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("bot/__init__.py"));
      zip.closeEntry();
    }
    assertThatThrownBy(() -> api.addVersion("p", "1", out.toByteArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EGG-INFO/PKG-INFO");
    assertThatThrownBy(() -> api.addVersion("p", "1", dir.resolve("missing.egg")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> api.addVersion("p", " ", TestEggs.minimal()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version must not be blank");
    assertThatThrownBy(() -> api.addVersion(null, "1", TestEggs.minimal()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("project must not be null");
    assertThat(wm.getAllServeEvents()).as("nothing was sent").isEmpty();
  }

  // ------------------------------------------------------------------ schedule

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scheduleSendsEveryFieldInOrderWithRepeatedSettings(Mode mode) {
    stubPost("/schedule.json", "schedule_ok");
    ScheduleRequest request = ScheduleRequest.builder()
        .project("labbot")
        .spider("echo")
        .version("r2")
        .jobId("job-1")
        .priority(5)
        .putSetting("DOWNLOAD_DELAY", "2")
        .putSetting("USER_AGENT", "lab/1.0 (x=y)")
        .putArg("foo", "bar")
        .putArg("uni", "héllo wörld")
        .putArg("tricky", "a&b=c%d+e f")
        .build();

    ScheduleResult result = api(mode).schedule(request);

    assertThat(result.jobId()).isEqualTo("7e5980b6e76b11f1a91702fc00000001");
    assertThat(result.nodeName()).isEqualTo("vm");
    assertThat(result.project()).isEqualTo("labbot");
    assertThat(result.spider()).isEqualTo("echo");
    LoggedRequest sent = onlyRequest();
    assertThat(sent.getMethod().value()).isEqualTo("POST");
    assertThat(sent.getUrl()).isEqualTo("/schedule.json");
    assertThat(form(sent)).containsExactly(
        entry("project", "labbot"),
        entry("spider", "echo"),
        entry("_version", "r2"),
        entry("jobid", "job-1"),
        entry("priority", "5"),
        entry("setting", "DOWNLOAD_DELAY=2"),
        entry("setting", "USER_AGENT=lab/1.0 (x=y)"),
        entry("foo", "bar"),
        entry("uni", "héllo wörld"),
        entry("tricky", "a&b=c%d+e f"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scheduleWithOnlyProjectAndSpiderSendsAJobIdMadeUpFront(Mode mode) {
    stubPost("/schedule.json", "schedule_jobid");

    api(mode).schedule(ScheduleRequest.of("labbot", "pages"));

    assertThat(form(onlyRequest())).hasSize(3)
        .startsWith(entry("project", "labbot"), entry("spider", "pages"));
    assertThat(form(onlyRequest()).get(2).getKey()).isEqualTo("jobid");
    assertThat(form(onlyRequest()).get(2).getValue()).matches("[0-9a-f]{32}");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scheduleFractionalPriorityIsSentAsPythonReadsIt(Mode mode) {
    stubPost("/schedule.json", "schedule_jobid");

    api(mode).schedule(ScheduleRequest.builder().project("p").spider("s").priority(-0.5).build());

    assertThat(form(onlyRequest())).contains(entry("priority", "-0.5"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scheduleErrorsAreClassified(Mode mode) {
    Api api = api(mode);
    String[][] cases = {
      {"schedule_badspider", "SPIDER_NOT_FOUND"},
      {"schedule_noproject", "PROJECT_NOT_FOUND"},
      {"schedule_missing", "MISSING_PARAMETER"},
      {"schedule_badprio", "INVALID_PARAMETER"},
      {"schedule_get", "UNSUPPORTED_METHOD"},
    };
    for (String[] c : cases) {
      wm.resetAll();
      stubPost("/schedule.json", c[0]);
      assertThatThrownBy(() -> api.schedule(ScheduleRequest.of("labbot", "echo")))
          .as(c[0])
          .isInstanceOfSatisfying(ScrapydApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.valueOf(c[1]));
            assertThat(e.nodeName()).contains("vm");
            assertThat(e.getMessage()).contains("schedule.json").contains(e.serverMessage());
          });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void scheduleUnknownVersionIsVersionNotFound(Mode mode) {
    stubPost("/schedule.json", "listspiders_badver");

    assertThatThrownBy(() -> api(mode).schedule(
            ScheduleRequest.builder().project("labbot").spider("echo").version("nope").build()))
        .isInstanceOfSatisfying(ScrapydApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.VERSION_NOT_FOUND);
          assertThat(e.isNotFound()).isTrue();
        });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void spiderNotFoundFromAnOldServerWithoutNodeNameStillReads(Mode mode) {
    wm.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.json("{\"status\": \"error\", \"message\": \"spider 'nosuch' not found\"}")));

    assertThatThrownBy(() -> api(mode).schedule(ScheduleRequest.of("p", "nosuch")))
        .isInstanceOfSatisfying(ScrapydApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SPIDER_NOT_FOUND);
          assertThat(e.nodeName()).isEmpty();
          assertThat(e.getMessage()).contains(wm.baseUrl());
        });
  }

  // ------------------------------------------------------------------ cancel

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelSendsProjectAndJobAndReadsPreviousState(Mode mode) {
    stubPost("/cancel.json", "cancel_running");

    CancelResult result = api(mode).cancel("labbot", "slow-1");

    assertThat(result.previousState()).contains(JobState.RUNNING);
    assertThat(result.jobId()).isEqualTo("slow-1");
    assertThat(form(onlyRequest())).containsExactly(entry("project", "labbot"), entry("job", "slow-1"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelWithSignalByNameOrNumberSendsIt(Mode mode) {
    stubPost("/cancel.json", "cancel_signal");
    Api api = api(mode);

    CancelResult result = api.cancel("labbot", "slowq-9", Signal.KILL);
    api.cancel("labbot", "slowq-9", Signal.number(15));

    assertThat(result.previousState()).isEmpty();
    List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo("/cancel.json")));
    assertThat(form(requests.get(0))).containsExactly(
        entry("project", "labbot"), entry("job", "slowq-9"), entry("signal", "KILL"));
    assertThat(form(requests.get(1))).contains(entry("signal", "15"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelOfUnknownJobHasNoPreviousState(Mode mode) {
    stubPost("/cancel.json", "cancel_unknown");

    assertThat(api(mode).cancel("labbot", "nosuchjob").previousState()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelWithASignalTheNodeDoesNotKnowIsAnInvalidParameter(Mode mode) {
    wm.stubFor(post(urlPathEqualTo("/cancel.json")).willReturn(Recording.json(
        "{\"status\": \"error\", \"message\": \"TypeError: 'str' object cannot be interpreted as an integer\", \"node_name\": \"vm\"}")));

    assertThatThrownBy(() -> api(mode).cancel("labbot", "slow-1", Signal.named("NOPE")))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PARAMETER));
  }

  // ------------------------------------------------------------------ status

  @ParameterizedTest
  @EnumSource(Mode.class)
  void statusReadsEachState(Mode mode) {
    Api api = api(mode);
    stubGet("/status.json", "status_ok");
    JobStatus finished = api.status("myjob-1");
    assertThat(finished.state()).contains(JobState.FINISHED);
    assertThat(finished.jobId()).isEqualTo("myjob-1");
    assertThat(onlyRequest().getUrl()).isEqualTo("/status.json?job=myjob-1");

    wm.resetAll();
    stubGet("/status.json", "status_project");
    assertThat(api.status("labbot", "ver-1").state()).contains(JobState.PENDING);
    assertThat(onlyRequest().getUrl()).isEqualTo("/status.json?job=ver-1&project=labbot");

    wm.resetAll();
    stubGet("/status.json", "status_unknown");
    assertThat(api.status("nope").state()).isEmpty();

    wm.resetAll();
    stubGet("/status.json", "status_wrongproject");
    assertThatThrownBy(() -> api.status("nosuch", "ver-1"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PROJECT_NOT_FOUND));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void statusOnAServerBefore15IsAn404HttpError(Mode mode) {
    stubGet("/status.json", "notfound_endpoint");

    assertThatThrownBy(() -> api(mode).status("j"))
        .isInstanceOfSatisfying(ScrapydHttpException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.body()).contains("No Such Resource");
          assertThat(e.getMessage()).contains("HTTP 404").contains("base URI");
        });
  }

  // ------------------------------------------------------------------ list*

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listProjectsVersionsAndSpiders(Mode mode) {
    Api api = api(mode);
    stubGet("/listprojects.json", "listprojects");
    stubGet("/listversions.json", "listversions2");
    stubGet("/listspiders.json", "listspiders");

    assertThat(api.listProjects().projects()).containsExactly("labbot");
    assertThat(api.listVersions("labbot").versions()).containsExactly("noep", "r1", "r2");
    assertThat(api.listVersions("labbot").latest()).contains("r2");
    assertThat(api.listSpiders("labbot").spiders()).containsExactly("boom", "echo", "pages", "slow");
    assertThat(api.listSpiders("labbot", "r 1").spiders()).hasSize(4);

    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/listversions.json"))))
        .allSatisfy(r -> assertThat(r.getUrl()).isEqualTo("/listversions.json?project=labbot"));
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/listspiders.json")))).extracting(LoggedRequest::getUrl)
        .containsExactly("/listspiders.json?project=labbot", "/listspiders.json?project=labbot&_version=r+1");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listSpidersErrorsAreClassified(Mode mode) {
    Api api = api(mode);
    stubGet("/listspiders.json", "listspiders_badver");
    assertThatThrownBy(() -> api.listSpiders("labbot", "nope"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_NOT_FOUND));
    wm.resetAll();
    stubGet("/listspiders.json", "listspiders_noproject");
    assertThatThrownBy(() -> api.listSpiders("nosuch"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PROJECT_NOT_FOUND));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listJobsKeepsStatesApartWithTimesAndAbsoluteUrls(Mode mode) {
    stubGet("/listjobs.json", "listjobs_pending");

    JobList jobs = api(mode).listJobs("labbot");

    assertThat(onlyRequest().getUrl()).isEqualTo("/listjobs.json?project=labbot");
    assertThat(jobs.nodeName()).isEqualTo("vm");
    assertThat(jobs.pending()).extracting(PendingJob::id).containsExactly("slowq-7", "slowq-8", "slowq-9");
    PendingJob pending = jobs.pending().get(0);
    assertThat(pending.project()).isEqualTo("labbot");
    assertThat(pending.spider()).isEqualTo("slow");
    assertThat(pending.version()).isEmpty();
    assertThat(pending.settings()).isEmpty();
    assertThat(pending.args()).containsExactly(entry("seconds", "30"));
    assertThat(pending.state()).isEqualTo(JobState.PENDING);

    assertThat(jobs.running()).hasSize(8);
    RunningJob running = jobs.running().get(0);
    assertThat(running.id()).isEqualTo("slow-1");
    assertThat(running.pid()).hasValue(8776);
    assertThat(running.startTime()).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 19, 221_008_000));
    assertThat(running.logUrl()).contains(URI.create(wm.baseUrl() + "/logs/labbot/slow/slow-1.log"));
    assertThat(running.itemsUrl()).contains(URI.create(wm.baseUrl() + "/items/labbot/slow/slow-1.jl"));
    assertThat(jobs.running().get(2).logUrl()).as("null until the file exists").isEmpty();

    assertThat(jobs.finished()).extracting(FinishedJob::id)
        .containsExactly("boom-1", "myjob-1", "7e5980b6e76b11f1a91702fc00000001");
    FinishedJob finished = jobs.finished().get(1);
    assertThat(finished.startTime()).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 10, 217_898_000));
    assertThat(finished.endTime()).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 14, 536_343_000));
    assertThat(finished.runtime().toMillis()).isEqualTo(4318);
    assertThat(finished.logUrl()).contains(URI.create(wm.baseUrl() + "/logs/labbot/pages/myjob-1.log"));

    assertThat(jobs.all()).hasSize(14);
    assertThat(jobs.find("myjob-1")).containsSame(finished);
    assertThat(jobs.find("slow-2").map(j -> j.state())).contains(JobState.RUNNING);
    assertThat(jobs.find("nope")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listJobsWithoutProjectSendsNoParameter(Mode mode) {
    stubGet("/listjobs.json", "listjobs_all");

    JobList jobs = api(mode).listJobs();

    assertThat(onlyRequest().getUrl()).isEqualTo("/listjobs.json");
    assertThat(jobs.finished()).hasSize(2);
    assertThat(jobs.pending()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listJobsOfUnknownProjectIsProjectNotFound(Mode mode) {
    stubGet("/listjobs.json", "listjobs_noproject_param");

    assertThatThrownBy(() -> api(mode).listJobs("nosuch"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PROJECT_NOT_FOUND));
  }

  // ------------------------------------------------------------------ del*

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteVersionAndProject(Mode mode) {
    Api api = api(mode);
    stubPost("/delversion.json", "delversion_ok");
    stubPost("/delproject.json", "delproject_ok");

    assertThat(api.delVersion("labbot", "r1").nodeName()).isEqualTo("vm");
    assertThat(api.delProject("mintest").nodeName()).isEqualTo("vm");

    assertThat(form(wm.findAll(postRequestedFor(urlEqualTo("/delversion.json"))).get(0)))
        .containsExactly(entry("project", "labbot"), entry("version", "r1"));
    assertThat(form(wm.findAll(postRequestedFor(urlEqualTo("/delproject.json"))).get(0)))
        .containsExactly(entry("project", "mintest"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteErrorsAreNotFound(Mode mode) {
    Api api = api(mode);
    stubPost("/delversion.json", "delversion_missing");
    stubPost("/delproject.json", "delproject_missing");

    assertThatThrownBy(() -> api.delVersion("labbot", "nope"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_NOT_FOUND));
    assertThatThrownBy(() -> api.delProject("nosuch"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PROJECT_NOT_FOUND));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteErrorsOfScrapyd14AreNotFoundToo(Mode mode) {
    Api api = api(mode);
    String raw = "{\"status\": \"error\", \"message\": \"[Errno 2] No such file or directory: 'eggs/p/x.egg'\", \"node_name\": \"n\"}";
    wm.stubFor(post(urlPathEqualTo("/delversion.json")).willReturn(Recording.json(raw)));
    wm.stubFor(post(urlPathEqualTo("/delproject.json")).willReturn(Recording.json(raw)));

    assertThatThrownBy(() -> api.delVersion("p", "x"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_NOT_FOUND));
    assertThatThrownBy(() -> api.delProject("p"))
        .isInstanceOfSatisfying(ScrapydApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PROJECT_NOT_FOUND));
  }

  // ------------------------------------------------------------------ base URI and auth

  @ParameterizedTest
  @EnumSource(Mode.class)
  void pathPrefixIsKeptForEndpointsAndLogUrls(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/scrapyd/listjobs.json")).willReturn(Recording.load("listjobs").response()));
    for (String base : new String[] {wm.baseUrl() + "/scrapyd", wm.baseUrl() + "/scrapyd/"}) {
      try (ScrapydClient prefixed = ScrapydClient.builder().baseUri(base).build()) {
        JobList jobs = mode.of(prefixed).listJobs("labbot");
        assertThat(jobs.finished().get(0).logUrl())
            .contains(URI.create(wm.baseUrl() + "/scrapyd/logs/labbot/pages/myjob-1.log"));
        assertThat(jobs.finished().get(0).itemsUrl())
            .contains(URI.create(wm.baseUrl() + "/scrapyd/items/labbot/pages/myjob-1.jl"));
      }
    }
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/scrapyd/listjobs.json?project=labbot")))).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void credentialsAreSentPreemptivelyOnEveryRequest(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.load("auth_ok").response()));
    try (ScrapydClient authed = ScrapydClient.builder()
        .baseUri(wm.baseUrl())
        .credentials("scrapyd4j", "s3cr:et%pw")
        .build()) {
      mode.of(authed).daemonStatus();
      mode.of(authed).daemonStatus();
    }
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/daemonstatus.json"))))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getHeader("Authorization"))
            .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString(
                "scrapyd4j:s3cr:et%pw".getBytes(StandardCharsets.UTF_8))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void credentialsInTheBaseUriAreUsedAndRemovedFromIt(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.load("auth_ok").response()));
    URI base = URI.create(wm.baseUrl());
    String withUser = "http://user:p%40ss%3Aw@" + base.getAuthority() + "/";
    try (ScrapydClient authed = ScrapydClient.builder().baseUri(withUser).build()) {
      assertThat(authed.baseUri()).isEqualTo(URI.create(wm.baseUrl() + "/"));
      assertThat(authed.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
      mode.of(authed).daemonStatus();
    }
    assertThat(onlyRequest().getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64
        .getEncoder().encodeToString("user:p@ss:w".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unauthorizedIsAnAuthenticationErrorThatSaysWhatToDo(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.load("auth_none").response()));
    assertThatThrownBy(() -> api(mode).daemonStatus())
        .isInstanceOfSatisfying(ScrapydAuthenticationException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.body()).isEqualTo("Unauthorized");
          assertThat(e.getMessage()).contains("requires a username and password");
        });
    try (ScrapydClient wrong = ScrapydClient.builder().baseUri(wm.baseUrl())
        .credentials("scrapyd4j", "wrong-secret").build()) {
      assertThatThrownBy(() -> mode.of(wrong).daemonStatus())
          .isInstanceOfSatisfying(ScrapydAuthenticationException.class, e -> assertThat(e.getMessage())
              .contains("username or password is wrong")
              .doesNotContain("wrong-secret"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void blankArgumentsAreRejectedBeforeAnyRequest(Mode mode) {
    Api api = api(mode);
    assertThatThrownBy(() -> api.listVersions(" ")).hasMessage("project must not be blank, but was ' '");
    assertThatThrownBy(() -> api.listVersions(null)).hasMessage("project must not be null");
    assertThatThrownBy(() -> api.listSpiders("p", "")).hasMessage("version must not be blank");
    assertThatThrownBy(() -> api.listSpiders("p", null)).hasMessage("version must not be null");
    assertThatThrownBy(() -> api.listJobs(null)).hasMessage("project must not be null");
    assertThatThrownBy(() -> api.status("")).hasMessage("jobId must not be blank");
    assertThatThrownBy(() -> api.status(null, "j")).hasMessage("project must not be null");
    assertThatThrownBy(() -> api.cancel("p", null)).hasMessage("jobId must not be null");
    assertThatThrownBy(() -> api.cancel("p", "j", null)).hasMessage("signal must not be null");
    assertThatThrownBy(() -> api.cancel("p", "../x")).hasMessageContaining("jobId must not contain '/'");
    assertThatThrownBy(() -> api.delVersion("p", "\t")).hasMessageContaining("version must not be blank");
    assertThatThrownBy(() -> api.delProject("..")).hasMessageContaining("project must not be '.' or '..'");
    assertThatThrownBy(() -> api.schedule(null)).hasMessage("request must not be null");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void jobIdsWithSpecialCharactersAreEncodedInQueries(Mode mode) {
    stubGet("/status.json", "status_unknown");

    api(mode).status("a b&c=d+é");

    assertThat(onlyRequest().getUrl()).isEqualTo("/status.json?job=a+b%26c%3Dd%2B%C3%A9");
    assertThat(onlyRequest().queryParameter("job").firstValue()).isEqualTo("a b&c=d+é");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listJobsResolvesServerPathsWithSpacesAndPercents(Mode mode) {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.json(
        "{\"pending\": [], \"running\": [], \"finished\": [{\"id\": \"j 1%\", \"project\": \"p\","
            + " \"spider\": \"s\", \"start_time\": \"2026-11-23 18:28:09\","
            + " \"end_time\": \"2026-11-23 18:28:10.5\", \"log_url\": \"/logs/p/s/j 1%.log\","
            + " \"items_url\": null}], \"status\": \"ok\", \"node_name\": \"vm\"}")));

    FinishedJob job = api(mode).listJobs("p").finished().get(0);

    assertThat(job.logUrl()).contains(URI.create(wm.baseUrl() + "/logs/p/s/j%201%25.log"));
    assertThat(job.itemsUrl()).isEmpty();
    assertThat(job.startTime()).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 28, 9));
    assertThat(job.endTime()).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 28, 10, 500_000_000));
  }
}
