package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.monitor.MonitorRule;
import io.github.scrapyd4j.tasks.CrawlTask;
import io.github.scrapyd4j.tasks.MisfirePolicy;
import io.github.scrapyd4j.tasks.OverlapPolicy;
import io.github.scrapyd4j.tasks.Target;
import io.github.scrapyd4j.tasks.Trigger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A task file as {@link TaskFileReader} read it: the nodes, the webhooks and the tasks, checked
 * (names resolve, values are in range), each part with the line it was read from. The format is
 * described in {@code docs/tasks.md}. Nothing here prints a password or a webhook URL:
 * {@link #toString()}s show them redacted.
 */
final class TaskFile {
  final Path source;
  /** How the cluster places a task that names no node: least-loaded, round-robin, random. */
  final String placement;
  final List<NodeDef> nodes;
  final List<WebhookDef> webhooks;
  final List<TaskDef> tasks;

  TaskFile(Path source, String placement, List<NodeDef> nodes, List<WebhookDef> webhooks,
      List<TaskDef> tasks) {
    this.source = source;
    this.placement = placement;
    this.nodes = List.copyOf(nodes);
    this.webhooks = List.copyOf(webhooks);
    this.tasks = List.copyOf(tasks);
  }

  /** Where a part of the file was read: FILE:LINE. */
  String at(int line) {
    return source + ":" + line;
  }

  /** A Scrapyd node. */
  static final class NodeDef {
    final String id;
    final URI url;
    final Optional<Credentials> credentials;
    final Set<String> tags;
    final OptionalInt capacity;
    final int line;

    NodeDef(String id, URI url, Optional<Credentials> credentials, Set<String> tags,
        OptionalInt capacity, int line) {
      this.id = id;
      this.url = url;
      this.credentials = credentials;
      this.tags = Set.copyOf(tags);
      this.capacity = capacity;
      this.line = line;
    }

    @Override
    public String toString() {
      return id + " " + Redaction.uri(url)
          + credentials.map(c -> " (user " + c.username() + ")").orElse("")
          + (tags.isEmpty() ? "" : " tags " + tags);
    }
  }

  /** Where alerts are posted. The URL is a secret (it holds the token): never printed. */
  static final class WebhookDef {
    final String id;
    final URI url;
    /** "json" (generic) or "slack" ({"text": ...}). */
    final String format;
    /** The alerts it gets; all kinds when the file names none. */
    final Set<AlertKind> on;
    final int line;

    WebhookDef(String id, URI url, String format, Set<AlertKind> on, int line) {
      this.id = id;
      this.url = url;
      this.format = format;
      this.on = Set.copyOf(on);
      this.line = line;
    }

    /** What may be shown of the URL: scheme and host. */
    String shownUrl() {
      return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":"
          + url.getPort()) + "/" + Redaction.MASK;
    }

    @Override
    public String toString() {
      return id + " " + shownUrl() + " (" + format + ")";
    }
  }

  /** What fires a task. Exactly one kind is set. */
  static final class TriggerDef {
    enum Kind { CRON, RATE, DELAY, ONCE }

    final Kind kind;
    /** The cron expression (5 or 6 fields). */
    final String cron;
    final ZoneId zone;
    /** The period of RATE and DELAY. */
    final Duration every;
    /** The time of ONCE. */
    final Instant at;
    /** "skip" or "run-once". */
    final String misfire;
    final int line;
    /** The library's trigger. */
    final Trigger trigger;

    TriggerDef(Kind kind, String cron, ZoneId zone, Duration every, Instant at, String misfire,
        int line, Trigger trigger) {
      this.trigger = trigger;
      this.kind = kind;
      this.cron = cron;
      this.zone = zone;
      this.every = every;
      this.at = at;
      this.misfire = misfire;
      this.line = line;
    }

    @Override
    public String toString() {
      switch (kind) {
        case CRON:
          return "cron '" + cron + "' " + zone;
        case RATE:
          return "every " + Durations.format(every);
        case DELAY:
          return "every " + Durations.format(every) + " after the previous run";
        default:
          return "once at " + at;
      }
    }
  }

  /** A monitoring rule: one condition, an action. */
  static final class RuleDef {
    enum Condition {
      /** ERROR lines in the log reach the threshold. */
      ERRORS,
      /** CRITICAL lines reach the threshold. */
      CRITICALS,
      /** WARNING lines reach the threshold. */
      WARNINGS,
      /** No new page or item for the duration. */
      NO_PROGRESS,
      /** The job has run for the duration. */
      RUN_TIME
    }

    /** The name given, or null for the library's (such as ERROR>=50). */
    final String name;
    final Condition condition;
    /** For the counts. */
    final long threshold;
    /** For NO_PROGRESS and RUN_TIME. */
    final Duration duration;
    /** True: cancel the job (and alert); false: alert only. */
    final boolean cancel;
    final Signal signal;
    final int line;

    RuleDef(String name, Condition condition, long threshold, Duration duration, boolean cancel,
        Signal signal, int line) {
      this.name = name;
      this.condition = condition;
      this.threshold = threshold;
      this.duration = duration;
      this.cancel = cancel;
      this.signal = signal;
      this.line = line;
    }

    /** The library's rule. */
    MonitorRule monitorRule() {
      MonitorRule rule;
      switch (condition) {
        case ERRORS:
          rule = MonitorRule.logLevelAtLeast("ERROR", threshold);
          break;
        case CRITICALS:
          rule = MonitorRule.logLevelAtLeast("CRITICAL", threshold);
          break;
        case WARNINGS:
          rule = MonitorRule.logLevelAtLeast("WARNING", threshold);
          break;
        case NO_PROGRESS:
          rule = MonitorRule.noProgressFor(duration);
          break;
        default:
          rule = MonitorRule.runTimeOver(duration);
      }
      if (cancel) {
        rule = rule.thenCancel(signal);
      }
      return name == null ? rule : rule.named(name);
    }

    @Override
    public String toString() {
      String when = duration == null ? condition.name().toLowerCase() + " >= " + threshold
          : condition.name().toLowerCase().replace('_', '-') + " " + Durations.format(duration);
      return (name == null ? "" : name + ": ") + when + " -> " + (cancel ? "cancel (" + signal + ")" : "alert");
    }
  }

  /** A crawl task. */
  static final class TaskDef {
    final String id;
    final String project;
    final String spider;
    final Map<String, String> args;
    final Map<String, String> settings;
    final Optional<String> version;
    final TriggerDef trigger;
    /** The node to run on, if the task names one. */
    final Optional<String> node;
    /** The tags a node must have, if the task names some (and no node). */
    final Set<String> tags;
    /** "skip", "allow" or "cancel-previous". */
    final String overlap;
    final Optional<Duration> timeLimit;
    final Optional<Duration> killAfter;
    /** Re-runs after FAILED/CRASHED: 0 for none. */
    final int retries;
    final List<RuleDef> rules;
    final int line;

    TaskDef(Builder b) {
      this.id = b.id;
      this.project = b.project;
      this.spider = b.spider;
      this.args = Map.copyOf(b.args);
      this.settings = Map.copyOf(b.settings);
      this.version = Optional.ofNullable(b.version);
      this.trigger = b.trigger;
      this.node = Optional.ofNullable(b.node);
      this.tags = Set.copyOf(b.tags);
      this.overlap = b.overlap;
      this.timeLimit = Optional.ofNullable(b.timeLimit);
      this.killAfter = Optional.ofNullable(b.killAfter);
      this.retries = b.retries;
      this.rules = List.copyOf(b.rules);
      this.line = b.line;
    }

    /** The library's task. */
    CrawlTask crawlTask() {
      CrawlTask.Builder b = CrawlTask.builder()
          .id(id)
          .project(project)
          .spider(spider)
          .putAllArgs(args)
          .putAllSettings(settings)
          .version(version)
          .trigger(trigger.trigger)
          .target(node.map(Target::node)
              .orElse(tags.isEmpty() ? Target.anyNode() : Target.tagged(tags)))
          .overlap(OverlapPolicy.valueOf(overlap.toUpperCase(Locale.ROOT).replace('-', '_')))
          .misfire(MisfirePolicy.valueOf(trigger.misfire.toUpperCase(Locale.ROOT)
              .replace('-', '_')))
          .timeLimit(timeLimit)
          .maxReruns(retries);
      killAfter.ifPresent(b::killAfter);
      for (RuleDef r : rules) {
        b.addRules(r.monitorRule());
      }
      return b.build();
    }

    /** Where it runs, in words. */
    String where() {
      return node.map(n -> "node " + n).orElse(tags.isEmpty() ? "any node" : "tags " + tags);
    }

    @Override
    public String toString() {
      return id + ": " + project + "/" + spider + ", " + trigger + ", " + where();
    }

    /** Gathers a task's fields while reading. */
    static final class Builder {
      String id;
      String project;
      String spider;
      Map<String, String> args = Map.of();
      Map<String, String> settings = Map.of();
      String version;
      TriggerDef trigger;
      String node;
      Set<String> tags = Set.of();
      String overlap = "skip";
      Duration timeLimit;
      Duration killAfter;
      int retries;
      List<RuleDef> rules = List.of();
      int line;
    }
  }
}
