package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes lack a version of a project that other nodes have: a partial deploy, or a node
 * added later.
 */
public final class VersionDrift {
  private final String project;
  private final Map<String, List<String>> versions;
  private final Map<String, ScrapydException> failures;

  VersionDrift(String project, Map<String, List<String>> versions,
      Map<String, ScrapydException> failures) {
    this.project = project;
    this.versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /**
   * The project compared.
   *
   * @return the project name
   */
  public String project() {
    return project;
  }

  /**
   * Each answering node's stored versions, in Scrapyd's order.
   *
   * @return node id to versions
   */
  public Map<String, List<String>> versions() {
    return versions;
  }

  /**
   * Every version stored on at least one answering node.
   *
   * @return the union of versions
   */
  public Set<String> allVersions() {
    Set<String> all = new LinkedHashSet<>();
    versions.values().forEach(all::addAll);
    return Collections.unmodifiableSet(all);
  }

  /**
   * For each answering node that lacks some, the versions other nodes have and it does not.
   *
   * @return node id to missing versions; empty when all nodes agree
   */
  public Map<String, Set<String>> missing() {
    Set<String> all = allVersions();
    Map<String, Set<String>> missing = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> node : versions.entrySet()) {
      Set<String> lacking = new LinkedHashSet<>(all);
      lacking.removeAll(node.getValue());
      if (!lacking.isEmpty()) {
        missing.put(node.getKey(), Collections.unmodifiableSet(lacking));
      }
    }
    return Collections.unmodifiableMap(missing);
  }

  /**
   * Whether every answering node has the same versions.
   *
   * @return true when nothing is missing anywhere
   */
  public boolean isConsistent() {
    return missing().isEmpty();
  }

  /**
   * The latest version of each answering node (the last one Scrapyd lists), which jobs without a
   * version run there.
   *
   * @return node id to latest version, empty for a node without the project
   */
  public Map<String, Optional<String>> latest() {
    Map<String, Optional<String>> latest = new LinkedHashMap<>();
    versions.forEach((node, list) ->
        latest.put(node, list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1))));
    return Collections.unmodifiableMap(latest);
  }

  /**
   * The nodes that did not answer.
   *
   * @return node id to failure
   */
  public Map<String, ScrapydException> failures() {
    return failures;
  }
}
