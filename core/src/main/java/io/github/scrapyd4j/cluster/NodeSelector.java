package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.model.ScheduleRequest;
import java.util.List;

/**
 * Chooses where {@link ClusterClient#schedule(ScheduleRequest, NodeSelector)} places a job: it
 * orders the candidates, and the cluster tries them in that order, moving to the next only when the
 * request could not have reached a node. Built-in selectors are in {@link NodeSelectors}; write
 * your own for other rules.
 *
 * <pre>{@code
 * NodeSelector fewestRunning = new NodeSelector() {
 *   public boolean needsStatus() { return true; }
 *   public List<Candidate> order(List<Candidate> candidates, ScheduleRequest request) {
 *     List<Candidate> sorted = new ArrayList<>(candidates);
 *     sorted.sort(Comparator.comparingInt(c -> c.status().map(DaemonStatus::running).orElse(Integer.MAX_VALUE)));
 *     return sorted;
 *   }
 * };
 * }</pre>
 */
public interface NodeSelector {
  /**
   * Orders the candidates: the job goes to the first one that can be reached. Leave out the
   * nodes the job must not go to.
   *
   * @param candidates the nodes that are up or suspect, up ones first, in cluster order
   * @param request the job to place
   * @return the nodes to try, in order
   */
  List<Candidate> order(List<Candidate> candidates, ScheduleRequest request);

  /**
   * Whether the cluster should fetch each candidate's {@code daemonstatus} before {@link #order}
   * (one parallel round of requests).
   *
   * @return true to get {@link Candidate#status()}
   */
  default boolean needsStatus() {
    return false;
  }
}
