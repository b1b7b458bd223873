package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydAsyncClient;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobStatus;
import io.github.scrapyd4j.model.NamePattern;
import io.github.scrapyd4j.model.ProjectList;
import io.github.scrapyd4j.model.SpiderList;
import io.github.scrapyd4j.model.VersionList;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Read calls run on many nodes in parallel, each answering per node. Get one from {@link
 * ClusterClient#fanOut()}; it is immutable and can be reused.
 *
 * <pre>{@code
 * ClusterResult<DaemonStatus> load = cluster.fanOut()
 *     .withDeadline(Duration.ofSeconds(2))
 *     .daemonStatus();
 * }</pre>
 */
public final class FanOut {
  private final FanOutRunner runner;
  private final NodeFilter filter;
  private final Duration nodeTimeout;
  private final Duration deadline;

  FanOut(FanOutRunner runner, NodeFilter filter, Duration nodeTimeout, Duration deadline) {
    this.runner = runner;
    this.filter = filter;
    this.nodeTimeout = nodeTimeout;
    this.deadline = deadline;
  }

  /**
   * The same fan-out with another per-node timeout.
   *
   * @param timeout how long each node may take
   * @return a new fan-out
   */
  public FanOut withNodeTimeout(Duration timeout) {
    return new FanOut(runner, filter, Checks.positive("timeout", timeout), deadline);
  }

  /**
   * The same fan-out with another overall deadline: nodes that have not answered by then count
   * as timed out, and the call returns with what it has.
   *
   * @param deadline how long the whole call may take
   * @return a new fan-out
   */
  public FanOut withDeadline(Duration deadline) {
    return new FanOut(runner, filter, nodeTimeout, Checks.positive("deadline", deadline));
  }

  /**
   * Runs any async client call on every selected node and waits for all answers (or the
   * deadline).
   *
   * @param <T> the value type
   * @param call the call, given each node's async client
   * @return the per-node results
   */
  public <T> ClusterResult<T> call(Function<ScrapydAsyncClient, CompletableFuture<T>> call) {
    return FanOutRunner.join(callAsync(call));
  }

  /**
   * Runs any async client call on every selected node without waiting.
   *
   * @param <T> the value type
   * @param call the call, given each node's async client
   * @return a future of the per-node results; it does not fail when nodes fail
   */
  public <T> CompletableFuture<ClusterResult<T>> callAsync(
      Function<ScrapydAsyncClient, CompletableFuture<T>> call) {
    Checks.notNull("call", call);
    return runner.run(filter, call, nodeTimeout, deadline);
  }

  /**
   * Runs a call that depends on the node on every selected node, and waits for all answers (or
   * the deadline). The call is given the node (its id, tags, base URI) and the node's async
   * client; it may chain several requests (list, then upload, then clean up): they count as one
   * call against the request limit, the per-node timeout and the deadline, and the outcome is
   * recorded in the node's health like any fan-out call. Down nodes are not called (their result
   * is a {@link NodeUnavailableException}).
   *
   * <pre>{@code
   * Map<String, String> projectOfNode = Map.of("eu-1", "shop", "us-1", "shop-us");
   * ClusterResult<VersionList> versions = cluster.fanOut()
   *     .withNodeTimeout(Duration.ofMinutes(4))
   *     .callPerNode((node, async) -> async.listVersions(projectOfNode.get(node.id())));
   * }</pre>
   *
   * @param <T> the value type
   * @param call the call, given each node and its async client; it must not return null
   * @return the per-node results
   */
  public <T> ClusterResult<T> callPerNode(
      BiFunction<Node, ScrapydAsyncClient, CompletableFuture<T>> call) {
    return FanOutRunner.join(callPerNodeAsync(call));
  }

  /**
   * Runs a call that depends on the node on every selected node, without waiting; see {@link
   * #callPerNode(BiFunction)}.
   *
   * @param <T> the value type
   * @param call the call, given each node and its async client; it must not return null
   * @return a future of the per-node results; it does not fail when nodes fail
   */
  public <T> CompletableFuture<ClusterResult<T>> callPerNodeAsync(
      BiFunction<Node, ScrapydAsyncClient, CompletableFuture<T>> call) {
    Checks.notNull("call", call);
    return runner.runPerNode(filter, call, nodeTimeout, deadline);
  }

  /**
   * {@code daemonstatus} on every selected node.
   *
   * @return the per-node results
   */
  public ClusterResult<DaemonStatus> daemonStatus() {
    return call(ScrapydAsyncClient::daemonStatus);
  }

  /**
   * {@code listprojects} on every selected node.
   *
   * @return the per-node results
   */
  public ClusterResult<ProjectList> listProjects() {
    return call(ScrapydAsyncClient::listProjects);
  }

  /**
   * {@code listversions} on every selected node.
   *
   * @param project the project name
   * @return the per-node results
   */
  public ClusterResult<VersionList> listVersions(String project) {
    Checks.project(project);
    return call(async -> async.listVersions(project));
  }

  /**
   * {@code listspiders} on every selected node.
   *
   * @param project the project name
   * @return the per-node results
   */
  public ClusterResult<SpiderList> listSpiders(String project) {
    Checks.project(project);
    return call(async -> async.listSpiders(project));
  }

  /**
   * {@code listspiders} for a version on every selected node.
   *
   * @param project the project name
   * @param version the version
   * @return the per-node results
   */
  public ClusterResult<SpiderList> listSpiders(String project, String version) {
    Checks.project(project);
    Checks.version(version);
    return call(async -> async.listSpiders(project, version));
  }

  /**
   * {@code listjobs} for every project on every selected node.
   *
   * @return the per-node results
   */
  public ClusterResult<JobList> listJobs() {
    return call(ScrapydAsyncClient::listJobs);
  }

  /**
   * {@code listjobs} for one project on every selected node.
   *
   * @param project the project name
   * @return the per-node results
   */
  public ClusterResult<JobList> listJobs(String project) {
    Checks.project(project);
    return call(async -> async.listJobs(project));
  }

  /**
   * {@code status} of a job on every selected node (Scrapyd 1.5 and later).
   *
   * @param jobId the job id
   * @return the per-node results
   */
  public ClusterResult<JobStatus> status(String jobId) {
    Checks.jobId(jobId);
    return call(async -> async.status(jobId));
  }

  /**
   * {@code status} of a job of one project on every selected node (Scrapyd 1.5 and later).
   *
   * @param project the project name
   * @param jobId the job id
   * @return the per-node results
   */
  public ClusterResult<JobStatus> status(String project, String jobId) {
    Checks.project(project);
    Checks.jobId(jobId);
    return call(async -> async.status(project, jobId));
  }

  /**
   * The projects that match a pattern on every selected node ({@code listprojects}, filtered as
   * scrapyd-client's {@code projects(pattern)} filters).
   *
   * <pre>{@code
   * ClusterResult<List<String>> shops = cluster.fanOut().listProjects(NamePattern.of("shop*"));
   * }</pre>
   *
   * @param projects the project pattern
   * @return each node's matching projects, in its order
   */
  public ClusterResult<List<String>> listProjects(NamePattern projects) {
    Checks.notNull("projects", projects);
    return call(async -> async.listProjects().thenApply(list -> projects.filter(list.projects())));
  }

  /**
   * The spiders that match a spider pattern in the projects that match a project pattern, on
   * every selected node: {@code listprojects} (unless the project pattern is a plain name), then
   * {@code listspiders} of each matching project in turn (unless the spider pattern is a plain
   * name, which is taken as given: Scrapyd starts a Python process for each listing). This is how
   * {@code scrapyd-client schedule -p 'shop*' 'spider*'} finds what to run; {@link
   * ClusterClient#scheduleMatches} runs it. The node's timeout covers all of its listings.
   *
   * <pre>{@code
   * SpiderMatches found = cluster.fanOut()
   *     .matchSpiders(NamePattern.of("shop*"), NamePattern.any());
   * }</pre>
   *
   * @param projects the project pattern
   * @param spiders the spider pattern
   * @return each node's matches, and the nodes that could not be asked
   */
  public SpiderMatches matchSpiders(NamePattern projects, NamePattern spiders) {
    return matchSpiders(projects, spiders, null);
  }

  /**
   * As {@link #matchSpiders(NamePattern, NamePattern)}, with the spiders of one version of each
   * matching project.
   *
   * @param projects the project pattern
   * @param spiders the spider pattern
   * @param version the version of each project to list, or null for the latest
   * @return each node's matches, and the nodes that could not be asked
   */
  public SpiderMatches matchSpiders(NamePattern projects, NamePattern spiders, String version) {
    Checks.notNull("projects", projects);
    Checks.notNull("spiders", spiders);
    if (version != null) {
      Checks.version(version);
    }
    return new SpiderMatches(call(async -> {
      CompletableFuture<List<String>> names = projects.isLiteral()
          ? CompletableFuture.completedFuture(List.of(projects.glob()))
          : async.listProjects().thenApply(list -> projects.filter(list.projects()));
      return names.thenCompose(list -> {
        CompletableFuture<Map<String, List<String>>> chain =
            CompletableFuture.completedFuture(new LinkedHashMap<>());
        for (String project : list) {
          chain = chain.thenCompose(found -> spidersOf(async, project, spiders, version)
              .thenApply(matching -> {
                found.put(project, matching);
                return found;
              }));
        }
        return chain.thenApply(Collections::unmodifiableMap);
      });
    }));
  }

  private static CompletableFuture<List<String>> spidersOf(ScrapydAsyncClient async,
      String project, NamePattern spiders, String version) {
    if (spiders.isLiteral()) {
      return CompletableFuture.completedFuture(List.of(spiders.glob()));
    }
    return (version == null ? async.listSpiders(project) : async.listSpiders(project, version))
        .thenApply(list -> spiders.filter(list.spiders()));
  }

  @Override
  public String toString() {
    return "FanOut{" + filter + ", nodeTimeout=" + nodeTimeout + ", deadline=" + deadline + "}";
  }
}
