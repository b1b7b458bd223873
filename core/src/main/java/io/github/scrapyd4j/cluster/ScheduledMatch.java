package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.ScheduleRequest;
import java.util.Optional;

/**
 * One project and spider pair that {@link ClusterClient#scheduleMatches} scheduled: the job on its
 * node, or why it could not be scheduled.
 *
 * <pre>{@code
 * for (ScheduledMatch m : cluster.scheduleMatching(NamePattern.of("shop*"), NamePattern.any(),
 *     (project, spider) -> ScheduleRequest.of(project, spider))) {
 *   if (m.job().isPresent()) {
 *     System.out.println(m.project() + "/" + m.spider() + " => " + m.job().get().jobId());
 *   } else if (m.outcomeUnknown()) {
 *     System.err.println("look up job " + m.request().jobId().get() + " before trying again");
 *   } else {
 *     System.err.println(m.project() + "/" + m.spider() + ": " + m.failure().get().getMessage());
 *   }
 * }
 * }</pre>
 */
public final class ScheduledMatch {
  private final ScheduleRequest request;
  private final Placement placement;
  private final ScrapydException failure;

  ScheduledMatch(ScheduleRequest request, Placement placement, ScrapydException failure) {
    this.request = request;
    this.placement = placement;
    this.failure = failure;
  }

  /**
   * The project.
   *
   * @return the project name
   */
  public String project() {
    return request.project();
  }

  /**
   * The spider.
   *
   * @return the spider name
   */
  public String spider() {
    return request.spider();
  }

  /**
   * The request sent, with the job id it carried (one is chosen before sending).
   *
   * @return the request
   */
  public ScheduleRequest request() {
    return request;
  }

  /**
   * The scheduled job, naming its node; empty when it failed.
   *
   * @return the job
   */
  public Optional<JobRef> job() {
    return Optional.ofNullable(placement).map(Placement::job);
  }

  /**
   * Where the job went and which nodes were passed over first; empty when it failed.
   *
   * @return the placement
   */
  public Optional<Placement> placement() {
    return Optional.ofNullable(placement);
  }

  /**
   * Why the pair was not scheduled (or may not have been: see {@link #outcomeUnknown()}).
   *
   * @return the failure; empty when scheduled
   */
  public Optional<ScrapydException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Whether the request may have reached a node without an answer: the job may exist, under
   * {@code request().jobId()}. It was not sent again.
   *
   * @return true when the outcome is unknown
   */
  public boolean outcomeUnknown() {
    return failure instanceof ScheduleOutcomeUnknownException;
  }

  @Override
  public String toString() {
    return "ScheduledMatch{" + project() + "/" + spider() + ", "
        + (placement != null ? placement : "failed: " + failure.getMessage()) + "}";
  }
}
