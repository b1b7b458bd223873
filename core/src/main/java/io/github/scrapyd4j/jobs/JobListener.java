package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydException;

/**
 * Told by a {@link JobWatcher} what its nodes' jobs do. Calls for one watcher never overlap, and
 * come in the order the changes were seen on each node. A listener that throws is logged and does
 * not stop the watcher.
 */
@FunctionalInterface
public interface JobListener {
  /**
   * A job appeared, started, finished or disappeared.
   *
   * @param event the change
   */
  void onEvent(JobEvent event);

  /**
   * A node could not be polled. The watcher keeps polling it (backing off) and the other nodes.
   * The default does nothing.
   *
   * @param nodeId the node's id
   * @param error what went wrong
   */
  default void onNodeError(String nodeId, ScrapydException error) {}

  /**
   * A node answered again after one or more failed polls. The default does nothing.
   *
   * @param nodeId the node's id
   */
  default void onNodeRecovered(String nodeId) {}
}
