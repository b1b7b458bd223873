package io.github.scrapyd4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.RunningJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path for {@code listjobs.json}, whose answers can list thousands of jobs: reads the JSON
 * tokens straight into job values, without building a tree first. It only handles well-formed
 * {@code status: ok} answers; for anything else it returns {@code null} and the caller takes the
 * tree path, which produces the exact error.
 */
final class JobListReader {
  private static final JsonFactory FACTORY = Responses.MAPPER.getFactory();

  private final Parsers parsers;
  private final String base;
  private final ModelAccess.Links links = ModelAccess.links();

  JobListReader(Parsers parsers) {
    this.parsers = parsers;
    this.base = parsers.base();
  }

  /** The job list, or null when the answer is not a plain ok listing. */
  JobList read(byte[] body, String requestedProject) {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String status = null;
      String nodeName = null;
      List<PendingJob> pending = null;
      List<RunningJob> running = null;
      List<FinishedJob> finished = null;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "status":
            status = value == JsonToken.VALUE_STRING ? p.getText() : null;
            break;
          case "node_name":
            nodeName = value == JsonToken.VALUE_STRING ? p.getText() : null;
            break;
          case "pending":
            pending = value == JsonToken.START_ARRAY ? pending(p, requestedProject) : null;
            if (pending == null) {
              return null;
            }
            break;
          case "running":
            running = value == JsonToken.START_ARRAY ? running(p, requestedProject) : null;
            if (running == null) {
              return null;
            }
            break;
          case "finished":
            finished = value == JsonToken.START_ARRAY ? finished(p, requestedProject) : null;
            if (finished == null) {
              return null;
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      if (!"ok".equals(status) || pending == null || running == null || finished == null) {
        return null;
      }
      return JobList.builder()
          .nodeName(nodeName != null ? nodeName : parsers.defaultNodeName())
          .pending(pending)
          .running(running)
          .finished(finished)
          .build();
    } catch (IOException | RuntimeException e) {
      return null; // the tree path reports it precisely
    }
  }

  /** The fields a job may have; what a state does not use stays null. */
  private static final class Fields {
    String id;
    String project;
    String spider;
    String version;
    String startTime;
    String endTime;
    String logUrl;
    String itemsUrl;
    Integer pid;
    PendingJob.Builder pendingBuilder;
  }

  private List<PendingJob> pending(JsonParser p, String project) throws IOException {
    List<PendingJob> jobs = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        return null;
      }
      PendingJob.Builder job = PendingJob.builder();
      Fields f = new Fields();
      f.pendingBuilder = job;
      if (!fields(p, f)) {
        return null;
      }
      if (f.id == null || f.spider == null || (f.project == null && project == null)) {
        return null;
      }
      job.id(f.id).spider(f.spider).project(f.project != null ? f.project : project);
      if (f.version != null) {
        job.version(f.version);
      }
      jobs.add(job.build());
    }
    return jobs;
  }

  private List<RunningJob> running(JsonParser p, String project) throws IOException {
    List<RunningJob> jobs = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        return null;
      }
      Fields f = new Fields();
      if (!fields(p, f) || f.id == null || f.spider == null || f.startTime == null
          || (f.project == null && project == null)) {
        return null;
      }
      RunningJob.Builder job = RunningJob.builder()
          .id(f.id)
          .project(f.project != null ? f.project : project)
          .spider(f.spider)
          .startTime(PythonDateTimes.parse(f.startTime));
      if (f.pid != null) {
        job.pid(f.pid);
      }
      if (f.logUrl != null && !f.logUrl.isEmpty()) {
        links.runningLog(job, base, f.logUrl);
      }
      if (f.itemsUrl != null && !f.itemsUrl.isEmpty()) {
        links.runningItems(job, base, f.itemsUrl);
      }
      jobs.add(job.build());
    }
    return jobs;
  }

  private List<FinishedJob> finished(JsonParser p, String project) throws IOException {
    List<FinishedJob> jobs = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        return null;
      }
      Fields f = new Fields();
      if (!fields(p, f) || f.id == null || f.spider == null || f.startTime == null
          || f.endTime == null || (f.project == null && project == null)) {
        return null;
      }
      FinishedJob.Builder job = FinishedJob.builder()
          .id(f.id)
          .project(f.project != null ? f.project : project)
          .spider(f.spider)
          .startTime(PythonDateTimes.parse(f.startTime))
          .endTime(PythonDateTimes.parse(f.endTime));
      if (f.logUrl != null && !f.logUrl.isEmpty()) {
        links.finishedLog(job, base, f.logUrl);
      }
      if (f.itemsUrl != null && !f.itemsUrl.isEmpty()) {
        links.finishedItems(job, base, f.itemsUrl);
      }
      jobs.add(job.build());
    }
    return jobs;
  }

  /** Reads one job object's fields; false when a field has a type the tree path would reject. */
  private static boolean fields(JsonParser p, Fields f) throws IOException {
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "id":
          f.id = string(p, value);
          if (f.id == null) {
            return false;
          }
          break;
        case "project":
          f.project = value == JsonToken.VALUE_STRING ? p.getText() : null;
          break;
        case "spider":
          f.spider = string(p, value);
          if (f.spider == null) {
            return false;
          }
          break;
        case "version":
          if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
            return false;
          }
          f.version = value == JsonToken.VALUE_STRING ? p.getText() : null;
          break;
        case "start_time":
          f.startTime = string(p, value);
          break;
        case "end_time":
          f.endTime = string(p, value);
          break;
        case "log_url":
          if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
            return false;
          }
          f.logUrl = value == JsonToken.VALUE_STRING ? p.getText() : null;
          break;
        case "items_url":
          if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
            return false;
          }
          f.itemsUrl = value == JsonToken.VALUE_STRING ? p.getText() : null;
          break;
        case "pid":
          if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            f.pid = p.getIntValue();
          }
          break;
        case "settings":
        case "args":
          if (f.pendingBuilder == null || value == JsonToken.VALUE_NULL) {
            p.skipChildren();
            break;
          }
          if (value != JsonToken.START_OBJECT) {
            return false;
          }
          for (JsonToken e = p.nextToken(); e == JsonToken.FIELD_NAME; e = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v != JsonToken.VALUE_STRING) {
              return false; // rare: the tree path renders non-string values
            }
            if (field.equals("settings")) {
              f.pendingBuilder.putSetting(name, p.getText());
            } else {
              f.pendingBuilder.putArg(name, p.getText());
            }
          }
          break;
        default:
          p.skipChildren();
      }
    }
    return true;
  }

  private static String string(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_STRING ? p.getText() : null;
  }
}
