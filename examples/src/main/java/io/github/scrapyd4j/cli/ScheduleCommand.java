package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydTransportException;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.NodeFilter;
import io.github.scrapyd4j.cluster.NodeSelector;
import io.github.scrapyd4j.cluster.NodeSelectors;
import io.github.scrapyd4j.cluster.Placement;
import io.github.scrapyd4j.cluster.ScheduleOutcomeUnknownException;
import io.github.scrapyd4j.cluster.ScheduledMatch;
import io.github.scrapyd4j.cluster.SpiderMatches;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.Jobs;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.model.NamePattern;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import java.security.SecureRandom;
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

  @Option(names = "--jobid", paramLabel = "ID",
      description = "the job id (default: a random one, chosen before sending, so that a job"
          + " whose outcome is unknown can be looked up)")
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
    // Chosen here, as the cluster does: when the connection breaks after sending, the id is
    // what the user looks the job up by.
    b.jobId(jobId != null ? jobId : newJobId());
    if (version != null) {
      b.version(version);
    }
    return b.build();
  }

  private static final SecureRandom JOB_IDS = new SecureRandom();

  /** A job id like Scrapyd's own (uuid1().hex): 32 lower-case hex digits. */
  static String newJobId() {
    byte[] random = new byte[16];
    JOB_IDS.nextBytes(random);
    StringBuilder id = new StringBuilder(32);
    for (byte b : random) {
      id.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return id.toString();
  }

  /**
   * Whether a failed schedule may have started the job: the request may have reached the node
   * (the connection broke or no answer came after sending). Such a schedule is never sent again.
   */
  static boolean outcomeUnknown(ScrapydException e) {
    return e instanceof ScheduleOutcomeUnknownException
        || e instanceof ScrapydTransportException
            && ((ScrapydTransportException) e).mayHaveReachedServer();
  }

  /** What to do about a job whose schedule may or may not have run: look it up, not re-run. */
  static String lookUpHint(ScheduleRequest request) {
    String id = request.jobId().orElseThrow();
    return "look job " + id + " up with `scrapyd4j outcome " + id + " -p " + request.project()
        + "` or `scrapyd4j jobs -p " + request.project() + "` before scheduling it again (it was"
        + " not retried: running it blindly may crawl twice)";
  }

  /**
   * Prints the job id of a schedule whose outcome is unknown (stdout, as a success would, so
   * that {@code JOB=$(scrapyd4j schedule ...)} has it) and returns the failure to report: one
   * line on stderr with the hint, exit code 3.
   */
  private CommandFailure unknownOutcome(ScheduleRequest request, ScrapydException e) {
    String id = request.jobId().orElseThrow();
    if (conn.json) {
      Output.json(env().out, Output.object().put("job_id", id).put("project", request.project())
          .put("spider", request.spider()).put("outcome", "unknown"));
    } else {
      env().out.println(id);
    }
    String what = e instanceof ScheduleOutcomeUnknownException ? ""
        : "job " + id + " may or may not have been scheduled: ";
    return new CommandFailure(what + Errors.oneLine(e) + "; " + lookUpHint(request),
        Scrapyd4jCommand.UNREACHABLE);
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

  /**
   * A name or pattern given on the command line.
   *
   * @throws IllegalArgumentException naming the option when the pattern is bad
   */
  static NamePattern pattern(String option, String text) {
    try {
      return NamePattern.of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  @Override
  int run() {
    checkArgs();
    String p = project(project);
    NamePattern projects = pattern("-p", p);
    NamePattern spiders = pattern("SPIDER", spider);
    if (projects.isLiteral() && spiders.isLiteral()) {
      return run(request(p, spider));
    }
    // Patterns, as scrapyd-client: every matching project and spider, on one node.
    if (several()) {
      throw new IllegalArgumentException("project and spider patterns need one node: give one"
          + " target or URL");
    }
    SpiderMatches matches = cluster.fanOut().matchSpiders(projects, spiders);
    answers(matches.perNode()); // the node's failure, if it could not be asked
    if (matches.isEmpty()) {
      throw new CommandFailure("no spider matches " + spider + " in a project"
          + " matching " + p,
          Scrapyd4jCommand.FAILED);
    }
    if (matches.size() == 1) {
      Map.Entry<String, List<String>> only = matches.spiders().entrySet().iterator().next();
      return run(request(only.getKey(), only.getValue().get(0)));
    }
    if (await || follow || jobId != null) {
      throw new IllegalArgumentException("--wait, --follow and --jobid need one spider, but "
          + p + " " + spider + " matches " + matches.size());
    }
    // Every request made and checked before any is sent; one each, never retried; a failure
    // does not stop the others.
    List<ScheduledMatch> done = cluster.scheduleMatches(matches, this::request);
    Output.Table t = new Output.Table("PROJECT", "SPIDER", "JOB");
    ArrayNode json = Output.array(List.of());
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (ScheduledMatch m : done) {
      ScheduleRequest r = m.request();
      if (m.placement().isPresent()) {
        ScheduleResult result = m.placement().get().result();
        t.row(r.project(), r.spider(), result.jobId());
        json.add(json(result));
        continue;
      }
      ScrapydException e = unwrapped(m.failure().orElseThrow());
      failures.put(r.project() + "/" + r.spider(), e);
      boolean unknown = outcomeUnknown(e);
      t.row(r.project(), r.spider(), unknown ? r.jobId().orElseThrow() + " (unknown)" : "failed");
      if (unknown) {
        json.add(Output.object().put("job_id", r.jobId().orElseThrow())
            .put("project", r.project()).put("spider", r.spider()).put("outcome", "unknown"));
      }
      env().err.println("scrapyd4j: " + r.project() + "/" + r.spider() + ": "
          + Errors.oneLine(e) + (unknown ? "; " + lookUpHint(r) : ""));
    }
    if (conn.json) {
      Output.json(env().out, json);
    } else {
      t.print(env().out);
    }
    return failures.isEmpty() ? Scrapyd4jCommand.OK : Errors.exitCode(failures);
  }

  private int run(ScheduleRequest request) {
    boolean waiting = await || follow;
    if (several() && place == Place.ALL) {
      if (waiting) {
        throw new IllegalArgumentException("--wait and --follow need one job: not with --place"
            + " all");
      }
      ClusterResult<ScheduleResult> all = cluster.scheduleOnAll(request, NodeFilter.all());
      return printScheduled(all.successes(), all.failures());
    }
    // On one node the job goes there; on several, to the node --place chooses, failing over
    // only to nodes it cannot have reached.
    NodeSelector selector = !several() ? NodeSelectors.pinned(endpoints.get(0).id)
        : place == Place.ROUND_ROBIN ? NodeSelectors.roundRobin() : NodeSelectors.leastLoaded();
    Placement placed;
    try {
      placed = cluster.place(request, selector); // sent once, never again
    } catch (ScrapydException e) {
      ScrapydException failure = unwrapped(e);
      if (outcomeUnknown(failure)) {
        throw unknownOutcome(request, failure);
      }
      throw failure;
    }
    ObjectNode scheduled = json(placed.result());
    if (waiting) {
      return waitFor(placed.job(), several() ? scheduled.put("node", placed.nodeId()) : scheduled);
    }
    if (!several()) {
      if (conn.json) {
        Output.json(env().out, scheduled);
      } else {
        env().out.println(placed.jobId());
      }
      return Scrapyd4jCommand.OK;
    }
    return printScheduled(Map.of(placed.nodeId(), placed.result()), Map.of());
  }

  /** Jobs scheduled on several nodes: NODE and JOB, or JSON by node; then the failures. */
  private int printScheduled(Map<String, ScheduleResult> jobs,
      Map<String, ScrapydException> failures) {
    return print(jobs, failures, ScheduleCommand::json, () -> {
      Output.Table t = new Output.Table("NODE", "JOB");
      jobs.forEach((node, s) -> t.row(node, s.jobId()));
      if (!t.isEmpty()) {
        t.print(env().out);
      }
    });
  }

  /** Waits for the job (following its log with --follow), prints its outcome, exits as it says. */
  private int waitFor(JobRef job, ObjectNode scheduled) {
    if (!conn.json) {
      env().out.println(job.jobId());
    }
    Jobs jobs = cluster.jobs(); // asks the node of job.node()
    JobOutcome outcome;
    if (follow) {
      jobs.logs().follow(job, LogConsumer.lines(conn.json ? line -> { } : env().out::println),
          timeout);
      outcome = jobs.outcome(job);
    } else {
      outcome = jobs.await(job, timeout);
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
