package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.internal.JobIds;
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
import java.util.concurrent.CompletableFuture;

/**
 * The async twin of {@link ScrapydClient}: the same operations, sending without blocking and
 * returning {@link CompletableFuture}s. Get it from {@link ScrapydClient#async()}; it shares that
 * client's connections, configuration and life cycle.
 *
 * <pre>{@code
 * ScrapydAsyncClient async = client.async();
 * async.listJobs("shop")
 *     .thenAccept(jobs -> System.out.println(jobs.running().size() + " running"))
 *     .exceptionally(error -> { log.warn("listjobs failed", error); return null; });
 * }</pre>
 *
 * <p>Futures fail with the same {@link ScrapydException} types as the blocking methods (in
 * dependent stages, wrapped in {@link java.util.concurrent.CompletionException} as usual). Bad
 * arguments are reported at once, by throwing, before anything is sent. Cancelling a future
 * abandons its request. Requests beyond the client's {@code maxConcurrentRequests} wait in a queue
 * without holding a thread, so thousands of calls can be started at once.
 */
public final class ScrapydAsyncClient {
  private final Transport transport;
  private final Calls calls;

  ScrapydAsyncClient(Transport transport, Calls calls) {
    this.transport = transport;
    this.calls = calls;
  }

  /**
   * Async {@link ScrapydClient#daemonStatus()}.
   *
   * @return the node's status
   */
  public CompletableFuture<DaemonStatus> daemonStatus() {
    return transport.executeAsync(calls.daemonStatus());
  }

  /**
   * Async {@link ScrapydClient#addVersion(String, String, Path)}.
   *
   * @param project the project name
   * @param version the version name
   * @param egg the egg file
   * @return what Scrapyd stored
   */
  public CompletableFuture<AddVersionResult> addVersion(String project, String version, Path egg) {
    return transport.executeAsync(calls.addVersion(project, version, egg));
  }

  /**
   * Async {@link ScrapydClient#addVersion(String, String, byte[])}.
   *
   * @param project the project name
   * @param version the version name
   * @param egg the egg's bytes (copied)
   * @return what Scrapyd stored
   */
  public CompletableFuture<AddVersionResult> addVersion(
      String project, String version, byte[] egg) {
    return transport.executeAsync(calls.addVersion(project, version, egg));
  }

  /**
   * Async {@link ScrapydClient#schedule(ScheduleRequest)}. Never retried automatically.
   *
   * @param request what to run
   * @return the job id
   */
  public CompletableFuture<ScheduleResult> schedule(ScheduleRequest request) {
    ScheduleRequest withId = JobIds.ensure(Checks.notNull("request", request));
    CompletableFuture<ScheduleResult> sent = transport.executeAsync(calls.schedule(withId));
    CompletableFuture<ScheduleResult> result = new CompletableFuture<>();
    sent.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
        return;
      }
      Throwable cause = error instanceof java.util.concurrent.CompletionException
          && error.getCause() != null ? error.getCause() : error;
      result.completeExceptionally(cause instanceof ScrapydTransportException
          ? ScrapydClient.outcomeUnknown(withId, (ScrapydTransportException) cause) : cause);
    });
    result.whenComplete((value, error) -> {
      if (result.isCancelled()) {
        sent.cancel(true);
      }
    });
    return result;
  }

  /**
   * Async {@link ScrapydClient#cancel(String, String)}.
   *
   * @param project the project name
   * @param jobId the job id
   * @return the job's previous state
   */
  public CompletableFuture<CancelResult> cancel(String project, String jobId) {
    return transport.executeAsync(calls.cancel(project, jobId, null));
  }

  /**
   * Async {@link ScrapydClient#cancel(String, String, Signal)}.
   *
   * @param project the project name
   * @param jobId the job id
   * @param signal the signal
   * @return the job's previous state
   */
  public CompletableFuture<CancelResult> cancel(String project, String jobId, Signal signal) {
    Checks.notNull("signal", signal);
    return transport.executeAsync(calls.cancel(project, jobId, signal));
  }

  /**
   * Async {@link ScrapydClient#status(String)}.
   *
   * @param jobId the job id
   * @return the job's state
   */
  public CompletableFuture<JobStatus> status(String jobId) {
    return transport.executeAsync(calls.status(null, jobId));
  }

  /**
   * Async {@link ScrapydClient#status(String, String)}.
   *
   * @param project the project name
   * @param jobId the job id
   * @return the job's state
   */
  public CompletableFuture<JobStatus> status(String project, String jobId) {
    Checks.notNull("project", project);
    return transport.executeAsync(calls.status(project, jobId));
  }

  /**
   * Async {@link ScrapydClient#listProjects()}.
   *
   * @return the project names
   */
  public CompletableFuture<ProjectList> listProjects() {
    return transport.executeAsync(calls.listProjects());
  }

  /**
   * Async {@link ScrapydClient#listVersions(String)}.
   *
   * @param project the project name
   * @return the versions
   */
  public CompletableFuture<VersionList> listVersions(String project) {
    return transport.executeAsync(calls.listVersions(project));
  }

  /**
   * Async {@link ScrapydClient#listSpiders(String)}.
   *
   * @param project the project name
   * @return the spider names
   */
  public CompletableFuture<SpiderList> listSpiders(String project) {
    return transport.executeAsync(calls.listSpiders(project, null));
  }

  /**
   * Async {@link ScrapydClient#listSpiders(String, String)}.
   *
   * @param project the project name
   * @param version the version
   * @return the spider names
   */
  public CompletableFuture<SpiderList> listSpiders(String project, String version) {
    Checks.notNull("version", version);
    return transport.executeAsync(calls.listSpiders(project, version));
  }

  /**
   * Async {@link ScrapydClient#listJobs()}.
   *
   * @return all jobs
   */
  public CompletableFuture<JobList> listJobs() {
    return transport.executeAsync(calls.listJobs(null));
  }

  /**
   * Async {@link ScrapydClient#listJobs(String)}.
   *
   * @param project the project name
   * @return the project's jobs
   */
  public CompletableFuture<JobList> listJobs(String project) {
    Checks.notNull("project", project);
    return transport.executeAsync(calls.listJobs(project));
  }

  /**
   * Async {@link ScrapydClient#delVersion(String, String)}.
   *
   * @param project the project name
   * @param version the version
   * @return the acknowledgement
   */
  public CompletableFuture<DeleteResult> delVersion(String project, String version) {
    return transport.executeAsync(calls.delVersion(project, version));
  }

  /**
   * Async {@link ScrapydClient#delProject(String)}.
   *
   * @param project the project name
   * @return the acknowledgement
   */
  public CompletableFuture<DeleteResult> delProject(String project) {
    return transport.executeAsync(calls.delProject(project));
  }
}
