package io.github.scrapyd4j.examples;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.jobs.JobEvent;
import io.github.scrapyd4j.jobs.JobListener;
import io.github.scrapyd4j.jobs.JobLogs;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobWatcher;
import io.github.scrapyd4j.model.FinishedJob;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints what the jobs of one or more Scrapyd nodes do, as it happens: every job that appears,
 * starts, finishes (with its verdict from the log) or disappears, on any node.
 *
 * <pre>
 * java -cp examples/target/scrapyd4j.jar io.github.scrapyd4j.examples.JobMonitor \
 *     [URL[,URL...] [SECONDS [PROJECT]]]
 * </pre>
 *
 * <p>The URLs default to {@code http://localhost:6800}; without SECONDS it runs until stopped
 * (Ctrl-C). A node that stops answering is reported once, and polled again, less and less often,
 * until it answers. Without PROJECT it lists every project's jobs at once, which needs Scrapyd 1.3
 * or later; with one it watches that project's jobs, on any version. Credentials, if the nodes
 * need them, come
 * from {@code SCRAPYD_USERNAME} and {@code SCRAPYD_PASSWORD}. Exit code: 0, or 2 for bad
 * arguments.
 */
public final class JobMonitor {
  private JobMonitor() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the monitor.
   *
   * @param args the nodes' URLs, comma-separated, how many seconds to run (default: until the
   *     thread is interrupted or the process stopped; 0 for the same), and a project to watch
   * @param out where events are printed
   * @param err where node errors and failures are printed
   * @return the process exit code
   * @throws InterruptedException if interrupted while monitoring
   */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    String urls = args.length > 0 ? args[0] : "http://localhost:6800";
    Duration runFor;
    ClusterClient cluster;
    try {
      long seconds = args.length > 1 ? Long.parseLong(args[1]) : 0;
      runFor = seconds > 0 ? Duration.ofSeconds(seconds) : null;
      cluster = Examples.cluster(Arrays.asList(urls.split(",")));
    } catch (IllegalArgumentException e) {
      err.println("Usage: JobMonitor [URL[,URL...] [SECONDS [PROJECT]]]: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(stopped::countDown);
    Runtime.getRuntime().addShutdownHook(hook);
    // The watcher polls every node's listjobs.json; the listener hears the differences. Listener
    // calls never overlap, so it can print without locking.
    JobWatcher.Builder builder = JobWatcher.builder()
        .nodes(cluster.clients())
        .pollInterval(Duration.ofSeconds(1))
        .reportExisting(true)
        .listener(new Printer(cluster, out, err));
    if (args.length > 2) {
      builder.project(args[2]);
    }
    try (cluster; JobWatcher watcher = builder.build()) {
      watcher.start();
      out.printf("Watching %s%n", String.join(", ", watcher.nodeIds()));
      if (runFor == null) {
        stopped.await();
      } else {
        stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the process is stopping: the hook is running
      }
    }
    return 0;
  }

  /** Prints one line per event. */
  private static final class Printer implements JobListener {
    private final ClusterClient cluster;
    private final PrintStream out;
    private final PrintStream err;
    /** Nodes reported as not answering; listener calls never overlap, so no lock. */
    private final Set<String> silent = new HashSet<>();

    Printer(ClusterClient cluster, PrintStream out, PrintStream err) {
      this.cluster = cluster;
      this.out = out;
      this.err = err;
    }

    @Override
    public void onEvent(JobEvent event) {
      String line = String.format("%s %-16s %-11s %s/%s %s", LocalTime.now().truncatedTo(
              ChronoUnit.SECONDS), event.nodeId(), event.type(), event.job().project(),
          event.job().spider(), event.job().id());
      if (event.type() == JobEvent.Type.FINISHED && event.job() instanceof FinishedJob) {
        // Scrapyd says "finished" for crawls that failed or crashed too: the log tells which.
        try {
          JobOutcome outcome = JobLogs.of(cluster.client(event.nodeId())).outcome(event.ref());
          line += String.format(" %s after %.1fs, %d item(s)", outcome.verdict(),
              ((FinishedJob) event.job()).runtime().toMillis() / 1000.0,
              outcome.stats().map(s -> s.itemsScraped()).orElse(0L));
        } catch (ScrapydException e) {
          line += " (no verdict: " + e.getMessage() + ")";
        }
      }
      out.println(line);
    }

    @Override
    public void onNodeError(String nodeId, ScrapydException error) {
      if (!silent.add(nodeId)) {
        return; // said already
      }
      err.printf("%s %-16s not answering: %s%n",
          LocalTime.now().truncatedTo(ChronoUnit.SECONDS), nodeId, error.getMessage());
    }

    @Override
    public void onNodeRecovered(String nodeId) {
      silent.remove(nodeId);
      out.printf("%s %-16s answering again%n",
          LocalTime.now().truncatedTo(ChronoUnit.SECONDS), nodeId);
    }
  }
}
