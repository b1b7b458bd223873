package io.github.scrapyd4j.testing;

import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Several {@link FakeScrapyd} nodes whose jobs run and finish on their own: every tick, a pending
 * job starts running, and a job that has run for {@code runFor} finishes with a successful
 * crawl's log (stats with {@code finish_reason: 'finished'}, then {@code Spider closed
 * (finished)}). For tests and benchmarks of schedulers over many nodes. Node ids are {@code
 * node-0}, {@code node-1}...
 */
public final class FinishingNodes implements AutoCloseable {
  /** Finished jobs a node keeps, as Scrapyd's default {@code finished_to_keep}. */
  public static final int FINISHED_TO_KEEP = 100;
  private final List<FakeScrapyd> nodes = new ArrayList<>();
  private final Map<String, Long> runningSince = new ConcurrentHashMap<>();
  private final ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fake-scrapyd-driver");
    t.setDaemon(true);
    return t;
  });
  private final long runForNanos;
  private final String project;
  private final String spider;

  /**
   * Starts the nodes.
   *
   * @param count how many nodes
   * @param project the project each node has
   * @param spider the spider of that project
   * @param runFor how long a job runs before it finishes
   * @param tick how often jobs are moved on
   */
  public FinishingNodes(int count, String project, String spider, Duration runFor,
      Duration tick) {
    this.runForNanos = runFor.toNanos();
    this.project = project;
    this.spider = spider;
    for (int k = 0; k < count; k++) {
      nodes.add(new FakeScrapyd().project(project, spider));
    }
    driver.scheduleWithFixedDelay(this::advance, tick.toMillis(), tick.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * The nodes, as cluster members {@code node-0}...
   *
   * @return the nodes
   */
  public List<Node> members() {
    List<Node> out = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      out.add(Node.of("node-" + k, nodes.get(k).url()));
    }
    return out;
  }

  /**
   * A cluster client over the nodes.
   *
   * @return a new cluster client, to be closed
   */
  public ClusterClient cluster() {
    return ClusterClient.builder().nodes(members()).build();
  }

  /**
   * One node.
   *
   * @param index from 0
   * @return the node
   */
  public FakeScrapyd node(int index) {
    return nodes.get(index);
  }

  /**
   * The {@code schedule.json} calls all nodes received.
   *
   * @return the count
   */
  public long schedules() {
    long n = 0;
    for (FakeScrapyd node : nodes) {
      n += node.hits("/schedule.json");
    }
    return n;
  }

  /**
   * The ids of the jobs the nodes know (pending, running, and finished ones not yet forgotten).
   *
   * @return the job ids
   */
  public List<String> jobIds() {
    List<String> out = new ArrayList<>();
    for (FakeScrapyd node : nodes) {
      for (String state : List.of("pending", "running", "finished")) {
        out.addAll(node.jobs(state));
      }
    }
    return out;
  }

  private void advance() {
    try {
      long now = System.nanoTime();
      for (FakeScrapyd node : nodes) {
        for (String id : node.jobs("running")) {
          Long since = runningSince.get(id);
          if (since != null && now - since >= runForNanos) {
            node.put("/logs/" + project + "/" + spider + "/" + id + ".log", successLog());
            node.state(id, "finished");
            runningSince.remove(id);
          }
        }
        // Scrapyd keeps the last 100 finished jobs (finished_to_keep).
        List<String> finished = node.jobs("finished");
        for (int k = 0; k < finished.size() - FINISHED_TO_KEEP; k++) {
          node.state(finished.get(k), null);
          node.remove("/logs/" + project + "/" + spider + "/" + finished.get(k) + ".log");
        }
        for (String id : node.jobs("pending")) {
          node.state(id, "running");
          runningSince.put(id, now);
        }
      }
    } catch (RuntimeException e) {
      // keep driving: a node closed under us ends with close()
    }
  }

  /** The log of a crawl that went well. */
  public static String successLog() {
    return "2026-12-06 10:00:00 [scrapy.core.engine] INFO: Spider opened\n"
        + "2026-12-06 10:00:01 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n"
        + "{'finish_reason': 'finished',\n 'item_scraped_count': 3,\n 'log_count/INFO': 4}\n"
        + "2026-12-06 10:00:01 [scrapy.core.engine] INFO: Spider closed (finished)\n";
  }

  @Override
  public void close() {
    driver.shutdownNow();
    for (FakeScrapyd node : nodes) {
      node.close();
    }
  }
}
