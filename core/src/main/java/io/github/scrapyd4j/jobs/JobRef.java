package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.RunningJob;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.net.URI;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Names one job: its project, spider and job id, and where known the node it runs on and the
 * locations of its log and items. Everything in {@link io.github.scrapyd4j.jobs} takes one.
 *
 * <pre>{@code
 * ScheduleResult scheduled = client.schedule(ScheduleRequest.of("shop", "products"));
 * JobRef job = JobRef.of(scheduled);                      // just scheduled
 * JobRef same = JobRef.of("shop", "products", scheduled.jobId());
 * JobRef listed = JobRef.of(client.listJobs("shop").running().get(0));  // from a listing
 * }</pre>
 *
 * <p>Scrapyd serves a job's log at {@code logs/{project}/{spider}/{jobid}.log} and its items at
 * {@code items/{project}/{spider}/{jobid}.jl} under its base URI; those paths are used when the
 * reference carries no URL of its own.
 */
@Value.Immutable
@ScrapydStyle
public abstract class JobRef {
  JobRef() {}

  /**
   * The project the job belongs to.
   *
   * @return the project name
   */
  public abstract String project();

  /**
   * The spider the job runs; it is part of the log and items paths.
   *
   * @return the spider name
   */
  public abstract String spider();

  /**
   * The job id.
   *
   * @return the job id
   */
  public abstract String jobId();

  /**
   * The id of the node the job runs on, as a {@link JobWatcher} or a cluster names its nodes. The
   * {@link Jobs} of a cluster ({@code cluster.jobs()}) sends each call to this node; one node's
   * {@code Jobs}, {@code JobLogs}, {@code JobItems} and {@code JobWaiter} ignore it.
   *
   * @return the node id, if known
   */
  public abstract Optional<String> node();

  /**
   * Where the log is served, as {@code listjobs.json} reported it (absolute, under the client's
   * base URI).
   *
   * @return the log location, if known
   */
  public abstract Optional<URI> logUrl();

  /**
   * Where the items are served, as {@code listjobs.json} reported it.
   *
   * @return the items location, if known
   */
  public abstract Optional<URI> itemsUrl();

  /**
   * The same job, marked as running on a node.
   *
   * @param nodeId the node id
   * @return a reference with that node
   */
  public JobRef onNode(String nodeId) {
    Checks.notBlank("nodeId", nodeId);
    return builder().from(this).node(nodeId).build();
  }

  /**
   * A reference from its three names.
   *
   * @param project the project name
   * @param spider the spider name
   * @param jobId the job id
   * @return the reference
   */
  public static JobRef of(String project, String spider, String jobId) {
    return builder().project(project).spider(spider).jobId(jobId).build();
  }

  /**
   * The job that {@code schedule} just queued.
   *
   * @param scheduled the answer of {@code schedule}
   * @return the reference
   */
  public static JobRef of(ScheduleResult scheduled) {
    Checks.notNull("scheduled", scheduled);
    return of(scheduled.project(), scheduled.spider(), scheduled.jobId());
  }

  /**
   * A job from a {@code listjobs} answer, with the log and items locations of a running or
   * finished job.
   *
   * @param job a pending, running or finished job
   * @return the reference
   */
  public static JobRef of(Job job) {
    Checks.notNull("job", job);
    Builder builder = builder();
    builder.project(job.project()).spider(job.spider()).jobId(job.id());
    if (job instanceof RunningJob) {
      builder.logUrl(((RunningJob) job).logUrl()).itemsUrl(((RunningJob) job).itemsUrl());
    } else if (job instanceof FinishedJob) {
      builder.logUrl(((FinishedJob) job).logUrl()).itemsUrl(((FinishedJob) job).itemsUrl());
    }
    return builder.build();
  }

  @Value.Check
  void check() {
    Checks.project(project());
    Checks.spider(spider());
    Checks.jobId(jobId());
    node().ifPresent(n -> Checks.notBlank("node", n));
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JobRef} values. */
  public static final class Builder extends ImmutableJobRef.Builder {
    Builder() {}
  }
}
