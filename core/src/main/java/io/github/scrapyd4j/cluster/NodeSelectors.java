package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.model.ScheduleRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in {@link NodeSelector}s.
 *
 * <pre>{@code
 * cluster.schedule(request, NodeSelectors.leastLoaded());
 * cluster.schedule(request, NodeSelectors.tagged("gpu", NodeSelectors.roundRobin()));
 * cluster.schedule(request, NodeSelectors.pinned("eu-1"));
 * }</pre>
 */
public final class NodeSelectors {
  private NodeSelectors() {}

  /**
   * The node with the fewest jobs (running plus pending, from {@code daemonstatus}) first. Nodes
   * with a {@linkplain Node#capacity() capacity} are compared by how full they are and left out
   * when full. Nodes that did not answer go last.
   *
   * @return the selector
   */
  public static NodeSelector leastLoaded() {
    return new NodeSelector() {
      @Override
      public boolean needsStatus() {
        return true;
      }

      @Override
      public List<Candidate> order(List<Candidate> candidates, ScheduleRequest request) {
        List<Candidate> known = new ArrayList<>();
        List<Candidate> unknown = new ArrayList<>();
        for (Candidate candidate : candidates) {
          if (candidate.status().isEmpty()) {
            unknown.add(candidate);
          } else if (candidate.node().capacity().isEmpty()
              || candidate.status().get().load() < candidate.node().capacity().getAsInt()) {
            known.add(candidate);
          }
        }
        known.sort(Comparator.comparingDouble(NodeSelectors::utilisation)); // stable: ties keep order
        known.addAll(unknown);
        return known;
      }

      @Override
      public String toString() {
        return "leastLoaded";
      }
    };
  }

  private static double utilisation(Candidate candidate) {
    int load = candidate.status().map(s -> s.load()).orElse(Integer.MAX_VALUE);
    return candidate.node().capacity().isPresent()
        ? (double) load / candidate.node().capacity().getAsInt()
        : load;
  }

  /**
   * Each job to the next node in turn; the rest follow as failover candidates.
   *
   * @return a new selector with its own turn counter
   */
  public static NodeSelector roundRobin() {
    AtomicLong turn = new AtomicLong();
    return new NodeSelector() {
      @Override
      public List<Candidate> order(List<Candidate> candidates, ScheduleRequest request) {
        List<Candidate> ordered = new ArrayList<>(candidates);
        if (!ordered.isEmpty()) {
          Collections.rotate(ordered, -(int) (turn.getAndIncrement() % ordered.size()));
        }
        return ordered;
      }

      @Override
      public String toString() {
        return "roundRobin";
      }
    };
  }

  /**
   * The nodes in random order.
   *
   * @return a selector with an unseeded random
   */
  public static NodeSelector random() {
    return random(new Random());
  }

  /**
   * The nodes in an order random but repeatable for the seed.
   *
   * @param seed the seed
   * @return a new selector
   */
  public static NodeSelector random(long seed) {
    return random(new Random(seed));
  }

  private static NodeSelector random(Random random) {
    return new NodeSelector() {
      @Override
      public List<Candidate> order(List<Candidate> candidates, ScheduleRequest request) {
        List<Candidate> ordered = new ArrayList<>(candidates);
        synchronized (random) {
          Collections.shuffle(ordered, random);
        }
        return ordered;
      }

      @Override
      public String toString() {
        return "random";
      }
    };
  }

  /**
   * Only one node. When it cannot be reached, there is no failover.
   *
   * @param nodeId the node
   * @return the selector
   */
  public static NodeSelector pinned(String nodeId) {
    Checks.notBlank("nodeId", nodeId);
    return new NodeSelector() {
      @Override
      public List<Candidate> order(List<Candidate> candidates, ScheduleRequest request) {
        List<Candidate> only = new ArrayList<>(1);
        for (Candidate candidate : candidates) {
          if (candidate.node().id().equals(nodeId)) {
            only.add(candidate);
          }
        }
        return only;
      }

      @Override
      public String toString() {
        return "pinned(" + nodeId + ")";
      }
    };
  }

  /**
   * The nodes with a tag, ordered by another selector.
   *
   * @param tag the tag
   * @param then how to order the tagged nodes
   * @return the selector
   */
  public static NodeSelector tagged(String tag, NodeSelector then) {
    Checks.notBlank("tag", tag);
    Checks.notNull("then", then);
    return new NodeSelector() {
      @Override
      public boolean needsStatus() {
        return then.needsStatus();
      }

      @Override
      public List<Candidate> order(List<Candidate> candidates, ScheduleRequest request) {
        List<Candidate> tagged = new ArrayList<>();
        for (Candidate candidate : candidates) {
          if (candidate.node().tags().contains(tag)) {
            tagged.add(candidate);
          }
        }
        return then.order(tagged, request);
      }

      @Override
      public String toString() {
        return "tagged(" + tag + ", " + then + ")";
      }
    };
  }

  /**
   * The nodes with a tag, least loaded first.
   *
   * @param tag the tag
   * @return the selector
   */
  public static NodeSelector tagged(String tag) {
    return tagged(tag, leastLoaded());
  }
}
