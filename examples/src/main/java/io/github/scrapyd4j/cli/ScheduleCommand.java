package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.NodeFilter;
import io.github.scrapyd4j.cluster.NodeSelector;
import io.github.scrapyd4j.cluster.NodeSelectors;
import io.github.scrapyd4j.cluster.Placement;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.logs.JobLogs;
import io.github.scrapyd4j.logs.JobOutcome;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scrapyd4j schedule -p P SPIDER ...}: schedule.json; prints the job id. */
@Command(name = "schedule",
    description = {"Schedule a spider run and print its job id.",
        "Patterns in -p and SPIDER (shop*, *) schedule every match on one node.",
        "On several nodes, --place chooses where: least-loaded (default),",
        "round-robin, or all (the same job id on every node).",
        "--wait waits until the job has finished and prints its outcome;",
        "--follow prints its log meanwhile. Both then exit as outcome does:",
        "1 for FAILED or CRASHED."})
final class ScheduleCommand extends NodeCommand {
  /** Where a job goes on several nodes. */
  enum Place {
    LEAST_LOADED("least-loaded"), ROUND_ROBIN("round-robin"), ALL("all");

    final String name;

    Place(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }

    static Place parse(String value) {
      for (Place p : values()) {
        if (p.name.equals(value)) {
          return p;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected least-loaded, round-robin or all, but was '" + value + "'");
    }
  }

  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Parameters(paramLabel = "SPIDER",
      description = "the spider to run; a pattern (*, ?, [abc]) runs every match, as in"
          + " scrapyd-client, and so does one in -p")
  String spider;

  @Option(names = "--arg", paramLabel = "NAME=VALUE",
      description = "a spider argument (repeatable); --arg setting=NAME=VALUE is a setting, as in"
          + " scrapyd-client")
  List<String> args = new ArrayList<>();

  @Option(names = {"-s", "--setting"}, paramLabel = "NAME=VALUE",
      description = "a Scrapy setting for this run (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--priority", paramLabel = "N", description = "queue priority (default 0)")
  Double priority;

  @Option(names = "--jobid", paramLabel = "ID", description = "the job id (default: Scrapyd's)")
  String jobId;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "the project version to run (default: the latest)")
  String version;

  @Option(names = "--place", paramLabel = "PLACE", converter = PlaceConverter.class,
      description = "on several nodes: least-loaded, round-robin or all (default least-loaded)")
  Place place = Place.LEAST_LOADED;

  @Option(names = "--wait",
      description = "wait until the job has finished, print its outcome, exit 1 if it failed")
  boolean await;

  @Option(names = {"-f", "--follow"},
      description = "print the job's log until it has finished, then its outcome (implies --wait)")
  boolean follow;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT24H",
      description = "how long --wait/--follow wait at most (ISO-8601, default ${DEFAULT-VALUE})")
  Duration timeout;

  static final class PlaceConverter implements picocli.CommandLine.ITypeConverter<Place> {
    @Override
    public Place convert(String value) {
      return Place.parse(value);
    }
  }

  /** Refuses --arg NAME=VALUE where NAME is a schedule.json field, naming the option to use. */
  void checkArgs() {
    for (String arg : args) {
      String[] kv = pair("--arg", arg);
      boolean setting = kv[0].equals("setting") && kv[1].indexOf('=') > 0;
      if (!setting && ScheduleRequest.RESERVED_ARGUMENT_NAMES.contains(kv[0])) {
        throw new IllegalArgumentException("--arg " + kv[0] + "=... would not reach the spider:"
            + " Scrapyd reads " + kv[0] + " as its own field; " + optionFor(kv[0]));
      }
    }
  }

  ScheduleRequest request(String project, String spider) {
    checkArgs();
    ScheduleRequest.Builder b = ScheduleRequest.builder().project(project).spider(spider);
    for (String arg : args) {
      String[] kv = pair("--arg", arg);
      if (kv[0].equals("setting") && kv[1].indexOf('=') > 0) {
        String[] setting = pair("--arg setting=", kv[1]);
        b.putSetting(setting[0], setting[1]);
      } else {
        b.putArg(kv[0], kv[1]);
      }
    }
    for (String setting : settings) {
      String[] kv = pair("--setting", setting);
      b.putSetting(kv[0], kv[1]);
    }
    if (priority != null) {
      b.priority(priority);
    }
    if (jobId != null) {
      b.jobId(jobId);
    }
    if (version != null) {
      b.version(version);
    }
    return b.build();
  }

  /** The option that sets a schedule.json field a spider argument must not be named after. */
  private static String optionFor(String field) {
    switch (field) {
      case "jobid":
        return "give the job id with --jobid ID";
      case "project":
        return "give the project with -p PROJECT";
      case "spider":
        return "give the spider as the SPIDER argument";
      case "priority":
        return "give the priority with --priority N";
      case "_version":
        return "give the project version with --version VERSION";
      case "setting":
        return "give a setting with -s NAME=VALUE or --arg setting=NAME=VALUE";
      default:
        return "Scrapyd sets " + field + " itself; rename the argument";
    }
  }

