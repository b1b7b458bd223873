package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.alerts.Alert;
import io.github.scrapyd4j.alerts.AlertFanOut;
import io.github.scrapyd4j.alerts.AlertSink;
import io.github.scrapyd4j.alerts.NodeStateAlerts;
import io.github.scrapyd4j.alerts.WebhookAlertSink;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeSelectors;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.monitor.JobMonitor;
import io.github.scrapyd4j.tasks.CrawlTask;
import io.github.scrapyd4j.tasks.HistoryHarvester;
import io.github.scrapyd4j.tasks.RunListener;
import io.github.scrapyd4j.tasks.RunStore;
import io.github.scrapyd4j.tasks.TaskMonitoring;
import io.github.scrapyd4j.tasks.TaskRun;
import io.github.scrapyd4j.tasks.TaskScheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code tasks run} does with a task file: a {@link ClusterClient} over the file's nodes, the
 * history store, the alert sinks (the file's webhooks, each with the kinds it asked for, and the
 * log), a {@link JobMonitor} that applies each task's rules to each of its runs ({@link
 * TaskMonitoring}, a {@link RunListener}), the {@link TaskScheduler} that fires the tasks, and
 * with {@code --harvest} a {@link HistoryHarvester} that records the nodes' other finished jobs.
 * Runs until stopped: Ctrl-C (a shutdown hook), or the time given with {@code --for}; then closes
 * it all in order (stop firing, stop watching, deliver the queued alerts, close the nodes and the
 * store), leaving running jobs alone unless {@code --cancel-on-exit}.
 */
final class TaskRunner {
  /** How long the shutdown hook waits for the clean stop before the JVM halts. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Scrapyd4jCommand.Env env;
  private final TaskFile file;
  private final HistoryDb db;
  private final String instance;
  private final boolean cancelOnExit;
  /** How often finished jobs are harvested into the history, or null for never. */
  private final Duration harvest;

  TaskRunner(Scrapyd4jCommand.Env env, TaskFile file, HistoryDb db, String instance,
      boolean cancelOnExit, Duration harvest) {
    this.harvest = harvest;
    this.env = env;
    this.file = file;
    this.db = db;
    this.instance = instance;
    this.cancelOnExit = cancelOnExit;
  }

