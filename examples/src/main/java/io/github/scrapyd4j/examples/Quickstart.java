package io.github.scrapyd4j.examples;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.egg.DeployException;
import io.github.scrapyd4j.egg.DeployReport;
import io.github.scrapyd4j.egg.Deployer;
import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.egg.EggBuildException;
import io.github.scrapyd4j.egg.EggBuilder;
import io.github.scrapyd4j.egg.VersionResolver;
import io.github.scrapyd4j.jobs.ItemsNotFoundException;
import io.github.scrapyd4j.jobs.JobItems;
import io.github.scrapyd4j.jobs.JobLogs;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.JobWaitTimeoutException;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * From nothing to a finished crawl: builds the egg of the small Scrapy project in {@code
 * examples/quickstart-project}, deploys it, schedules its spider with an argument, waits for the
 * job, and prints the outcome, the end of the log and the items.
 *
 * <pre>
 * java -cp examples/target/scrapyd4j.jar io.github.scrapyd4j.examples.Quickstart [URL [PROJECT_DIR]]
 * </pre>
 *
 * <p>The URL defaults to {@code http://localhost:6800}; the project folder to {@code
 * examples/quickstart-project} (or {@code quickstart-project} when run from {@code examples/}).
 * Credentials, if the node needs them, come from {@code SCRAPYD_USERNAME} and {@code
 * SCRAPYD_PASSWORD}. Exit code: 0 when the crawl succeeded, 1 when Scrapyd reported an error or
 * the crawl failed, 2 for bad arguments, 3 when no Scrapyd answers.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the quickstart.
   *
   * @param args the optional URL of the Scrapyd and the optional project folder
   * @param out where progress and results are printed
   * @param err where a failure is printed, in one line
   * @return the process exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String url = args.length > 0 ? args[0] : "http://localhost:6800";
    Optional<Path> projectDir = Examples.projectDir(args.length > 1 ? args[1] : null);
    if (projectDir.isEmpty()) {
      err.println(Examples.noProject(args.length > 1 ? args[1] : null));
      return 2;
    }

    ScrapydClient client;
    try {
      client = Examples.client(url);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    try (client) {
      // 1. Is anybody there? A short connect timeout makes a missing server quick to report.
      out.printf("Scrapyd %s at %s%n", client.daemonStatus().nodeName(), client.baseUri());

      // 2. Package the project into an egg, in pure Java: no Python, no setup.py.
      Egg egg = EggBuilder.builder().projectDir(projectDir.get()).build().build();
      out.printf("Built the egg of %s: %d files, %d bytes%n",
          projectDir.get(), egg.entries().size(), egg.size());

      // 3. Upload it. The version is the current time, which Scrapyd always orders right.
      String version = VersionResolver.resolveDefault(null);
      DeployReport deployed = Deployer.builder().build()
          .deploy(client, "quickstart", version, egg);
      out.printf("Deployed project quickstart version %s (%d spider(s))%n",
          version, deployed.node().spiders().orElse(0));

      // 4. Start a crawl with an argument: the spider takes `count`.
      ScheduleResult scheduled = client.schedule(ScheduleRequest.builder()
          .project("quickstart")
          .spider("quotes")
          .putArg("count", "3")
          .build());
      out.printf("Scheduled spider quotes as job %s%n", scheduled.jobId());

      // 5. Wait for it to finish and read its log's verdict: succeeded, failed or crashed.
      JobRef job = JobRef.of(scheduled);
      JobLogs logs = JobLogs.of(client);
      JobOutcome outcome = logs.awaitOutcome(job, Duration.ofMinutes(2));
      out.printf("Outcome: %s%s, %d item(s) scraped%n", outcome.verdict(),
          outcome.finishReason().map(r -> " (" + r + ")").orElse(""),
          outcome.stats().map(s -> s.itemsScraped()).orElse(0L));
      outcome.reasons().forEach(reason -> out.println("  " + reason));

      // 6. The end of the log, as Scrapy wrote it.
      out.println("Last lines of the log:");
      logs.tailLines(job, 3).forEach(line -> out.println("  " + line));

      // 7. The items, streamed one JSON object at a time (Scrapyd keeps them only when its
      //    items_dir is set).
      try (Stream<?> items = JobItems.of(client).stream(job)) {
        out.println("Items:");
        items.forEach(item -> out.println("  " + item));
      } catch (ItemsNotFoundException e) {
        out.println("Items: this Scrapyd keeps no items files (set items_dir in its configuration"
            + " to keep them)");
      }
      return outcome.succeeded() ? 0 : 1;
    } catch (JobWaitTimeoutException e) {
      err.println("The job did not finish in time: " + e.getMessage());
      return 1;
    } catch (DeployException | EggBuildException e) {
      err.println("Deploy failed: " + e.getMessage());
      return 1;
    } catch (ScrapydException e) {
      return Examples.report(url, e, err);
    }
  }
}
