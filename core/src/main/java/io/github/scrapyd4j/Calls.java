package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.internal.Endpoint;
import io.github.scrapyd4j.internal.Exchange;
import io.github.scrapyd4j.internal.Multipart;
import io.github.scrapyd4j.internal.Param;
import io.github.scrapyd4j.internal.Parsers;
import io.github.scrapyd4j.internal.Transport;
import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.DeleteResult;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobStatus;
import io.github.scrapyd4j.model.ProjectList;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.model.SpiderList;
import io.github.scrapyd4j.model.VersionList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the exchange of each endpoint, checking arguments first. Shared by the blocking and the
 * async client so that both send exactly the same requests.
 */
final class Calls {
  private final Transport transport;
  private final Parsers parsers;

  Calls(Transport transport) {
    this.transport = transport;
    this.parsers = transport.parsers();
  }

  Exchange<byte[], DaemonStatus> daemonStatus() {
    return transport.json(Endpoint.DAEMON_STATUS, List.of(), null, parsers::daemonStatus);
  }

  Exchange<byte[], AddVersionResult> addVersion(String project, String version, Path egg) {
    Checks.newProject(project);
    Checks.version(version);
    Eggs.check(egg);
    Multipart body = new Multipart()
        .field("project", project)
        .field("version", version)
        .file("egg", "project.egg", egg);
    return transport.json(Endpoint.ADD_VERSION, List.of(), body,
        o -> parsers.addVersion(o, project, version));
  }

  Exchange<byte[], AddVersionResult> addVersion(String project, String version, byte[] egg) {
    Checks.newProject(project);
    Checks.version(version);
    Eggs.check(egg);
    Multipart body = new Multipart()
        .field("project", project)
        .field("version", version)
        .file("egg", "project.egg", egg.clone());
    return transport.json(Endpoint.ADD_VERSION, List.of(), body,
        o -> parsers.addVersion(o, project, version));
  }

  Exchange<byte[], ScheduleResult> schedule(ScheduleRequest request) {
    Checks.notNull("request", request);
    List<Param> form = new ArrayList<>();
    form.add(Param.of("project", request.project()));
    form.add(Param.of("spider", request.spider()));
    request.version().ifPresent(v -> form.add(Param.of("_version", v)));
    request.jobId().ifPresent(j -> form.add(Param.of("jobid", j)));
    request.priority().ifPresent(p -> form.add(Param.of("priority", formatPriority(p))));
    for (Map.Entry<String, String> setting : request.settings().entrySet()) {
      form.add(Param.of("setting", setting.getKey() + '=' + setting.getValue()));
    }
    for (Map.Entry<String, String> arg : request.args().entrySet()) {
      form.add(Param.of(arg.getKey(), arg.getValue()));
    }
    return transport.json(Endpoint.SCHEDULE, form, null,
        o -> parsers.scheduled(o, request.project(), request.spider()));
  }

  Exchange<byte[], CancelResult> cancel(String project, String jobId, Signal signal) {
    Checks.project(project);
    Checks.jobId(jobId);
    List<Param> form = new ArrayList<>(3);
    form.add(Param.of("project", project));
    form.add(Param.of("job", jobId));
    if (signal != null) {
      form.add(Param.of("signal", signal.value()));
    }
    return transport.json(Endpoint.CANCEL, form, null, o -> parsers.cancelled(o, jobId));
  }

  Exchange<byte[], JobStatus> status(String project, String jobId) {
    Checks.jobId(jobId);
    List<Param> query = new ArrayList<>(2);
    query.add(Param.of("job", jobId));
    if (project != null) {
      query.add(Param.of("project", Checks.project(project)));
    }
    return transport.json(Endpoint.STATUS, query, null, o -> parsers.status(o, jobId));
  }

  Exchange<byte[], ProjectList> listProjects() {
    return transport.json(Endpoint.LIST_PROJECTS, List.of(), null, parsers::projects);
  }

  Exchange<byte[], VersionList> listVersions(String project) {
    Checks.project(project);
    return transport.json(
        Endpoint.LIST_VERSIONS, List.of(Param.of("project", project)), null, parsers::versions);
  }

  Exchange<byte[], SpiderList> listSpiders(String project, String version) {
    Checks.project(project);
    List<Param> query = new ArrayList<>(2);
    query.add(Param.of("project", project));
    if (version != null) {
      query.add(Param.of("_version", Checks.version(version)));
    }
    return transport.json(Endpoint.LIST_SPIDERS, query, null, parsers::spiders);
  }

  Exchange<byte[], JobList> listJobs(String project) {
    List<Param> query =
        project == null ? List.of() : List.of(Param.of("project", Checks.project(project)));
    return transport.json(Endpoint.LIST_JOBS, query, null, o -> parsers.jobs(o, project),
        body -> parsers.jobsFast(body, project));
  }

  Exchange<byte[], DeleteResult> delVersion(String project, String version) {
    Checks.project(project);
    Checks.version(version);
    return transport.json(Endpoint.DEL_VERSION,
        List.of(Param.of("project", project), Param.of("version", version)), null,
        parsers::deleted);
  }

  Exchange<byte[], DeleteResult> delProject(String project) {
    Checks.project(project);
    return transport.json(
        Endpoint.DEL_PROJECT, List.of(Param.of("project", project)), null, parsers::deleted);
  }

  /** Python reads the priority with float(); whole numbers go out without a fraction. */
  static String formatPriority(double priority) {
    if (priority == Math.rint(priority) && Math.abs(priority) < 1e15) {
      return Long.toString((long) priority);
    }
    return Double.toString(priority);
  }
}
