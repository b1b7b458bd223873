package io.github.scrapyd4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.DeleteResult;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.JobStatus;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.ProjectList;
import io.github.scrapyd4j.model.RunningJob;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.SpiderList;
import io.github.scrapyd4j.model.VersionList;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the JSON objects of Scrapyd's answers into model values. Tolerant of what differs between
 * Scrapyd 1.2 and 1.6: unknown fields are ignored, fields older servers lack are optional, key
 * order does not matter. A missing required field throws {@link Malformed}.
 */
public final class Parsers {
  private final String base;
  private final ModelAccess.Links links = ModelAccess.links();

  /** @param base the client's base URI as a string ending with '/', for resolving log paths */
  public Parsers(String base) {
    this.base = base;
  }

  public DaemonStatus daemonStatus(ObjectNode o) {
    return DaemonStatus.builder()
        .nodeName(nodeName(o))
        .pending(integer(o, "pending"))
        .running(integer(o, "running"))
        .finished(integer(o, "finished"))
        .build();
  }

  public ProjectList projects(ObjectNode o) {
    return ProjectList.builder().nodeName(nodeName(o)).projects(strings(o, "projects")).build();
  }

  public VersionList versions(ObjectNode o) {
    return VersionList.builder().nodeName(nodeName(o)).versions(strings(o, "versions")).build();
  }

  public SpiderList spiders(ObjectNode o) {
    return SpiderList.builder().nodeName(nodeName(o)).spiders(strings(o, "spiders")).build();
  }

  public DeleteResult deleted(ObjectNode o) {
    return DeleteResult.builder().nodeName(nodeName(o)).build();
  }

  public AddVersionResult addVersion(ObjectNode o, String project, String version) {
    return AddVersionResult.builder()
        .nodeName(nodeName(o))
        .project(optionalText(o, "project").orElse(project))
        .version(optionalText(o, "version").orElse(version))
        .spiders(integer(o, "spiders"))
        .build();
  }

  public ScheduleResult scheduled(ObjectNode o, String project, String spider) {
    return ScheduleResult.builder()
        .nodeName(nodeName(o))
        .jobId(text(o, "jobid"))
        .project(project)
        .spider(spider)
        .build();
  }

  public CancelResult cancelled(ObjectNode o, String jobId) {
    return CancelResult.builder()
        .nodeName(nodeName(o))
        .jobId(jobId)
        .previousState(optionalText(o, "prevstate").map(Parsers::state))
        .build();
  }

  public JobStatus status(ObjectNode o, String jobId) {
    return JobStatus.builder()
        .nodeName(nodeName(o))
        .jobId(jobId)
        .state(optionalText(o, "currstate").map(Parsers::state))
        .build();
  }

  /**
   * @param project the project the listing was asked for, filled into jobs that do not say
   *     (Scrapyd 1.2), or null
   */
  public JobList jobs(ObjectNode o, String project) {
    JobList.Builder list = JobList.builder().nodeName(nodeName(o));
    for (JsonNode j : array(o, "pending")) {
      PendingJob.Builder job = PendingJob.builder()
          .id(text(j, "id"))
          .project(project(j, project))
          .spider(text(j, "spider"))
          .version(optionalText(j, "version"));
      putAll(j, "settings", job::putSetting);
      putAll(j, "args", job::putArg);
      list.addPending(job.build());
    }
    for (JsonNode j : array(o, "running")) {
      RunningJob.Builder job = RunningJob.builder()
          .id(text(j, "id"))
          .project(project(j, project))
          .spider(text(j, "spider"))
          .startTime(time(j, "start_time"));
      path(j, "log_url", p -> links.runningLog(job, base, p));
      path(j, "items_url", p -> links.runningItems(job, base, p));
      JsonNode pid = j.get("pid");
      if (pid != null && pid.canConvertToInt() && pid.isIntegralNumber()) {
        job.pid(pid.intValue());
      }
      list.addRunning(job.build());
    }
    for (JsonNode j : array(o, "finished")) {
      FinishedJob.Builder job = FinishedJob.builder()
          .id(text(j, "id"))
          .project(project(j, project))
          .spider(text(j, "spider"))
          .startTime(time(j, "start_time"))
          .endTime(time(j, "end_time"));
      path(j, "log_url", p -> links.finishedLog(job, base, p));
      path(j, "items_url", p -> links.finishedItems(job, base, p));
      list.addFinished(job.build());
    }
    return list.build();
  }

  private String nodeName(ObjectNode o) {
    JsonNode name = o.get("node_name");
    if (name != null && name.isTextual()) {
      return name.asText();
    }
    return defaultNodeName();
  }

  /** Scrapyd before 1.1 sent no node name; such a node is named after its address. */
  String defaultNodeName() {
    return URI.create(base).getAuthority();
  }

  String base() {
    return base;
  }

  /**
   * Reads a well-formed, ok {@code listjobs.json} answer by streaming its tokens, without a tree;
   * null for anything else, which the tree path then reports precisely.
   */
  public JobList jobsFast(byte[] body, String project) {
    return new JobListReader(this).read(body, project);
  }

  private static String project(JsonNode job, String requested) {
    JsonNode p = job.get("project");
    if (p != null && p.isTextual()) {
      return p.asText();
    }
    if (requested == null) {
      throw new Malformed("a job has no 'project' field: " + job);
    }
    return requested;
  }

  /** Hands a non-empty path field to {@code set}; Scrapyd sends null when the file is absent. */
  private static void path(JsonNode job, String field, java.util.function.Consumer<String> set) {
    JsonNode v = job.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isTextual()) {
      throw new Malformed("'" + field + "' is not a string: " + v);
    }
    if (!v.asText().isEmpty()) {
      set.accept(v.asText());
    }
  }

  private static LocalDateTime time(JsonNode o, String field) {
    String value = text(o, field);
    try {
      return PythonDateTimes.parse(value);
    } catch (RuntimeException e) {
      throw new Malformed("'" + field + "' is not a date-time: " + value);
    }
  }

  private static JobState state(String wire) {
    try {
      return JobState.fromWireName(wire);
    } catch (IllegalArgumentException e) {
      throw new Malformed(e.getMessage());
    }
  }

  private static void putAll(JsonNode o, String field, java.util.function.BiConsumer<String, String> put) {
    JsonNode map = o.get(field);
    if (map == null || map.isNull()) {
      return;
    }
    if (!map.isObject()) {
      throw new Malformed("'" + field + "' is not an object: " + map);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      put.accept(e.getKey(), value.isTextual() ? value.asText() : value.toString());
    }
  }

  static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new Malformed(v == null || v.isNull()
          ? "the answer has no '" + field + "' field"
          : "'" + field + "' is not a string: " + v);
    }
    return v.asText();
  }

  static Optional<String> optionalText(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new Malformed("'" + field + "' is not a string: " + v);
    }
    return Optional.of(v.asText());
  }

  static int integer(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new Malformed(v == null
          ? "the answer has no '" + field + "' field"
          : "'" + field + "' is not an integer: " + v);
    }
    return v.intValue();
  }

  private static Iterable<JsonNode> array(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null) {
      throw new Malformed("the answer has no '" + field + "' field");
    }
    if (!v.isArray()) {
      throw new Malformed("'" + field + "' is not a list: " + v);
    }
    return v;
  }

  static List<String> strings(JsonNode o, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(o, field)) {
      if (!item.isTextual()) {
        throw new Malformed("'" + field + "' holds a value that is not a string: " + item);
      }
      out.add(item.asText());
    }
    return out;
  }
}
