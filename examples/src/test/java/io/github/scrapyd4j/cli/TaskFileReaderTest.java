package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.model.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileReaderTest {
  @TempDir
  Path temp;

  private final Map<String, String> env = Map.of("SCRAPYD_PASSWORD", "s3cret-pass",
      "SLACK_HOOK", "https://hooks.slack.example/services/T0/B0/tok3n");

  private Path write(String name, String text) throws Exception {
    return Files.writeString(temp.resolve(name), text);
  }

  private TaskFile read(Path file) {
    return new TaskFileReader(env).read(file);
  }

  private TaskFileException problems(Path file) {
    return catchThrowableOfType(TaskFileException.class, () -> read(file));
  }

  static final String FULL = String.join("\n",
      "placement: round-robin",
      "nodes:",
      "  - id: eu-1",
      "    url: http://scrapyd-eu:6800",
      "    username: scrapy",
      "    password: ${SCRAPYD_PASSWORD}",
      "    tags: [eu, big]",
      "    capacity: 4",
      "  - id: us-1",
      "    url: http://scrapyd-us:6800",
      "webhooks:",
      "  - id: ops",
      "    url: ${SLACK_HOOK}",
      "    format: slack",
      "    on: [run-failed, rule-fired]",
      "tasks:",
      "  - id: nightly-products",
      "    project: shop",
      "    spider: products",
      "    args: {category: garden, pages: 3}",
      "    settings: {DOWNLOAD_DELAY: 2}",
      "    version: r42",
      "    cron: \"0 3 * * *\"",
      "    timezone: Europe/Paris",
      "    misfire: run-once",
      "    tags: [eu]",
      "    overlap: cancel-previous",
      "    time-limit: 2h",
      "    kill-after: 1m",
      "    retries: 2",
      "    rules:",
      "      - name: errors",
      "        errors: 50",
      "        action: cancel",
      "        signal: KILL",
      "      - no-progress: 10m",
      "  - id: prices",
      "    project: shop",
      "    spider: prices",
      "    every: 15m",
      "    node: us-1",
      "  - id: launch",
      "    project: shop",
      "    spider: launch",
      "    at: 2026-12-24T18:00:00Z",
      "");

  @Test
  void readsEveryPartOfAYamlFile() throws Exception {
    TaskFile f = read(write("tasks.yaml", FULL));

    assertThat(f.placement).isEqualTo("round-robin");
    assertThat(f.nodes).hasSize(2);
    TaskFile.NodeDef eu = f.nodes.get(0);
    assertThat(eu.id).isEqualTo("eu-1");
    assertThat(eu.url.toString()).isEqualTo("http://scrapyd-eu:6800");
    assertThat(eu.credentials.get().username()).isEqualTo("scrapy");
    assertThat(eu.credentials.get().password()).isEqualTo("s3cret-pass");
    assertThat(eu.tags).containsExactlyInAnyOrder("eu", "big");
    assertThat(eu.capacity.getAsInt()).isEqualTo(4);
    assertThat(eu.toString()).doesNotContain("s3cret");

    TaskFile.WebhookDef hook = f.webhooks.get(0);
    assertThat(hook.format).isEqualTo("slack");
    assertThat(hook.on).containsExactlyInAnyOrder(AlertKind.RUN_FAILED, AlertKind.RULE_FIRED);
    assertThat(hook.url.toString()).endsWith("tok3n");
    assertThat(hook.toString()).doesNotContain("tok3n").doesNotContain("services");

    TaskFile.TaskDef nightly = f.tasks.get(0);
    assertThat(nightly.args).containsEntry("category", "garden").containsEntry("pages", "3");
    assertThat(nightly.settings).containsEntry("DOWNLOAD_DELAY", "2");
    assertThat(nightly.version).hasValue("r42");
    assertThat(nightly.trigger.kind).isEqualTo(TaskFile.TriggerDef.Kind.CRON);
    assertThat(nightly.trigger.cron).isEqualTo("0 3 * * *");
    assertThat(nightly.trigger.zone).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(nightly.trigger.misfire).isEqualTo("run-once");
    assertThat(nightly.tags).containsExactly("eu");
    assertThat(nightly.overlap).isEqualTo("cancel-previous");
    assertThat(nightly.timeLimit).hasValue(Duration.ofHours(2));
    assertThat(nightly.killAfter).hasValue(Duration.ofMinutes(1));
    assertThat(nightly.retries).isEqualTo(2);
    assertThat(nightly.rules).hasSize(2);
    assertThat(nightly.rules.get(0).condition).isEqualTo(TaskFile.RuleDef.Condition.ERRORS);
    assertThat(nightly.rules.get(0).threshold).isEqualTo(50);
    assertThat(nightly.rules.get(0).cancel).isTrue();
    assertThat(nightly.rules.get(0).signal).isEqualTo(Signal.KILL);
    assertThat(nightly.rules.get(1).name).isNull();
    assertThat(nightly.rules.get(1).duration).isEqualTo(Duration.ofMinutes(10));
    assertThat(nightly.rules.get(1).cancel).isFalse();

    TaskFile.TaskDef prices = f.tasks.get(1);
    assertThat(prices.trigger.kind).isEqualTo(TaskFile.TriggerDef.Kind.RATE);
    assertThat(prices.trigger.every).isEqualTo(Duration.ofMinutes(15));
    assertThat(prices.node).hasValue("us-1");
    assertThat(prices.overlap).isEqualTo("skip");
    assertThat(f.tasks.get(2).trigger.at).isEqualTo(Instant.parse("2026-12-24T18:00:00Z"));
  }

  @Test
  void readsTheSameFromJson() throws Exception {
    Path json = write("tasks.json", "{\"nodes\": [{\"id\": \"a\", \"url\": \"http://h:6800\"}],\n"
        + " \"tasks\": [{\"id\": \"t\", \"project\": \"p\", \"spider\": \"s\",\n"
        + "   \"delay\": \"PT30S\", \"args\": {\"n\": 1}}]}\n");

    TaskFile f = read(json);

    assertThat(f.tasks.get(0).trigger.kind).isEqualTo(TaskFile.TriggerDef.Kind.DELAY);
    assertThat(f.tasks.get(0).trigger.every).isEqualTo(Duration.ofSeconds(30));
    assertThat(f.tasks.get(0).args).containsEntry("n", "1");
    assertThat(f.placement).isEqualTo("least-loaded");
  }

  @Test
  void everyProblemIsReportedWithFileLineAndField() throws Exception {
    Path file = write("bad.yaml", String.join("\n",
        "nodes:",
        "  - id: a",
        "    url: ftp://h",
        "tasks:",
        "  - id: t1",
        "    project: p",
        "    spider: s",
        "    cron: \"0 3 * *\"",
        "  - id: t2",
        "    spider: s",
        "    every: soon",
        "    node: b",
        "    overlpa: skip",
        ""));

    TaskFileException e = problems(file);

    assertThat(e.problems).containsExactly(
        file + ":3: nodes[0].url: 'ftp://h' must start with http:// or https:// and name a host",
        file + ":8: tasks[0].cron: cron expression '0 3 * *' has 4 fields; expected 5 (minute"
            + " hour day-of-month month day-of-week) or 6 (a second first)",
        file + ":13: tasks[1].overlpa: unknown field; did you mean overlap? (known: args,"
            + " at, cron, delay, every, id, kill-after, misfire, node, overlap, project, retries,"
            + " rules, settings, spider, tags, time-limit, timezone, version)",
        file + ":9: tasks[1].project: missing",
        file + ":11: tasks[1].every: 'soon' is not a duration (write 30s, 15m, 2h, 1h30m, 500ms,"
            + " 1d, or ISO-8601 such as PT15M)");
    assertThat(e.getMessage()).startsWith(file + ":3: ").endsWith("(and 4 more problems)");
  }

  @Test
  void unknownNodeIsReportedOnceTheNodesAreValid() throws Exception {
    Path file = write("t.yaml", "nodes: [{id: node-a, url: 'http://h:6800'}]\n"
        + "tasks:\n  - {id: t, project: p, spider: s, every: 1m, node: node-b}\n");

    assertThat(problems(file).problems).containsExactly(file + ":3: tasks[0].node: no node"
        + " 'node-b' in nodes; did you mean node-a? (nodes: node-a)");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() throws Exception {
    Path file = write("t.yml", "nodes:\n  - id: a\n    url: [unclosed\ntasks: []\n");

    TaskFileException e = problems(file);

    assertThat(e.problems).hasSize(1);
    assertThat(e.problems.get(0)).startsWith(file + ":4: not valid YAML: ");
  }

  @Test
  void unsetVariableIsNamedAndSecretsAreNeverQuoted() throws Exception {
    Path file = write("t.yaml", String.join("\n",
        "nodes:",
        "  - id: a",
        "    url: http://h:6800",
        "    username: u",
        "    password: ${NOT_SET}",
        "webhooks:",
        "  - url: 'ftp://hooks.example/tok3n'",
        "tasks: [{id: t, project: p, spider: s, every: 1m}]",
        ""));

    TaskFileException e = problems(file);

    assertThat(e.problems).containsExactly(
        file + ":5: nodes[0].password: environment variable NOT_SET is not set",
        file + ":7: webhooks[0].url: the URL must start with http:// or https:// and name a"
            + " host");
    assertThat(e.getMessage()).doesNotContain("tok3n");
  }

  @Test
  void duplicateKeysAndIdsAreProblems() throws Exception {
    Path file = write("t.yaml", String.join("\n",
        "nodes: [{id: a, url: 'http://h:6800'}]",
        "tasks:",
        "  - {id: t, project: p, spider: s, every: 1m}",
        "  - id: t",
        "    project: p",
        "    project: q",
        "    spider: s",
        "    every: 1m",
        ""));

    assertThat(problems(file).problems).containsExactly(
        file + ":6: tasks[1].project: given twice (also on line 5)",
        file + ":4: tasks: task id 't' is used twice (first on line 3)");
  }

  @Test
  void missingFileAndEmptyFileSaySo() throws Exception {
    assertThat(problems(temp.resolve("none.yaml")).problems)
        .containsExactly(temp.resolve("none.yaml") + ": no such file");
    Path empty = write("empty.yaml", "");
    assertThat(problems(empty).getMessage()).contains("is empty");
  }

  @Test
  void ruleNeedsExactlyOneConditionAndSignalOnlyWithCancel() throws Exception {
    Path file = write("t.yaml", String.join("\n",
        "nodes: [{id: a, url: 'http://h:6800'}]",
        "tasks:",
        "  - id: t",
        "    project: p",
        "    spider: s",
        "    every: 1m",
        "    rules:",
        "      - {errors: 1, warnings: 2}",
        "      - {run-time: 1h, signal: KILL}",
        ""));

    assertThat(problems(file).problems).containsExactly(
        file + ":8: tasks[0].rules[0]: give one condition per rule, not errors and warnings",
        file + ":9: tasks[0].rules[1].signal: a signal goes with action: cancel");
  }

  @Test
  void theLibraryChecksCronFieldsAndNamesAndMacrosAreAccepted() throws Exception {
    Path file = write("t.yaml", String.join("\n",
        "nodes: [{id: a, url: 'http://h:6800'}]",
        "tasks:",
        "  - {id: daily, project: p, spider: s, cron: '@daily'}",
        "  - {id: bad-hour, project: p, spider: s, cron: '0 25 * * *'}",
        "  - {id: bad-project, project: 'no/slash', spider: s, every: 1m}",
        ""));

    TaskFileException e = problems(file);

    assertThat(e.problems).hasSize(2);
    assertThat(e.problems.get(0)).startsWith(file + ":4: tasks[1].cron: ").contains("hour")
        .contains("25");
    assertThat(e.problems.get(1)).startsWith(file + ":5: tasks[2]: ").contains("project");
  }

  @Test
  void aTaskBecomesTheLibrarysCrawlTask() throws Exception {
    TaskFile f = read(write("tasks.yaml", FULL));

    io.github.scrapyd4j.tasks.CrawlTask nightly = f.tasks.get(0).crawlTask();

    assertThat(nightly.id()).isEqualTo("nightly-products");
    assertThat(nightly.target().tags()).containsExactly("eu");
    assertThat(nightly.overlap()).isEqualTo(io.github.scrapyd4j.tasks.OverlapPolicy.CANCEL_PREVIOUS);
    assertThat(nightly.misfire()).isEqualTo(io.github.scrapyd4j.tasks.MisfirePolicy.RUN_ONCE);
    assertThat(nightly.maxReruns()).isEqualTo(2);
    assertThat(nightly.killAfter()).isEqualTo(Duration.ofMinutes(1));
    // 03:00 in Paris on a winter day is 02:00 UTC.
    assertThat(nightly.trigger().next(Instant.parse("2026-12-06T12:00:00Z")))
        .hasValue(Instant.parse("2026-12-07T02:00:00Z"));
    assertThat(f.tasks.get(1).crawlTask().target().nodeId()).hasValue("us-1");
    assertThat(nightly.rules()).hasSize(2);
    assertThat(nightly.rules().get(0).name()).isEqualTo("errors");
    assertThat(nightly.rules().get(0).level()).hasValue("ERROR");
    assertThat(nightly.rules().get(0).threshold()).isEqualTo(50);
    assertThat(nightly.rules().get(0).cancelSignal()).hasValue(Signal.KILL);
    assertThat(nightly.rules().get(1).duration()).hasValue(Duration.ofMinutes(10));
    assertThat(nightly.rules().get(1).cancelSignal()).isEmpty();
  }

  @Test
  void durationsReadShortAndIsoForms() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
  }
}
