package io.github.scrapyd4j.examples;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.JobWaiter;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a crawl again and again, every so often, on a {@link ScheduledExecutorService}, and skips a
 * run while the previous one is still pending or running on Scrapyd, so that slow crawls never
 * pile up.
 *
 * <pre>
 * java -cp examples/target/scrapyd4j.jar io.github.scrapyd4j.examples.RecurringCrawl \
 *     [URL [PROJECT SPIDER [EVERY_SECONDS [RUNS]]]]
 * </pre>
 *
 * <p>Defaults: {@code http://localhost:6800}, the quickstart's {@code quickstart quotes} (deploy
 * it first with {@link Quickstart}), every 60 seconds, until stopped. RUNS stops after that many
 * ticks. A run is never retried: if the schedule request fails, that run is reported and the next
 * tick tries again, so a crawl is never started twice for one tick.
 */
public final class RecurringCrawl implements Runnable {
  /** What one tick did. */
  public enum Tick {
    /** A crawl was scheduled. */
    SCHEDULED,
    /** The previous crawl is still pending or running: nothing was scheduled. */
    SKIPPED,
    /** The node could not be asked or refused the schedule: nothing was scheduled. */
    FAILED
  }

  private final ScrapydClient client;
  private final JobWaiter waiter;
  private final String project;
  private final String spider;
  private final PrintStream out;
  /** The last crawl scheduled; only touched by the executor's single thread. */
  private JobRef previous;

  /**
   * A recurring crawl of one spider.
   *
   * @param client the node to run on
   * @param project the project
   * @param spider the spider
   * @param out where each tick is reported
   */
  public RecurringCrawl(ScrapydClient client, String project, String spider, PrintStream out) {
    this.client = client;
    this.waiter = JobWaiter.of(client);
    this.project = project;
    this.spider = spider;
    this.out = out;
  }

  /** One tick, as the executor runs it. */
  @Override
  public void run() {
    tick();
  }

  /**
   * Schedules the crawl, unless the previous one is still going.
   *
   * @return what the tick did
   */
  public Tick tick() {
    try {
      if (previous != null) {
        // One status.json request: pending, running, finished, or unknown to the node.
        Optional<JobState> state = waiter.state(previous);
        if (state.isPresent() && state.get() != JobState.FINISHED) {
          out.printf("skipped: %s is still %s%n", previous.jobId(),
              state.get().name().toLowerCase());
          return Tick.SKIPPED;
        }
      }
      ScheduleResult job = client.schedule(ScheduleRequest.builder()
          .project(project)
          .spider(spider)
          .build());
      previous = JobRef.of(job);
      out.printf("scheduled %s/%s as %s%n", project, spider, job.jobId());
      return Tick.SCHEDULED;
    } catch (ScrapydException e) {
      // Thrown out of run(), an exception would cancel all later runs of the executor: report it
      // and let the next tick try again.
      out.printf("failed: %s%n", e.getMessage());
      return Tick.FAILED;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the example.
   *
   * @param args the optional URL, project and spider, seconds between runs and number of ticks
   * @param out where each tick is reported
   * @param err where a usage error is printed
   * @return the process exit code: 0, or 2 for bad arguments
   * @throws InterruptedException if interrupted while waiting
   */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    String url = args.length > 0 ? args[0] : "http://localhost:6800";
    String project = args.length > 2 ? args[1] : "quickstart";
    String spider = args.length > 2 ? args[2] : "quotes";
    long everyMillis;
    long runs;
    ScrapydClient client;
    try {
      everyMillis = args.length > 3 ? (long) (Double.parseDouble(args[3]) * 1000) : 60_000;
      runs = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
      if (everyMillis <= 0 || runs <= 0) {
        throw new IllegalArgumentException("EVERY_SECONDS and RUNS must be positive");
      }
      client = Examples.client(url);
    } catch (IllegalArgumentException e) {
      err.println("Usage: RecurringCrawl [URL [PROJECT SPIDER [EVERY_SECONDS [RUNS]]]]: "
          + e.getMessage());
      return 2;
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try (client) {
      RecurringCrawl crawl = new RecurringCrawl(client, project, spider, out);
      CountDownLatch done = new CountDownLatch(runs > Integer.MAX_VALUE ? Integer.MAX_VALUE
          : (int) runs);
      // Fixed rate: ticks start every EVERY_SECONDS and never overlap one another (a late tick
      // delays the next); whether the *crawl* overlaps is what tick() checks.
      executor.scheduleAtFixedRate(() -> {
        crawl.run();
        done.countDown();
      }, 0, everyMillis, TimeUnit.MILLISECONDS);
      done.await();
    } finally {
      executor.shutdownNow();
      executor.awaitTermination(10, TimeUnit.SECONDS);
    }
    return 0;
  }
}
