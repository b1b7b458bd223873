package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.internal.Checks;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which nodes a fan-out or a placement considers: all of them, some by id, or those with a tag.
 *
 * <pre>{@code
 * cluster.fanOut(NodeFilter.tagged("eu")).listJobs("shop");
 * cluster.fanOut(NodeFilter.ids("eu-1", "us-2")).daemonStatus();
 * }</pre>
 */
public final class NodeFilter {
  private static final NodeFilter ALL = new NodeFilter(null, null);

  private final Set<String> ids;
  private final Set<String> tags;

  private NodeFilter(Set<String> ids, Set<String> tags) {
    this.ids = ids;
    this.tags = tags;
  }

  /**
   * Every node.
   *
   * @return the filter
   */
  public static NodeFilter all() {
    return ALL;
  }

  /**
   * The nodes with these ids. An id the cluster does not have is an error when the filter is used.
   *
   * @param ids node ids, at least one
   * @return the filter
   */
  public static NodeFilter ids(String... ids) {
    Checks.notNull("ids", ids);
    if (ids.length == 0) {
      throw new IllegalArgumentException("ids must name at least one node");
    }
    for (String id : ids) {
      Checks.notBlank("id", id);
    }
    return new NodeFilter(Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(ids))), null);
  }

  /**
   * The nodes that have at least one of these tags.
   *
   * @param tags tags, at least one
   * @return the filter
   */
  public static NodeFilter tagged(String... tags) {
    Checks.notNull("tags", tags);
    if (tags.length == 0) {
      throw new IllegalArgumentException("tags must name at least one tag");
    }
    for (String tag : tags) {
      Checks.notBlank("tag", tag);
    }
    return new NodeFilter(null, Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(tags))));
  }

  boolean matches(Node node) {
    if (ids != null) {
      return ids.contains(node.id());
    }
    if (tags != null) {
      for (String tag : node.tags()) {
        if (tags.contains(tag)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  Set<String> requiredIds() {
    return ids == null ? Set.of() : ids;
  }

  @Override
  public String toString() {
    return ids != null ? "ids" + ids : tags != null ? "tagged" + tags : "all";
  }
}
