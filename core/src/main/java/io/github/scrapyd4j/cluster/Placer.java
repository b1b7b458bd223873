package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydAsyncClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.ScrapydScheduleOutcomeUnknownException;
import io.github.scrapyd4j.ScrapydTransportException;
import io.github.scrapyd4j.internal.JobIds;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places jobs: on one node chosen by a selector, failing over only when the request cannot have
 * reached a node, or on many nodes at once with one job id.
 */
final class Placer {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);

  private final Membership membership;
  private final HealthTracker health;
  private final FanOutRunner runner;
  private final Duration nodeTimeout;
  private final Duration deadline;
  private final Duration spiderListingTimeout;

  Placer(Membership membership, HealthTracker health, FanOutRunner runner, Duration nodeTimeout,
      Duration deadline, Duration spiderListingTimeout) {
    this.membership = membership;
    this.health = health;
    this.runner = runner;
    this.nodeTimeout = nodeTimeout;
    this.deadline = deadline;
    this.spiderListingTimeout = spiderListingTimeout;
  }

  Placement place(ScheduleRequest request, NodeSelector selector) {
    return place(request, selector, null);
  }

  /**
   * Places a job on one node, failing over only while the request cannot have reached a node.
   *
   * @param among the node ids the job may go to; null for every node
   */
  Placement place(ScheduleRequest request, NodeSelector selector, Set<String> among) {
    ScheduleRequest withId = JobIds.ensure(request);
    Map<String, Member> members = membership.current();
    List<Member> usable = new ArrayList<>();
    for (NodeState wanted : new NodeState[] {NodeState.UP, NodeState.SUSPECT}) {
      for (Member member : members.values()) {
        if (member.health.state() == wanted
            && (among == null || among.contains(member.node.id()))) {
          usable.add(member);
        }
      }
    }
    Map<String, DaemonStatus> statuses = Map.of();
    if (selector.needsStatus() && !usable.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>();
      usable.forEach(m -> ids.add(m.node.id()));
      statuses = runner.run(NodeFilter.ids(ids.toArray(new String[0])),
          ScrapydAsyncClient::daemonStatus, nodeTimeout, deadline).join().successes();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Member member : usable) {
      candidates.add(
          new Candidate(member.node, member.health.state(), statuses.get(member.node.id())));
    }
    List<Candidate> ordered = selector.order(Collections.unmodifiableList(candidates), withId);
    if (ordered.isEmpty()) {
      throw new NodeUnavailableException("no node to schedule " + withId.spider() + " on with "
          + selector + (among == null ? "" : " among " + among) + ": node states "
          + HealthTracker.states(membership.current()), null, null);
    }
    Map<String, ScrapydException> skipped = new LinkedHashMap<>();
    for (Candidate candidate : ordered) {
      Member member = membership.current().get(candidate.node().id());
      if (member == null) {
        continue;
      }
      try {
        ScheduleResult result = member.client.schedule(withId);
        health.record(member, null);
        LOG.debug("job {} scheduled on node {}", result.jobId(), member.node.id());
        return new Placement(member.node.id(), result, skipped);
      } catch (ScrapydTransportException e) {
        health.record(member, e);
        if (e.mayHaveReachedServer()) {
          ScrapydTransportException cause = e instanceof ScrapydScheduleOutcomeUnknownException
              && e.getCause() instanceof ScrapydTransportException
              ? (ScrapydTransportException) e.getCause() : e;
          throw new ScheduleOutcomeUnknownException(member.node.id(), withId.jobId().get(), cause);
        }
        LOG.info("node {} unreachable, trying the next one: {}", member.node.id(), e.getMessage());
        skipped.put(member.node.id(), e);
      } catch (ScrapydHttpException e) {
        health.record(member, e);
        throw e;
      }
    }
    NodeUnavailableException none = new NodeUnavailableException(
        "job " + withId.jobId().get() + " was scheduled nowhere: no candidate node could be "
            + "reached (" + skipped.keySet() + ")", null,
        skipped.isEmpty() ? null : skipped.values().iterator().next());
    skipped.values().stream().skip(1).forEach(none::addSuppressed);
    throw none;
  }

  /**
   * Schedules each matching pair once, on a node that lists it; every request is made and checked
   * before any is sent, and a failure does not stop the others. Nothing is retried.
   */
  List<ScheduledMatch> placeEach(SpiderMatches matches,
      BiFunction<String, String, ScheduleRequest> requests, NodeSelector selector) {
    List<ScheduleRequest> made = new ArrayList<>();
    Map<String, String> ids = new LinkedHashMap<>();
    matches.spiders().forEach((project, spiders) -> {
      for (String spider : spiders) {
        ScheduleRequest request = requests.apply(project, spider);
        if (request == null) {
          throw new IllegalArgumentException("requests gave no request for " + project + "/"
              + spider);
        }
        if (!request.project().equals(project) || !request.spider().equals(spider)) {
          throw new IllegalArgumentException("requests gave a request for " + request.project()
              + "/" + request.spider() + " where " + project + "/" + spider + " matched");
        }
        ScheduleRequest withId = JobIds.ensure(request);
        String other = ids.putIfAbsent(withId.jobId().get(), project + "/" + spider);
        if (other != null) {
          throw new IllegalArgumentException("requests gave job id " + withId.jobId().get()
              + " to both " + other + " and " + project + "/" + spider + ": a job id names one"
              + " job, so give each its own or none (one is then chosen for each)");
        }
        made.add(withId);
      }
    });
    List<ScheduledMatch> done = new ArrayList<>();
    for (ScheduleRequest request : made) {
      try {
        done.add(new ScheduledMatch(request, place(request, selector,
            new LinkedHashSet<>(matches.nodesWith(request.project(), request.spider()))), null));
      } catch (ScrapydException e) {
        done.add(new ScheduledMatch(request, null, e));
      }
    }
    return Collections.unmodifiableList(done);
  }

  ClusterResult<ScheduleResult> scheduleOnAll(ScheduleRequest request, NodeFilter filter) {
    ScheduleRequest withId = JobIds.ensure(request);
    return FanOutRunner.join(runner.run(filter, async -> async.schedule(withId),
        spiderListingTimeout, spiderListingTimeout.plus(deadline)));
  }
}
