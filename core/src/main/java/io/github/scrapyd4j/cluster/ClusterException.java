package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Some nodes of a cluster call failed; {@link #failures()} tells which and why. */
public class ClusterException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** Node id to failure. */
  private final transient Map<String, ScrapydException> failures;

  /**
   * Creates an exception.
   *
   * @param failures node id to failure, at least one
   * @param nodes how many nodes took part
   */
  public ClusterException(Map<String, ScrapydException> failures, int nodes) {
    super(describe(failures, nodes), null, null, null, failures.values().iterator().next());
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    failures.values().stream().skip(1).forEach(this::addSuppressed);
  }

  /**
   * The nodes that failed.
   *
   * @return node id to failure
   */
  public Map<String, ScrapydException> failures() {
    return failures;
  }

  private static String describe(Map<String, ScrapydException> failures, int nodes) {
    StringBuilder message = new StringBuilder()
        .append(failures.size()).append(" of ").append(nodes).append(" nodes failed: ");
    boolean first = true;
    for (Map.Entry<String, ScrapydException> failure : failures.entrySet()) {
      if (!first) {
        message.append("; ");
      }
      first = false;
      message.append(failure.getKey()).append(": ").append(failure.getValue().getMessage());
    }
    return message.toString();
  }
}
