package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projects and spiders that project and spider patterns match, node by node, as {@link
 * FanOut#matchSpiders} found them: what {@link ClusterClient#scheduleMatches} schedules.
 *
 * <pre>{@code
 * SpiderMatches found = cluster.fanOut()
 *     .matchSpiders(NamePattern.of("shop*"), NamePattern.of("products_*"));
 * found.spiders().forEach((project, spiders) -> System.out.println(project + ": " + spiders));
 * found.failures().forEach((node, e) -> System.err.println(node + ": " + e.getMessage()));
 * }</pre>
 */
public final class SpiderMatches {
  private final ClusterResult<Map<String, List<String>>> perNode;

  SpiderMatches(ClusterResult<Map<String, List<String>>> perNode) {
    this.perNode = perNode;
  }

  /**
   * Each node's matches: project to its matching spiders, in the node's order. A matching project
   * without a matching spider is there with an empty list.
   *
   * @return the per-node matches and failures
   */
  public ClusterResult<Map<String, List<String>>> perNode() {
    return perNode;
  }

  /**
   * Every node's matches together: project to matching spiders, each once, in the order the nodes
   * first listed them. Projects without a matching spider are left out.
   *
   * @return project to spiders
   */
  public Map<String, List<String>> spiders() {
    Map<String, Set<String>> union = new LinkedHashMap<>();
    perNode.successes().forEach((node, projects) -> projects.forEach((project, spiders) -> {
      if (!spiders.isEmpty()) {
        union.computeIfAbsent(project, p -> new LinkedHashSet<>()).addAll(spiders);
      }
    }));
    Map<String, List<String>> out = new LinkedHashMap<>();
    union.forEach((project, spiders) ->
        out.put(project, Collections.unmodifiableList(new ArrayList<>(spiders))));
    return Collections.unmodifiableMap(out);
  }

  /**
   * How many distinct project and spider pairs match, over every node.
   *
   * @return the number of pairs
   */
  public int size() {
    int n = 0;
    for (List<String> spiders : spiders().values()) {
      n += spiders.size();
    }
    return n;
  }

  /**
   * Whether nothing matches on any node that answered.
   *
   * @return true when no pair matches
   */
  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * The nodes where a project's spider matches.
   *
   * @param project the project
   * @param spider the spider
   * @return node ids, in node order; empty when none
   */
  public List<String> nodesWith(String project, String spider) {
    List<String> nodes = new ArrayList<>();
    perNode.successes().forEach((node, projects) -> {
      if (projects.getOrDefault(project, List.of()).contains(spider)) {
        nodes.add(node);
      }
    });
    return Collections.unmodifiableList(nodes);
  }

  /**
   * The nodes that could not be asked: their matches are unknown.
   *
   * @return node id to failure, in node order
   */
  public Map<String, ScrapydException> failures() {
    return perNode.failures();
  }

  @Override
  public String toString() {
    return "SpiderMatches{" + spiders() + ", failures=" + failures().keySet() + "}";
  }
}
