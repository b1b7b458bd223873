package io.github.scrapyd4j.examples;

import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterCapacity;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.NodeSelectors;
import io.github.scrapyd4j.cluster.Placement;
import io.github.scrapyd4j.egg.DeployException;
import io.github.scrapyd4j.egg.DeployReport;
import io.github.scrapyd4j.egg.NodeDeploy;
import io.github.scrapyd4j.egg.ProjectDeploy;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.ScheduleRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys the example Scrapy project to several Scrapyd nodes at once, all or nothing, then
 * schedules its spider on the least loaded node.
 *
 * <pre>
 * java -cp examples/target/scrapyd4j.jar io.github.scrapyd4j.examples.ClusterDeploy \
 *     http://scrapyd-1:6800,http://scrapyd-2:6800 [PROJECT_DIR]
 * </pre>
 *
 * <p>The project folder goes in, a report comes out: the egg is built once and the same bytes go
 * to every node, with one version, through the cluster's fan-out (its request limit, health and
 * deadlines). If any node fails, the version is deleted again from the nodes that took it, so
 * that the cluster never runs two versions of the project side by side. Credentials, if the nodes need them, come from {@code
 * SCRAPYD_USERNAME} and {@code SCRAPYD_PASSWORD}. Exit code: 0 when deployed and scheduled, 1 when
 * the deploy or the schedule failed, 2 for bad arguments.
 */
public final class ClusterDeploy {
  private ClusterDeploy() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the example.
   *
   * @param args the nodes' URLs, comma-separated, and the optional project folder
   * @param out where progress and results are printed
   * @param err where a failure is printed
   * @return the process exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1) {
      err.println("Usage: ClusterDeploy URL[,URL...] [PROJECT_DIR]");
      return 2;
    }
    List<String> urls = Arrays.asList(args[0].split(","));
    Optional<Path> projectDir = Examples.projectDir(args.length > 1 ? args[1] : null);
    if (projectDir.isEmpty()) {
      err.println(Examples.noProject(args.length > 1 ? args[1] : null));
      return 2;
    }
    ClusterClient cluster;
    try {
      cluster = Examples.cluster(urls);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    try (cluster) {
      // 1. + 2. The project folder in: one egg, one version (epoch seconds), uploaded to all
      //    nodes in parallel. ALL_OR_NOTHING is the default for a cluster: a failure on one node
      //    removes the new version from the others, and throws.
      DeployReport deployed = ProjectDeploy.builder()
          .findProject(projectDir.get())
          .project("quickstart")
          .build()
          .to(cluster);
      for (Map.Entry<String, NodeDeploy> node : deployed.details().entrySet()) {
        out.printf("%-24s %s version %s%n", node.getKey(), node.getValue().status(),
            deployed.version());
      }

      // 3. How busy is each node? The least-loaded selector reads the same daemonstatus.
      ClusterCapacity capacity = cluster.capacity();
      for (Map.Entry<String, DaemonStatus> node : capacity.statuses().entrySet()) {
        out.printf("%-24s %d running, %d pending%n",
            node.getKey(), node.getValue().running(), node.getValue().pending());
      }

      // 4. Schedule on the node with the fewest running and pending jobs. If that node cannot
      //    be reached at all, the next one is tried; after a timeout it is not (the job may
      //    have started), and the call fails instead of starting the crawl twice.
      Placement placement = cluster.place(ScheduleRequest.builder()
          .project("quickstart")
          .spider("quotes")
          .putArg("count", "2")
          .build(), NodeSelectors.leastLoaded());
      out.printf("Scheduled job %s on %s%n", placement.jobId(), placement.nodeId());
      placement.skipped().forEach((node, why) ->
          out.printf("  skipped %s: %s%n", node, why.getMessage()));
      return 0;
    } catch (DeployException e) {
      // Every node's outcome, and what was rolled back, is in the exception.
      err.println("Deploy failed: " + e.getMessage());
      e.result().details().forEach((id, node) ->
          err.printf("  %-24s %s, cleanup %s%s%n", id, node.status(), node.cleanup(),
              node.error().map(why -> ": " + why).orElse("")));
      return 1;
    } catch (ScrapydException e) {
      err.println("Failed: " + e.getMessage());
      return 1;
    }
  }
}
