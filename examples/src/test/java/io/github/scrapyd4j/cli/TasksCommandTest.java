package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.tasks.JdbcRunStore;
import io.github.scrapyd4j.tasks.RunStatus;
import io.github.scrapyd4j.tasks.TaskRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tasks check and tasks history, in-process, on files and H2 databases in a temp folder. */
class TasksCommandTest {
  @TempDir
  Path temp;

  CliTestSupport cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    cli.environment.put("XDG_DATA_HOME", temp.resolve("data").toString());
  }

  @Test
  void checkPrintsThePlanWithoutSecrets() throws Exception {
    cli.environment.put("SCRAPYD_PASSWORD", "s3cret-pass");
    cli.environment.put("SLACK_HOOK", "https://hooks.slack.example/services/T0/B0/tok3n");
    Files.writeString(cli.workDir.resolve("tasks.yaml"), TaskFileReaderTest.FULL);

    int code = cli.run("tasks", "check", "tasks.yaml", "--fires", "2");

    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("eu-1 http://scrapyd-eu:6800 (user scrapy)")
        .contains("ops https://hooks.slack.example/*** (slack)")
        .contains("nightly-products: shop/products, cron '0 3 * * *' Europe/Paris, tags [eu]")
        .contains("rule errors: errors >= 50 -> cancel (KILL)")
        .containsPattern("next 20\\d\\d-\\d\\d-\\d\\dT03:00\\+01:00")
        .doesNotContain("s3cret").doesNotContain("tok3n");
  }

  @Test
  void aFileWithProblemsListsThemAndExitsWith2() throws Exception {
    Files.writeString(cli.workDir.resolve("bad.yaml"), "nodes: []\ntasks:\n  - id: t\n");

    int code = cli.run("tasks", "run", "bad.yaml");

    assertThat(code).isEqualTo(2);
    Path file = cli.workDir.resolve("bad.yaml");
    assertThat(cli.err()).contains("scrapyd4j: " + file + ":3: tasks[0].project: missing\n")
        .contains("scrapyd4j: " + file + ":3: tasks[0]: no trigger: give one of cron");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void tasksAloneIsAUsageError() {
    assertThat(cli.run("tasks")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing command: give run FILE, history [TASK] or check"
        + " FILE");
  }

  @Test
  void historyWithoutADatabaseYetSaysNothingWasRecorded() {
    assertThat(cli.run("tasks", "history")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("No runs recorded.\n");
    assertThat(temp.resolve("data/scrapyd4j")).doesNotExist();
  }

  static TaskRun finished(String task, String fire, String job, long items) {
    Instant at = Instant.parse(fire);
    return TaskRun.builder().taskId(task).fireTime(at).status(RunStatus.FINISHED)
        .project("shop").spider("products").node("eu-1").jobId(job).instanceId("host-1")
        .scheduledAt(at).startedAt(at.plusSeconds(2)).finishedAt(at.plusSeconds(65))
        .verdict(JobOutcome.Verdict.SUCCEEDED).itemsCount(items).build();
  }

  @Test
  void historyReadsTheDefaultH2FileAsTableAndJson() throws Exception {
    String url = HistoryDb.defaultUrl(new Scrapyd4jCommand.Env(System.out, System.err,
        cli.environment, cli.home, cli.workDir));
    assertThat(url).startsWith("jdbc:h2:file:" + temp.resolve("data/scrapyd4j/history"));
    Files.createDirectories(temp.resolve("data/scrapyd4j"));
    try (JdbcRunStore store = JdbcRunStore.builder().url(url).build()) {
      store.claim(finished("nightly", "2026-12-06T03:00:00Z", "job-1", 120));
      store.claim(finished("prices", "2026-12-06T03:15:00Z", "job-2", 7));
      store.claim(TaskRun.builder().taskId("prices").fireTime(Instant.parse(
          "2026-12-06T03:30:00Z")).status(RunStatus.SKIPPED).project("shop").spider("prices")
          .addReasons("the previous run job-2 is still running").build());
    }

    assertThat(cli.run("tasks", "history")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo(String.join("\n",
        "TASK     FIRED                 TRY  STATUS    VERDICT    NODE  JOB    ITEMS  DURATION",
        "prices   2026-12-06T03:30:00Z  0    SKIPPED   -          -     -      -      -",
        "prices   2026-12-06T03:15:00Z  0    FINISHED  SUCCEEDED  eu-1  job-2  7      1m3s",
        "nightly  2026-12-06T03:00:00Z  0    FINISHED  SUCCEEDED  eu-1  job-1  120    1m3s",
        ""));

    assertThat(cli.run("tasks", "history", "nightly", "--json")).as(cli.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(cli.out());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("task").asText()).isEqualTo("nightly");
    assertThat(runs.get(0).get("verdict").asText()).isEqualTo("SUCCEEDED");
    assertThat(runs.get(0).get("items").asLong()).isEqualTo(120);
    assertThat(runs.get(0).get("duration_seconds").asDouble()).isEqualTo(63.0);
    assertThat(runs.get(0).get("job").asText()).isEqualTo("job-1");

    assertThat(cli.run("tasks", "history", "nosuch")).isZero();
    assertThat(cli.out()).isEqualTo("No runs of task nosuch.\n");
  }

  @Test
  void dbOptionNamesTheDatabaseWithoutItsPassword() {
    int code = cli.run("tasks", "history", "--db",
        "jdbc:postgresql://127.0.0.1:1/crawls?user=u&password=hunter2");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).startsWith("scrapyd4j: cannot open the history database"
        + " jdbc:postgresql://127.0.0.1:1/crawls?user=u&password=***: ")
        .doesNotContain("hunter2");
  }

  @Test
  void dbMustBeAJdbcUrl() {
    assertThat(cli.run("tasks", "history", "--db", "postgres://h/db")).isEqualTo(2);
    assertThat(cli.err()).contains("--db must be a JDBC URL");
  }
}