  /**
   * The default instance id: the host name and the task file's name, stable across restarts, so
   * that a restarted {@code tasks run} follows again the runs it left unfinished.
   */
  static String defaultInstance(TaskFile file) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String name = file.source.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    String id = (host + ":" + name).replaceAll("[^A-Za-z0-9._:@-]", "_");
    return id.length() > 100 ? id.substring(0, 100) : id;
  }

  static ClusterClient cluster(TaskFile file) {
    ClusterClient.Builder b = ClusterClient.builder();
    switch (file.placement) {
      case "round-robin":
        b.selector(NodeSelectors.roundRobin());
        break;
      case "random":
        b.selector(NodeSelectors.random());
        break;
      default:
        b.selector(NodeSelectors.leastLoaded());
    }
    for (TaskFile.NodeDef n : file.nodes) {
      Node.Builder node = Node.builder().id(n.id).baseUri(n.url).addAllTags(n.tags);
      n.credentials.ifPresent(node::credentials);
      n.capacity.ifPresent(node::capacity);
      b.node(node.build());
    }
    return b.build();
  }

  /** The file's webhooks, each filtered to the kinds it asked for. */
  static List<AlertSink> webhooks(TaskFile file, List<AutoCloseable> toClose) {
    List<AlertSink> sinks = new ArrayList<>();
    for (TaskFile.WebhookDef w : file.webhooks) {
      WebhookAlertSink hook = WebhookAlertSink.builder(w.url)
          .format(w.format.equals("slack") ? WebhookAlertSink.Format.SLACK
              : WebhookAlertSink.Format.JSON)
          .build();
      toClose.add(hook);
      sinks.add(new AlertSink() {
        @Override
        public void send(Alert alert) {
          if (w.on.contains(alert.kind())) {
            hook.send(alert);
          }
        }

        @Override
        public String toString() {
          return "webhook " + w;
        }
      });
    }
    return sinks;
  }

  /** Runs until stopped, or for {@code limit}; returns the exit code. */
  int run(Duration limit) throws InterruptedException {
    String id = instance != null ? instance : defaultInstance(file);
    List<CrawlTask> tasks = new ArrayList<>();
    for (TaskFile.TaskDef t : file.tasks) {
      tasks.add(t.crawlTask());
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "scrapyd4j-tasks-stop");
    RunStore store = Stores.open(env, db, false);
    List<AutoCloseable> toClose = new ArrayList<>();
    ClusterClient cluster = null;
    AlertFanOut alerts = null;
    JobMonitor monitor = null;
    TaskScheduler scheduler = null;
    HistoryHarvester harvester = null;
    try {
      cluster = cluster(file);
      // Alerts are printed (one line each), not logged as well.
      AlertFanOut.Builder fan = AlertFanOut.builder().sink(this::print);
      webhooks(file, toClose).forEach(fan::sink);
      alerts = fan.build();
      cluster.addListener(NodeStateAlerts.to(alerts));
      monitor = JobMonitor.builder(cluster).alerts(alerts).build();
      scheduler = TaskScheduler.builder()
          .cluster(cluster)
          .store(store)
          .alertSink(alerts)
          .instanceId(id)
          .listener(TaskMonitoring.of(monitor))
          .listener(new Printer())
          .tasks(tasks)
          .cancelRunningOnClose(cancelOnExit)
          .build();
      Runtime.getRuntime().addShutdownHook(hook);
      scheduler.start();
      if (harvest != null) {
        harvester = HistoryHarvester.builder(cluster, store).interval(harvest).build();
        harvester.start();
      }
      env.out.println("scrapyd4j: " + tasks.size() + " task" + (tasks.size() == 1 ? "" : "s")
          + " on " + file.nodes.size() + " node" + (file.nodes.size() == 1 ? "" : "s")
          + " as " + id + ", history in " + HistoryDb.shown(db.url(env)) + "; "
          + (limit == null ? "Ctrl-C to stop" : "stopping in " + Durations.format(limit)));
      for (CrawlTask t : tasks) {
        env.out.println("  " + t.id() + ": next " + scheduler.nextFireTime(t.id())
            .map(TaskRunner::time).orElse("never"));
      }
      if (limit == null) {
        stop.await();
      } else {
        stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
      }
      env.out.println("scrapyd4j: stopping; " + (cancelOnExit
          ? "cancelling the jobs still running" : "running jobs are left to finish"));
      return Scrapyd4jCommand.OK;
    } finally {
      closeAll(harvester, scheduler, monitor, alerts, toClose, cluster, store);
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // Shutting down already (the hook is running), or the hook was never added.
      }
    }
  }

  /** Stop firing, stop watching, deliver queued alerts, then close nodes and store. */
  private void closeAll(HistoryHarvester harvester, TaskScheduler scheduler, JobMonitor monitor,
      AlertFanOut alerts, List<AutoCloseable> webhooks, ClusterClient cluster, RunStore store) {
    List<AutoCloseable> order = new ArrayList<>();
    order.add(harvester);
    order.add(scheduler);
    order.add(monitor);
    order.add(alerts);
    order.addAll(webhooks);
    order.add(cluster);
    order.add(store);
    for (AutoCloseable c : order) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        env.err.println("scrapyd4j: closing " + c.getClass().getSimpleName() + ": "
            + Errors.oneLine(e));
      }
    }
  }

  private void print(Alert alert) {
    env.out.println(time(alert.time()) + " alert " + alert.kind().name().toLowerCase(Locale.ROOT)
        .replace('_', '-') + ": " + alert.title());
  }

  static String time(Instant i) {
    return i.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** One line per scheduled and finished run. */
  private final class Printer implements RunListener {
    @Override
    public void scheduled(CrawlTask task, TaskRun run, JobRef job) {
      env.out.println(time(Instant.now()) + " " + task.id() + ": fire "
          + run.fireTime().map(TaskRunner::time).orElse("-")
          + (run.attempt() > 0 ? " (re-run " + run.attempt() + ")" : "")
          + " scheduled as " + job.jobId() + " on " + job.node().orElse("?"));
    }

    @Override
    public void finished(CrawlTask task, TaskRun run) {
      StringBuilder line = new StringBuilder(time(Instant.now())).append(' ').append(task.id())
          .append(": fire ").append(run.fireTime().map(TaskRunner::time).orElse("-"))
          .append(' ').append(run.status().name());
      run.verdict().ifPresent(v -> line.append(' ').append(v.name()));
      run.jobId().ifPresent(j -> line.append(" job ").append(j));
      if (run.itemsCount().isPresent()) {
        line.append(" items ").append(run.itemsCount().getAsLong());
      }
      run.duration().ifPresent(d -> line.append(" in ").append(TasksOutput.duration(d)));
      if (!run.reasons().isEmpty()) {
        line.append(" (").append(String.join("; ", run.reasons())).append(')');
      }
      run.error().ifPresent(e -> line.append(" error: ").append(e));
      env.out.println(line);
    }
  }
}
