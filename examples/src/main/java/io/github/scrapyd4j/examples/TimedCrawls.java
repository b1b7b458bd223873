package io.github.scrapyd4j.examples;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.alerts.AlertFanOut;
import io.github.scrapyd4j.alerts.LoggingAlertSink;
import io.github.scrapyd4j.alerts.WebhookAlertSink;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.monitor.JobMonitor;
import io.github.scrapyd4j.monitor.MonitorRule;
import io.github.scrapyd4j.tasks.CrawlTask;
import io.github.scrapyd4j.tasks.JdbcRunStore;
import io.github.scrapyd4j.tasks.RunListener;
import io.github.scrapyd4j.tasks.RunStoreException;
import io.github.scrapyd4j.tasks.TaskMonitoring;
import io.github.scrapyd4j.tasks.TaskRun;
import io.github.scrapyd4j.tasks.TaskScheduler;
import io.github.scrapyd4j.tasks.Trigger;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A crawl on a cron schedule with its history in PostgreSQL: the Java side of {@code scrapyd4j
 * tasks run}. A {@link TaskScheduler} fires the task, a {@link JdbcRunStore} records every run
 * (several copies of this program on one database never run a fire twice), a {@link JobMonitor}
 * applies the task's rules to each run (cancel after 10 ERROR lines, alert when nothing moved for
 * 10 minutes), alerts go to the log and, when {@code SCRAPYD4J_WEBHOOK} is set, to that webhook
 * (Slack-compatible). Ctrl-C stops firing and leaves the running crawl alone.
 *
 * <pre>
 * export SCRAPYD4J_DB_USER=crawler SCRAPYD4J_DB_PASSWORD=...
 * java -cp examples/target/scrapyd4j.jar io.github.scrapyd4j.examples.TimedCrawls \
 *     [URL [JDBC-URL [PROJECT SPIDER [CRON]]]]
 * </pre>
 *
 * <p>Defaults: {@code http://localhost:6800}, {@code jdbc:postgresql://localhost:5432/scrapyd4j},
 * the quickstart's {@code quickstart quotes} (deploy it first with {@link Quickstart}), every 5
 * minutes ({@code "0/5 * * * *"}) in the system's time zone. It replaces the fixed-rate, in-memory
 * {@link RecurringCrawl} wherever a history and several instances matter.
 */
public final class TimedCrawls {
  private TimedCrawls() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.getenv(), System.out, System.err, null));
  }

  /**
   * The crawl task of the example, with its rules.
   *
   * @param project the project
   * @param spider the spider
   * @param cron the cron expression
   * @return the task
   */
  public static CrawlTask task(String project, String spider, String cron) {
    return CrawlTask.builder()
        .id(project + "-" + spider)
        .project(project)
        .spider(spider)
        .trigger(Trigger.cron(cron, ZoneId.systemDefault()))
        .timeLimit(Duration.ofHours(1))
        .addRules(MonitorRule.logLevelAtLeast("ERROR", 10).thenCancel(Signal.TERM),
            MonitorRule.noProgressFor(Duration.ofMinutes(10)))
        .build();
  }

  /**
   * Runs the example until stopped, or for {@code runFor}.
   *
   * @param args the optional URL, JDBC URL, project and spider, cron expression
   * @param env the environment (database user and password, webhook, Scrapyd credentials)
   * @param out where runs are reported
   * @param err where problems are reported
   * @param runFor how long to run, or null for until stopped (Ctrl-C)
   * @return the exit code: 0, 2 for bad arguments, 1 when the database cannot be opened
   * @throws InterruptedException if interrupted while waiting
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out,
      PrintStream err, Duration runFor) throws InterruptedException {
    String url = args.length > 0 ? args[0] : "http://localhost:6800";
    String jdbc = args.length > 1 ? args[1] : "jdbc:postgresql://localhost:5432/scrapyd4j";
    String project = args.length > 3 ? args[2] : "quickstart";
    String spider = args.length > 3 ? args[3] : "quotes";
    String cron = args.length > 4 ? args[4] : "0/5 * * * *";
    CrawlTask task;
    ScrapydClient client;
    try {
      task = task(project, spider, cron);
      client = Examples.client(url);
    } catch (IllegalArgumentException e) {
      err.println("Usage: TimedCrawls [URL [JDBC-URL [PROJECT SPIDER [CRON]]]]: "
          + e.getMessage());
      return 2;
    }
    JdbcRunStore store;
    try {
      JdbcRunStore.Builder b = JdbcRunStore.builder().url(jdbc);
      Optional.ofNullable(env.get("SCRAPYD4J_DB_USER")).ifPresent(b::user);
      Optional.ofNullable(env.get("SCRAPYD4J_DB_PASSWORD")).ifPresent(b::password);
      store = b.build();
    } catch (RunStoreException e) {
      // Its message names the database without the password.
      err.println("Cannot open the history: " + e.getMessage());
      client.close();
      return 1;
    }
    AlertFanOut.Builder sinks = AlertFanOut.builder().sink(LoggingAlertSink.create())
        .sink(alert -> out.println("alert " + alert.kind() + ": " + alert.title()));
    WebhookAlertSink webhook = null;
    if (env.get("SCRAPYD4J_WEBHOOK") != null) {
      webhook = WebhookAlertSink.builder(env.get("SCRAPYD4J_WEBHOOK"))
          .format(WebhookAlertSink.Format.SLACK).build();
      sinks.sink(webhook);
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "timed-crawls-stop");
    try (client; store; AlertFanOut alerts = sinks.build();
        JobMonitor monitor = JobMonitor.builder(client).alerts(alerts).build();
        TaskScheduler scheduler = TaskScheduler.builder()
            .client(client)
            .store(store)
            .alertSink(alerts)
            .listener(TaskMonitoring.of(monitor))
            .listener(new RunListener() {
              @Override
              public void finished(CrawlTask t, TaskRun run) {
                out.printf("%s %s %s items=%s%n", t.id(), run.status(),
                    run.verdict().map(Enum::name).orElse("-"),
                    run.itemsCount().isPresent() ? run.itemsCount().getAsLong() : "-");
              }
            })
            .task(task)
            .build()) {
      Runtime.getRuntime().addShutdownHook(hook);
      scheduler.start();
      out.println(task.id() + ": next run " + scheduler.nextFireTime(task.id()).orElse(null)
          + ", history in " + store);
      for (TaskRun run : store.history(Optional.of(task.id()), 5)) {
        out.println("  earlier: " + run.fireTime().orElse(null) + " " + run.status() + " "
            + run.verdict().map(Enum::name).orElse("-"));
      }
      if (runFor == null) {
        stop.await();
      } else {
        stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      if (webhook != null) {
        webhook.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // shutting down already, or never added
      }
    }
    return 0;
  }
}
