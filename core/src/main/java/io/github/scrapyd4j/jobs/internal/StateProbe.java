package io.github.scrapyd4j.jobs.internal;

import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.JobStatus;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a node for one job's state: {@code status.json} (Scrapyd 1.5+), or {@code listjobs.json}
 * where {@code status.json} answers 404 (older servers, or an operator disabled it). Which one a
 * node has is found out once per client and remembered.
 */
public final class StateProbe {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.jobs");

  /** Per client: TRUE has status.json, FALSE has not, absent not known yet. Weak keys. */
  private static final Map<ScrapydClient, Boolean> STATUS_SUPPORT =
      Collections.synchronizedMap(new WeakHashMap<>());

  private StateProbe() {}

  /** One answer: the state (empty when the node does not know the job) and where it came from. */
  public static final class Seen {
    public final Optional<JobState> state;
    /** The job's listing entry, when the answer came from listjobs. */
    public final Optional<Job> listed;
    public final String nodeName;

    Seen(Optional<JobState> state, Optional<Job> listed, String nodeName) {
      this.state = state;
      this.listed = listed;
      this.nodeName = nodeName;
    }
  }

  /** Whether the client's node is known to have status.json: empty until found out. */
  public static Optional<Boolean> statusSupport(ScrapydClient client) {
    return Optional.ofNullable(STATUS_SUPPORT.get(client));
  }

  /** Asks the node for the job's state. Fails with the client's exception types. */
  public static CompletableFuture<Seen> probe(ScrapydClient client, String project, String jobId) {
    if (Boolean.FALSE.equals(STATUS_SUPPORT.get(client))) {
      return listing(client, project, jobId);
    }
    CompletableFuture<JobStatus> status;
    try {
      status = client.async().status(project, jobId);
    } catch (RuntimeException e) {
      return Futures.failed(e);
    }
    return status.handle((answer, error) -> {
      if (error == null) {
        STATUS_SUPPORT.put(client, Boolean.TRUE);
        return CompletableFuture.completedFuture(
            new Seen(answer.state(), Optional.empty(), answer.nodeName()));
      }
      Throwable cause = Futures.unwrap(error);
      if (cause instanceof ScrapydHttpException
          && !(cause instanceof ScrapydAuthenticationException)
          && ((ScrapydHttpException) cause).statusCode() == 404) {
        STATUS_SUPPORT.put(client, Boolean.FALSE);
        LOG.debug("{} has no status.json (HTTP 404): using listjobs.json for job states",
            client.baseUri());
        return listing(client, project, jobId);
      }
      if (cause instanceof ScrapydApiException
          && ((ScrapydApiException) cause).reason() == ScrapydApiException.Reason.PROJECT_NOT_FOUND) {
        // The project was deleted; the node may still remember the job under any project.
        return client.async().status(jobId).thenApply(
            s -> new Seen(s.state(), Optional.empty(), s.nodeName()));
      }
      return Futures.<Seen>failed(cause);
    }).thenCompose(f -> f);
  }

  private static CompletableFuture<Seen> listing(
      ScrapydClient client, String project, String jobId) {
    CompletableFuture<JobList> jobs;
    try {
      jobs = client.async().listJobs(project);
    } catch (RuntimeException e) {
      return Futures.failed(e);
    }
    return jobs.handle((list, error) -> {
      if (error != null) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof ScrapydApiException
            && ((ScrapydApiException) cause).reason() == ScrapydApiException.Reason.PROJECT_NOT_FOUND) {
          return new Seen(Optional.empty(), Optional.empty(),
              ((ScrapydApiException) cause).nodeName().orElse(client.baseUri().getAuthority()));
        }
        throw Futures.rethrow(cause, client.baseUri(), "listjobs.json");
      }
      Optional<Job> job = list.find(jobId);
      return new Seen(job.map(Job::state), job, list.nodeName());
    });
  }
}