  private static String[] pair(String option, String value) {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          option + " needs NAME=VALUE, but was '" + value + "'");
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }

  @Override
  int run(Connection c) {
    checkArgs();
    String p = c.project(project);
    if (!Globs.isPattern(p) && !Globs.isPattern(spider)) {
      return run(c, request(p, spider));
    }
    // Patterns, as scrapyd-client: every matching project and spider, on one node.
    if (c.isCluster()) {
      throw new IllegalArgumentException("project and spider patterns need one node: give one"
          + " target or URL");
    }
    List<String[]> matches = new ArrayList<>();
    List<String> projects = Globs.isPattern(p)
        ? Globs.filter(p, c.single.listProjects().projects()) : List.of(p);
    for (String matched : projects) {
      List<String> spiders = Globs.isPattern(spider)
          ? Globs.filter(spider, c.single.listSpiders(matched).spiders()) : List.of(spider);
      spiders.forEach(s -> matches.add(new String[] {matched, s}));
    }
    if (matches.isEmpty()) {
      throw new CommandFailure("no spider matches " + spider + " in a project"
          + " matching " + p,
          Scrapyd4jCommand.FAILED);
    }
    if (matches.size() == 1) {
      return run(c, request(matches.get(0)[0], matches.get(0)[1]));
    }
    if (await || follow || jobId != null) {
      throw new IllegalArgumentException("--wait, --follow and --jobid need one spider, but "
          + p + " " + spider + " matches " + matches.size());
    }
    List<ScheduleRequest> requests = new ArrayList<>();
    for (String[] m : matches) {
      requests.add(request(m[0], m[1])); // every argument checked before anything is sent
    }
    // One request each, never retried; a failure does not stop the others.
    Output.Table t = new Output.Table("PROJECT", "SPIDER", "JOB");
    ArrayNode json = Output.array(List.of());
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (ScheduleRequest r : requests) {
      try {
        ScheduleResult result = c.single.schedule(r);
        t.row(r.project(), r.spider(), result.jobId());
        json.add(json(result));
      } catch (ScrapydException e) {
        failures.put(r.project() + "/" + r.spider(), e);
        t.row(r.project(), r.spider(), "failed");
        env().err.println("scrapyd4j: " + r.project() + "/" + r.spider() + ": "
            + Errors.oneLine(e));
      }
    }
    if (conn.json) {
      Output.json(env().out, json);
    } else {
      t.print(env().out);
    }
    return failures.isEmpty() ? Scrapyd4jCommand.OK : Errors.exitCode(failures);
  }

  private int run(Connection c, ScheduleRequest request) {
    boolean waiting = await || follow;
    if (waiting && c.isCluster() && place == Place.ALL) {
      throw new IllegalArgumentException("--wait and --follow need one job: not with --place all");
    }
    if (!c.isCluster()) {
      ScheduleResult r = c.single.schedule(request);
      if (!waiting) {
        if (conn.json) {
          Output.json(env().out, json(r));
        } else {
          env().out.println(r.jobId());
        }
        return Scrapyd4jCommand.OK;
      }
      return waitFor(c.single, JobRef.of(r), json(r));
    }
    if (waiting) {
      NodeSelector selector = place == Place.ROUND_ROBIN ? NodeSelectors.roundRobin()
          : NodeSelectors.leastLoaded();
      Placement placed = c.cluster.schedule(request, selector);
      return waitFor(c.cluster.client(placed.nodeId()),
          JobRef.of(placed.result()).onNode(placed.nodeId()),
          json(placed.result()).put("node", placed.nodeId()));
    }
    Connection.PerNode<ScheduleResult> r = new Connection.PerNode<>();
    if (place == Place.ALL) {
      ClusterResult<ScheduleResult> all = c.cluster.scheduleOnAll(request, NodeFilter.all());
      for (ConnectionOptions.Endpoint e : c.endpoints) {
        all.get(e.id).ifPresent(v -> r.values.put(e.id, v));
        if (all.failures().containsKey(e.id)) {
          r.failures.put(e.id, all.failures().get(e.id));
        }
      }
    } else {
      NodeSelector selector = place == Place.ROUND_ROBIN ? NodeSelectors.roundRobin()
          : NodeSelectors.leastLoaded();
      Placement placed = c.cluster.schedule(request, selector);
      r.values.put(placed.nodeId(), placed.result());
    }
    return print(c, r, ScheduleCommand::json, () -> {
      Output.Table t = new Output.Table("NODE", "JOB");
      r.values.forEach((node, s) -> t.row(node, s.jobId()));
      if (!t.isEmpty()) {
        t.print(env().out);
      }
    });
  }

  /** Waits for the job (following its log with --follow), prints its outcome, exits as it says. */
  private int waitFor(ScrapydClient client, JobRef job, ObjectNode scheduled) {
    if (!conn.json) {
      env().out.println(job.jobId());
    }
    JobLogs logs = JobLogs.of(client);
    JobOutcome outcome;
    if (follow) {
      logs.follow(job, LogConsumer.lines(conn.json ? line -> { } : env().out::println), timeout);
      outcome = logs.outcome(job);
    } else {
      outcome = logs.awaitOutcome(job, timeout);
    }
    if (conn.json) {
      scheduled.put("verdict", outcome.verdict().name());
      scheduled.set("reasons", Output.array(outcome.reasons()));
      scheduled.put("finish_reason", outcome.finishReason().orElse(null));
      Output.json(env().out, scheduled);
    } else {
      env().out.println(OutcomeCommand.line(job.jobId(), outcome));
    }
    return OutcomeCommand.exitCode(outcome);
  }

  static ObjectNode json(ScheduleResult r) {
    return Output.object().put("node_name", r.nodeName()).put("job_id", r.jobId())
        .put("project", r.project()).put("spider", r.spider());
  }
}
