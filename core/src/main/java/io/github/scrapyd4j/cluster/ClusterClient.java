package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.internal.Transport;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.NamePattern;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.Signal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client for many Scrapyd nodes: reads fan out to all (or some) nodes in parallel and answer
 * per node; {@code schedule} places each job on one node chosen by a {@link NodeSelector} and
 * fails over only when the request cannot have reached a node; each node's health is tracked and
 * down nodes are skipped until they answer again.
 *
 * <pre>{@code
 * try (ClusterClient cluster = ClusterClient.builder()
 *     .node(Node.builder().id("eu-1").baseUri("http://eu-1:6800").addTag("eu").capacity(8).build())
 *     .node(Node.builder().id("eu-2").baseUri("http://eu-2:6800").addTag("eu").capacity(8).build())
 *     .node(Node.of("us-1", "http://us-1:6800"))
 *     .credentials(Credentials.of("scrapyd", password))     // default for every node
 *     .build()) {
 *   JobRef job = cluster.schedule(ScheduleRequest.of("shop", "products")); // least loaded
 *   System.out.println(job.jobId() + " on " + job.node().get());
 *   JobOutcome outcome = cluster.jobs().await(job, Duration.ofHours(1));  // asks job.node()
 *
 *   ClusterJobs jobs = cluster.allJobs();                     // every node, in parallel
 *   jobs.inState(JobState.RUNNING).forEach(System.out::println);
 *   jobs.failures().forEach((node, e) -> System.err.println(node + ": " + e.getMessage()));
 *
 *   ClusterResult<JobList> eu = cluster.fanOut(NodeFilter.tagged("eu")).listJobs("shop");
 * }
 * }</pre>
 *
 * <p><b>Fan-out.</b> At most {@code maxConcurrentRequests} requests are in flight across the
 * cluster; each node's call ends by its {@code nodeTimeout}, and the whole call by its {@code
 * deadline}, when the nodes that have not answered count as timed out. Down nodes are not called;
 * they fail with {@link NodeUnavailableException}.
 *
 * <p><b>Placement.</b> A job without a job id gets one before it is sent, so it can always be
 * found. If a node cannot be reached (connection refused, unknown host, connect timeout) the next
 * candidate is tried; after a connection reset or a timeout the job may exist on that node, so
 * {@link ScheduleOutcomeUnknownException} is thrown instead of scheduling it twice; errors Scrapyd
 * reports ({@link ScrapydApiException}, such as an unknown spider) are thrown at once. {@code
 * schedule} returns the {@link JobRef}, naming its node; {@code place} the whole {@link Placement}.
 *
 * <p><b>Patterns.</b> {@link FanOut#matchSpiders} finds the spiders that {@link NamePattern}s
 * match on each node, and {@link #scheduleMatches} (or {@link #scheduleMatching} for both steps)
 * schedules each match once, as {@code scrapyd-client schedule -p 'shop*' '*'} does.
 *
 * <p><b>Health.</b> See {@link HealthPolicy}. Probes run on their own every {@code
 * healthCheckTick} (one second by default), or on {@link #checkHealth()} when that is zero. Time
 * comes from the builder's {@link Clock}, so tests can drive it.
 */
public final class ClusterClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);

  /** Default limit of requests in flight across the cluster: 256. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 256;
  /** Default time one node has to answer a fan-out call: 10 s. */
  public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(10);
  /** Default time a whole fan-out call may take: 15 s. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(15);

  private final NodeSelector defaultSelector;
  private final Duration nodeTimeout;
  private final Duration deadline;
  private final ExecutorService ownedExecutor;
  private final HttpClient sharedHttp;
  private final boolean ownsSharedHttp;
  private final ScheduledExecutorService scheduler;
  private final Membership membership;
  private final HealthTracker health;
  private final FanOutRunner runner;
  private final Summaries summaries;
  private final Placer placer;
  private volatile boolean closed;

  private ClusterClient(Builder builder, ClientOptions given) {
    this.defaultSelector = builder.selector;
    this.nodeTimeout = builder.nodeTimeout;
    this.deadline = builder.deadline;
    ClientOptions resolved = given.withDefaults(ClientOptions.builder()
        .from(ClientOptions.defaults())
        .maxConcurrentRequests(DEFAULT_MAX_CONCURRENT_REQUESTS)
        .build());
    Executor executor;
    if (resolved.executor().isPresent()) {
      executor = resolved.executor().get();
      this.ownedExecutor = null;
    } else {
      AtomicInteger count = new AtomicInteger();
      this.ownedExecutor = Transport.newDaemonPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, "scrapyd4j-cluster-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      executor = ownedExecutor;
    }
    ClientOptions options = ClientOptions.builder().from(resolved).executor(executor).build();
    if (resolved.httpClient().isPresent()) {
      this.sharedHttp = resolved.httpClient().get();
      this.ownsSharedHttp = false;
    } else {
      HttpClient.Builder http = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(resolved.connectTimeout().get())
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(executor);
      resolved.sslContext().ifPresent(http::sslContext);
      this.sharedHttp = http.build();
      this.ownsSharedHttp = true;
    }
    this.health = new HealthTracker(builder.clock,
        options.requestTimeout().get().plus(options.connectTimeout().get()), builder.listeners);
    this.membership = new Membership(options, sharedHttp, builder.healthPolicy, builder.clock,
        builder.discovery, builder.nodes);
    this.runner = new FanOutRunner(membership, health, options.maxConcurrentRequests().getAsInt(),
        executor, this::checkOpen);
    this.summaries = new Summaries(membership, health, this::fanOut);
    this.placer = new Placer(membership, health, runner, nodeTimeout, deadline,
        options.spiderListingTimeout().get());
    boolean background = !builder.healthCheckTick.isZero()
        || (builder.discovery != null && !builder.discovery.refreshInterval().isZero());
    this.scheduler = background
        ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scrapyd4j-cluster-health");
            thread.setDaemon(true);
            return thread;
          })
        : null;
    if (builder.discovery != null) {
      membership.refresh();
      if (!builder.discovery.refreshInterval().isZero()) {
        long every = builder.discovery.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
            membership::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
      }
    }
    if (membership.current().isEmpty()) {
      close();
      throw new IllegalArgumentException(
          "a cluster needs at least one node: give node(...) or a discovery that finds some");
    }
    if (!builder.healthCheckTick.isZero()) {
      long every = builder.healthCheckTick.toMillis();
      scheduler.scheduleWithFixedDelay(
          this::checkHealthQuietly, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts building a cluster client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ nodes

  /**
   * The cluster's nodes, in the order they were added.
   *
   * @return the nodes
   */
  public List<Node> nodes() {
    return membership.nodes();
  }

  /**
   * A node by id.
   *
   * @param nodeId the node id
   * @return the node, if the cluster has it
   */
  public Optional<Node> node(String nodeId) {
    return membership.node(nodeId);
  }

  /**
   * The client of one node, to call it directly. It belongs to the cluster: do not close it.
   *
   * @param nodeId the node id
   * @return the node's client
   * @throws IllegalArgumentException if the cluster has no such node
   */
  public ScrapydClient client(String nodeId) {
    return membership.member(nodeId).client;
  }

  /**
   * Every node's client, for tools that work per node, such as a job watcher. They belong to the
   * cluster: do not close them.
   *
   * @return node id to client, in node order
   */
  public Map<String, ScrapydClient> clients() {
    Map<String, ScrapydClient> clients = new LinkedHashMap<>();
    membership.current().forEach((id, member) -> clients.put(id, member.client));
    return Collections.unmodifiableMap(clients);
  }

  /**
   * The clients of the nodes a filter selects, for tools that work per node, such as the egg
   * builder's deployer ({@code deployer.deploy(cluster.clients(NodeFilter.tagged("eu")), ...)}).
   * They belong to the cluster: do not close them.
   *
   * @param filter which nodes
   * @return node id to client, in node order
   * @throws IllegalArgumentException if the filter names a node the cluster does not have
   */
  public Map<String, ScrapydClient> clients(NodeFilter filter) {
    Map<String, ScrapydClient> clients = new LinkedHashMap<>();
    for (Member member : membership.select(filter)) {
      clients.put(member.node.id(), member.client);
    }
    return Collections.unmodifiableMap(clients);
  }

  /**
   * Adds a node while the cluster is in use.
   *
   * @param node the node
   * @throws IllegalArgumentException if the cluster already has a node with that id
   */
  public void addNode(Node node) {
    Checks.notNull("node", node);
    checkOpen();
    membership.add(node);
  }

  /**
   * Removes a node while the cluster is in use. Calls already sent to it finish; new calls do not
   * go to it.
   *
   * @param nodeId the node id
   * @return true if the cluster had the node
   */
  public boolean removeNode(String nodeId) {
    Checks.notBlank("nodeId", nodeId);
    return membership.remove(nodeId);
  }

  /**
   * Resolves the discovery's DNS name again: new addresses become nodes, nodes whose address is
   * gone are removed. Nodes given explicitly are kept.
   *
   * @return the ids of the discovered nodes now in the cluster
   * @throws IllegalStateException if the cluster has no discovery
   * @throws NodeUnavailableException if the name does not resolve (the nodes stay as they were)
   */
  public Set<String> refreshNodes() {
    return membership.refresh();
  }

  // ------------------------------------------------------------------ health

  /**
   * A node's health.
   *
   * @param nodeId the node id
   * @return its state
   * @throws IllegalArgumentException if the cluster has no such node
   */
  public NodeState state(String nodeId) {
    return membership.member(nodeId).health.state();
  }

  /**
   * Every node's health.
   *
   * @return node id to state, in node order
   */
  public Map<String, NodeState> states() {
    return HealthTracker.states(membership.current());
  }

  /**
   * Adds a listener for node state changes.
   *
   * @param listener the listener
   */
  public void addListener(NodeStateListener listener) {
    health.addListener(Checks.notNull("listener", listener));
  }

  /**
   * Probes, with {@code daemonstatus}, every node whose probe is due by the cluster's clock (down
   * nodes after their cool-down, others every {@code probeInterval}), and waits for the answers.
   *
   * @return the ids of the nodes probed
   */
  public Set<String> checkHealth() {
    return health.check(membership.current().values());
  }

  private void checkHealthQuietly() {
    try {
      checkHealth();
    } catch (RuntimeException e) {
      LOG.warn("cluster health check failed", e);
    }
  }

  /**
   * The cluster's jobs with the default settings: each call goes to the node named by the job's
   * {@code JobRef.node()} (as {@link #schedule(ScheduleRequest)} names it); a job that names no
   * node, or a node the cluster does not have, is refused with {@link IllegalArgumentException}.
   * {@code Jobs.builderOfNodes(cluster::client)} sets polling, scheduler, clock, mapper and policy.
   *
   * @return the jobs of this cluster's nodes
   */
  public io.github.scrapyd4j.jobs.Jobs jobs() {
    return io.github.scrapyd4j.jobs.Jobs.builderOfNodes(this::client).build();
  }

  // ------------------------------------------------------------------ fan-out

  /**
   * Read calls on every node.
   *
   * @return a fan-out over all nodes with the cluster's timeouts
   */
  public FanOut fanOut() {
    return new FanOut(runner, NodeFilter.all(), nodeTimeout, deadline);
  }

  /**
   * Read calls on the nodes a filter selects.
   *
   * @param filter which nodes
   * @return a fan-out over those nodes with the cluster's timeouts
   */
  public FanOut fanOut(NodeFilter filter) {
    return new FanOut(runner, Checks.notNull("filter", filter), nodeTimeout, deadline);
  }

  // ------------------------------------------------------------------ aggregates

  /**
   * Every job of every project on every node, with its node.
   *
   * @return the jobs, and the nodes that could not be listed
   */
  public ClusterJobs allJobs() {
    return summaries.allJobs();
  }

  /**
   * Every job of one project on every node, with its node.
   *
   * @param project the project name
   * @return the jobs, and the nodes that could not be listed
   */
  public ClusterJobs allJobs(String project) {
    return summaries.allJobs(project);
  }

  /**
   * Finds a job by id on whichever node has it, in any project. Listing every project's jobs at
   * once needs Scrapyd 1.3 or later: on 1.2 nodes use {@link #findJob(String, String)}.
   *
   * @param jobId the job id
   * @return the job and its node; empty if no answering node lists it
   */
  public Optional<NodeJob> findJob(String jobId) {
    Checks.jobId(jobId);
    return allJobs().find(jobId);
  }

  /**
   * Finds a job of a project by id on whichever node has it; works on every Scrapyd version.
   *
   * @param project the project name
   * @param jobId the job id
   * @return the job and its node; empty if no answering node lists it
   */
  public Optional<NodeJob> findJob(String project, String jobId) {
    Checks.notBlank("project", project);
    Checks.jobId(jobId);
    return allJobs(project).find(jobId);
  }

  /**
   * Cancels a job on whichever nodes have it pending or running.
   *
   * @param project the project name
   * @param jobId the job id
   * @return the cancel answer of each node that had it, and the failures of nodes that could not
   *     be checked or cancelled on; no results when no node runs the job
   */
  public ClusterResult<CancelResult> cancel(String project, String jobId) {
    return cancel(project, jobId, null);
  }

  /**
   * Cancels a job with a signal on whichever nodes have it pending or running.
   *
   * @param project the project name
   * @param jobId the job id
   * @param signal the signal, or null for the nodes' default
   * @return as {@link #cancel(String, String)}
   */
  public ClusterResult<CancelResult> cancel(String project, String jobId, Signal signal) {
    Checks.project(project);
    Checks.jobId(jobId);
    return summaries.cancel(project, jobId, signal);
  }

  /**
   * How busy the cluster is.
   *
   * @return each node's daemon status, totals and free slots
   */
  public ClusterCapacity capacity() {
    return summaries.capacity();
  }

  /**
   * Which nodes lack versions of a project that other nodes have.
   *
   * @param project the project name
   * @return every node's versions and what each one lacks
   */
  public VersionDrift versionDrift(String project) {
    Checks.project(project);
    return summaries.versionDrift(project);
  }

  // ------------------------------------------------------------------ placement

  /**
   * Schedules a job on one node chosen by the cluster's default selector (least loaded unless the
   * builder set another); {@link #place(ScheduleRequest)} does the same and tells which nodes
   * were passed over.
   *
   * <pre>{@code
   * JobRef job = cluster.schedule(ScheduleRequest.of("shop", "products"));
   * JobOutcome outcome = cluster.jobs().await(job, Duration.ofHours(1)); // on job.node()
   * }</pre>
   *
   * @param request what to run
   * @return the job, naming the node it runs on (what {@link #jobs()} routes by)
   * @throws NodeUnavailableException when no node could be reached (the job ran nowhere)
   * @throws ScheduleOutcomeUnknownException when the job may have reached a node
   * @throws ScrapydApiException when Scrapyd refused it (such as an unknown spider)
   */
  public JobRef schedule(ScheduleRequest request) {
    return place(request).job();
  }

  /**
   * Schedules a job on one node chosen by a selector, failing over to the next candidate only
   * when a node could not be reached; {@link #place(ScheduleRequest, NodeSelector)} does the
   * same and tells which nodes were passed over.
   *
   * @param request what to run
   * @param selector how to choose the node
   * @return the job, naming the node it runs on (what {@link #jobs()} routes by)
   * @throws NodeUnavailableException when no node could be reached (the job ran nowhere)
   * @throws ScheduleOutcomeUnknownException when the job may have reached a node
   * @throws ScrapydApiException when Scrapyd refused it (such as an unknown spider)
   */
  public JobRef schedule(ScheduleRequest request, NodeSelector selector) {
    return place(request, selector).job();
  }

  /**
   * Schedules a job as {@link #schedule(ScheduleRequest)} does, and tells where it went: the
   * node, its answer, and the nodes passed over first because they could not be reached.
   *
   * @param request what to run
   * @return where it runs, its job id and the nodes passed over
   * @throws NodeUnavailableException when no node could be reached (the job ran nowhere)
   * @throws ScheduleOutcomeUnknownException when the job may have reached a node
   * @throws ScrapydApiException when Scrapyd refused it (such as an unknown spider)
   */
  public Placement place(ScheduleRequest request) {
    return place(request, defaultSelector);
  }

  /**
   * Schedules a job as {@link #schedule(ScheduleRequest, NodeSelector)} does, and tells where it
   * went.
   *
   * @param request what to run
   * @param selector how to choose the node
   * @return where it runs, its job id and the nodes passed over
   * @throws NodeUnavailableException when no node could be reached (the job ran nowhere)
   * @throws ScheduleOutcomeUnknownException when the job may have reached a node
   * @throws ScrapydApiException when Scrapyd refused it (such as an unknown spider)
   */
  public Placement place(ScheduleRequest request, NodeSelector selector) {
    Checks.notNull("request", request);
    Checks.notNull("selector", selector);
    checkOpen();
    return placer.place(request, selector);
  }

  /**
   * Schedules every spider that a spider pattern matches in the projects that a project pattern
   * matches, as {@code scrapyd-client schedule -p 'shop*' 'spider*'} does: {@link
   * FanOut#matchSpiders} on every node, then {@link #scheduleMatches}.
   *
   * <pre>{@code
   * List<ScheduledMatch> jobs = cluster.scheduleMatching(NamePattern.of("shop*"),
   *     NamePattern.any(), (project, spider) -> ScheduleRequest.builder()
   *         .project(project).spider(spider).putArg("category", "garden").build());
   * }</pre>
   *
   * @param projects the project pattern
   * @param spiders the spider pattern
   * @param requests the request for each matching project and spider
   * @return each match, scheduled or failed, in the order found
   * @throws IllegalArgumentException as {@link #scheduleMatches}, before any schedule is sent
   */
  public List<ScheduledMatch> scheduleMatching(NamePattern projects, NamePattern spiders,
      BiFunction<String, String, ScheduleRequest> requests) {
    Checks.notNull("requests", requests);
    return scheduleMatches(fanOut().matchSpiders(projects, spiders), requests);
  }

  /**
   * Schedules each project and spider pair of {@code matches} once, on a node that listed it,
   * chosen by the cluster's default selector; on one node, every match runs there. All requests
   * are made and checked before any is sent. Each is sent once and never again, whatever
   * happens; a failure (an unknown outcome included) is told in its {@link ScheduledMatch} and
   * does not stop the others.
   *
   * @param matches what {@link FanOut#matchSpiders} found
   * @param requests the request for each matching project and spider; each gets a job id of
   *     its own when it has none
   * @return each match, scheduled or failed, in the order of {@link SpiderMatches#spiders()}
   * @throws IllegalArgumentException when a request is null, names another project or spider,
   *     or has the job id of another
   */
  public List<ScheduledMatch> scheduleMatches(SpiderMatches matches,
      BiFunction<String, String, ScheduleRequest> requests) {
    return scheduleMatches(matches, requests, defaultSelector);
  }

  /**
   * As {@link #scheduleMatches(SpiderMatches, BiFunction)}, choosing each node with a selector.
   *
   * @param matches what {@link FanOut#matchSpiders} found
   * @param requests the request for each matching project and spider
   * @param selector how to choose the node of each job among those that listed it
   * @return each match, scheduled or failed
   * @throws IllegalArgumentException as {@link #scheduleMatches(SpiderMatches, BiFunction)}
   */
  public List<ScheduledMatch> scheduleMatches(SpiderMatches matches,
      BiFunction<String, String, ScheduleRequest> requests, NodeSelector selector) {
    Checks.notNull("matches", matches);
    Checks.notNull("requests", requests);
    Checks.notNull("selector", selector);
    checkOpen();
    return placer.placeEach(matches, requests, selector);
  }

  /**
   * Schedules the same job, with one job id, on every selected node at once, so the runs can be
   * correlated. Down nodes are not called (they fail with {@link NodeUnavailableException}); no
   * node is retried.
   *
   * @param request what to run; a job id is made up when it has none
   * @param filter which nodes
   * @return each node's schedule result or failure
   */
  public ClusterResult<ScheduleResult> scheduleOnAll(ScheduleRequest request, NodeFilter filter) {
    Checks.notNull("request", request);
    return placer.scheduleOnAll(request, filter);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the ClusterClient is closed");
    }
  }

  /** Closes every node client and what the cluster created (threads, HTTP client). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    membership.closeAll();
    if (ownsSharedHttp && sharedHttp instanceof AutoCloseable) {
      try {
        ((AutoCloseable) sharedHttp).close();
      } catch (Exception e) {
        LOG.debug("closing the HttpClient failed", e);
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  @Override
  public String toString() {
    return "ClusterClient{nodes=" + states() + "}";
  }

  /**
   * Builds a {@link ClusterClient}. The client options set here (the setters of {@link
   * ClientOptions.Setters}, or {@code options(ClientOptions)}) are the defaults of every node; a
   * node's own ({@link Node#options()}) win over them. Unset options take the defaults of {@link
   * ClientOptions}, except {@code maxConcurrentRequests}: 256 across the cluster ({@link
   * #DEFAULT_MAX_CONCURRENT_REQUESTS}).
   *
   * <pre>{@code
   * ClusterClient cluster = ClusterClient.builder()
   *     .options(ClientOptions.builder()
   *         .credentials(Credentials.of("scrapyd", password))
   *         .requestTimeout(Duration.ofSeconds(20))
   *         .build())
   *     .node(Node.of("eu-1", "http://eu-1:6800"))
   *     .node(Node.builder().id("far").baseUri("http://far:6800")
   *         .requestTimeout(Duration.ofMinutes(1))
   *         .build())
   *     .build();
   * }</pre>
   */
  public static final class Builder extends ClientOptions.Setters<Builder> {
    private final List<Node> nodes = new ArrayList<>();
    private DnsDiscovery discovery;
    private Duration nodeTimeout = DEFAULT_NODE_TIMEOUT;
    private Duration deadline = DEFAULT_DEADLINE;
    private NodeSelector selector = NodeSelectors.leastLoaded();
    private HealthPolicy healthPolicy = HealthPolicy.defaults();
    private Duration healthCheckTick = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private final List<NodeStateListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a node.
     *
     * @param node the node; its id must be unique
     * @return this builder
     */
    public Builder node(Node node) {
      Checks.notNull("node", node);
      for (Node existing : nodes) {
        if (existing.id().equals(node.id())) {
          throw new IllegalArgumentException("duplicate node id '" + node.id() + "'");
        }
      }
      nodes.add(node);
      return this;
    }

    /**
     * Adds nodes.
     *
     * @param nodes the nodes; their ids must be unique
     * @return this builder
     */
    public Builder nodes(Collection<Node> nodes) {
      Checks.notNull("nodes", nodes).forEach(this::node);
      return this;
    }

    /**
     * Adds the nodes a DNS name resolves to, kept up to date per the discovery's interval.
     *
     * @param discovery the discovery
     * @return this builder
     */
    public Builder discovery(DnsDiscovery discovery) {
      this.discovery = Checks.notNull("discovery", discovery);
      return this;
    }

    /**
     * How long one node may take to answer a fan-out call; 10 s by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder nodeTimeout(Duration timeout) {
      this.nodeTimeout = Checks.positive("nodeTimeout", timeout);
      return this;
    }

    /**
     * How long a whole fan-out call may take; 15 s by default.
     *
     * @param deadline a positive duration
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Checks.positive("deadline", deadline);
      return this;
    }

    /**
     * The selector {@link ClusterClient#schedule(ScheduleRequest)} uses; {@link
     * NodeSelectors#leastLoaded()} by default.
     *
     * @param selector the selector
     * @return this builder
     */
    public Builder selector(NodeSelector selector) {
      this.selector = Checks.notNull("selector", selector);
      return this;
    }

    /**
     * How node health is judged.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder healthPolicy(HealthPolicy policy) {
      this.healthPolicy = Checks.notNull("healthPolicy", policy);
      return this;
    }

    /**
     * How often the cluster checks which nodes are due a probe; 1 s by default, zero to probe only
     * on {@link ClusterClient#checkHealth()}.
     *
     * @param tick the interval
     * @return this builder
     */
    public Builder healthCheckTick(Duration tick) {
      Checks.notNull("healthCheckTick", tick);
      if (tick.isNegative()) {
        throw new IllegalArgumentException("healthCheckTick must not be negative");
      }
      this.healthCheckTick = tick;
      return this;
    }

    /**
     * The clock health timing is read from; the system clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Adds a listener for node state changes.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(NodeStateListener listener) {
      listeners.add(Checks.notNull("listener", listener));
      return this;
    }

    /**
     * Builds the cluster client.
     *
     * @return a new cluster client
     * @throws IllegalArgumentException when there are no nodes, or a node's base URI is invalid
     */
    public ClusterClient build() {
      if (nodes.isEmpty() && discovery == null) {
        throw new IllegalArgumentException(
            "a cluster needs at least one node: give node(...) or discovery(...)");
      }
      ClientOptions options = clientOptions();
      if (options.httpClient().isPresent() && options.sslContext().isPresent()) {
        throw new IllegalArgumentException(
            "sslContext and httpClient are both given: give the SSLContext to the HttpClient's "
                + "builder, or give only sslContext");
      }
      return new ClusterClient(this, options);
    }

  }
}
