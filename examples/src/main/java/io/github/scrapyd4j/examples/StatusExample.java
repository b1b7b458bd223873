package io.github.scrapyd4j.examples;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.ProjectList;
import io.github.scrapyd4j.model.RunningJob;
import java.io.PrintStream;

/**
 * Prints a Scrapyd node's status, its projects and their jobs.
 *
 * <pre>
 * java -jar examples/target/scrapyd4j.jar [URL]     (default http://localhost:6800)
 * </pre>
 *
 * <p>Credentials, if the node needs them, come from SCRAPYD_USERNAME and SCRAPYD_PASSWORD.
 */
public final class StatusExample {
  private StatusExample() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the example.
   *
   * @param args the optional URL of the Scrapyd
   * @param out where the overview is printed
   * @param err where a failure is printed, in one line
   * @return the process exit code: 0, 1 when Scrapyd answered with an error, 2 for a bad URL, 3
   *     when no Scrapyd answers
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String url = args.length > 0 ? args[0] : "http://localhost:6800";
    ScrapydClient client;
    try {
      client = Examples.client(url);
    } catch (IllegalArgumentException e) {
      err.println("Bad URL: " + Redaction.uri(e.getMessage()));
      return 2;
    }
    try (client) {
      // One call per endpoint; each answer is a typed value with the node's name.
      DaemonStatus status = client.daemonStatus();
      out.printf("Scrapyd node %s at %s: %d pending, %d running, %d finished%n",
          status.nodeName(), client.baseUri(), status.pending(), status.running(),
          status.finished());

      ProjectList projects = client.listProjects();
      if (projects.projects().isEmpty()) {
        out.println("No projects deployed.");
      }
      for (String project : projects.projects()) {
        out.printf("%nProject %s (versions: %s)%n", project,
            String.join(", ", client.listVersions(project).versions()));
        JobList jobs = client.listJobs(project);
        for (PendingJob job : jobs.pending()) {
          out.printf("  pending   %-34s %s%n", job.id(), job.spider());
        }
        for (RunningJob job : jobs.running()) {
          out.printf("  running   %-34s %-16s started %s%n", job.id(), job.spider(),
              job.startTime());
        }
        for (FinishedJob job : jobs.finished()) {
          out.printf("  finished  %-34s %-16s %s, ran %ss%n", job.id(), job.spider(),
              job.endTime(), job.runtime().toSeconds());
        }
        if (jobs.all().isEmpty()) {
          out.println("  no jobs");
        }
      }
      return 0;
    } catch (ScrapydException e) {
      return Examples.report(url, e, err);
    }
  }
}
