package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydAsyncClient;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.ScrapydScheduleOutcomeUnknownException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.ScrapydTransportException;
import io.github.scrapyd4j.internal.AsyncLimiter;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.model.VersionList;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
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
 *   Placement placed = cluster.schedule(ScheduleRequest.of("shop", "products")); // least loaded
 *   System.out.println(placed.jobId() + " on " + placed.nodeId());
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
 * reports ({@link ScrapydApiException}, such as an unknown spider) are thrown at once.
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

  private final Builder config;
  /** The cluster's options, every default filled in, the executor included. */
  private final ClientOptions options;
  private final Clock clock;
  private final HealthPolicy healthPolicy;
  private final NodeSelector defaultSelector;
  private final Duration nodeTimeout;
  private final Duration deadline;
  private final AsyncLimiter limiter;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final HttpClient sharedHttp;
  private final boolean ownsSharedHttp;
  private final ScheduledExecutorService scheduler;
  private final List<NodeStateListener> listeners = new CopyOnWriteArrayList<>();
  private final Object nodesLock = new Object();
  private volatile Map<String, Member> members = Map.of();
  private volatile boolean closed;

  /** A node, its client and its health. */
  private static final class Member {
    final Node node;
    final ScrapydClient client;
    final NodeHealth health;
    final boolean discovered;

    Member(Node node, ScrapydClient client, NodeHealth health, boolean discovered) {
      this.node = node;
      this.client = client;
      this.health = health;
      this.discovered = discovered;
    }
  }

  private ClusterClient(Builder builder) {
    this.config = builder;
    this.clock = builder.clock;
    this.healthPolicy = builder.healthPolicy;
    this.defaultSelector = builder.selector;
    this.nodeTimeout = builder.nodeTimeout;
    this.deadline = builder.deadline;
    ClientOptions resolved = builder.options.withDefaults(ClientOptions.builder()
        .from(ClientOptions.defaults())
        .maxConcurrentRequests(DEFAULT_MAX_CONCURRENT_REQUESTS)
        .build());
    this.limiter = new AsyncLimiter(resolved.maxConcurrentRequests().getAsInt());
    if (resolved.executor().isPresent()) {
      this.executor = resolved.executor().get();
      this.ownedExecutor = null;
    } else {
      AtomicInteger count = new AtomicInteger();
      this.ownedExecutor = io.github.scrapyd4j.internal.Transport.newDaemonPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, "scrapyd4j-cluster-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      this.executor = ownedExecutor;
    }
    this.options = ClientOptions.builder().from(resolved).executor(executor).build();
    if (resolved.httpClient().isPresent()) {
      this.sharedHttp = resolved.httpClient().get();
      this.ownsSharedHttp = false;
    } else {
      this.sharedHttp = newHttpClient(resolved.connectTimeout().get(),
          resolved.sslContext().orElse(null));
      this.ownsSharedHttp = true;
    }
    this.listeners.addAll(builder.listeners);
    Map<String, Member> initial = new LinkedHashMap<>();
    for (Node node : builder.nodes) {
      initial.put(node.id(), newMember(node, false));
    }
    this.members = Collections.unmodifiableMap(initial);
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
      refreshNodes();
      if (!builder.discovery.refreshInterval().isZero()) {
        long every = builder.discovery.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
      }
    }
    if (members.isEmpty()) {
      close();
      throw new IllegalArgumentException(
          "a cluster needs at least one node: give node(...) or a discovery that finds some");
    }
    if (!builder.healthCheckTick.isZero()) {
      long every = builder.healthCheckTick.toMillis();
      scheduler.scheduleWithFixedDelay(this::checkHealthQuietly, every, every, TimeUnit.MILLISECONDS);
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

  private HttpClient newHttpClient(Duration connectTimeout, SSLContext sslContext) {
    HttpClient.Builder http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor);
    if (sslContext != null) {
      http.sslContext(sslContext);
    }
    return http.build();
  }

  private Member newMember(Node node, boolean discovered) {
    ClientOptions own = node.options();
    ClientOptions merged = own.withDefaults(options);
    boolean ownHttp = own.httpClient().isPresent() || own.sslContext().isPresent()
        || (options.httpClient().isEmpty() && !merged.connectTimeout().equals(options.connectTimeout()));
    ClientOptions.Builder used = ClientOptions.builder().from(merged);
    if (!ownHttp) {
      used.sslContext(Optional.empty()).httpClient(sharedHttp); // the cluster's, for every node
    }
    if (node.baseUri().getRawUserInfo() != null) {
      used.credentials(Optional.empty()); // those in the URI win
    }
    ScrapydClient client = ScrapydClient.builder()
        .baseUri(node.baseUri())
        .options(used.build())
        .build();
    return new Member(node, client, new NodeHealth(node.id(), healthPolicy, clock.instant()),
        discovered);
  }

  /**
   * The cluster's nodes, in the order they were added.
   *
   * @return the nodes
   */
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    for (Member member : members.values()) {
      nodes.add(member.node);
    }
    return Collections.unmodifiableList(nodes);
  }

  /**
   * A node by id.
   *
   * @param nodeId the node id
   * @return the node, if the cluster has it
   */
  public Optional<Node> node(String nodeId) {
    Member member = members.get(Checks.notBlank("nodeId", nodeId));
    return member == null ? Optional.empty() : Optional.of(member.node);
  }

  /**
   * The client of one node, to call it directly. It belongs to the cluster: do not close it.
   *
   * @param nodeId the node id
   * @return the node's client
   * @throws IllegalArgumentException if the cluster has no such node
   */
  public ScrapydClient client(String nodeId) {
    return member(nodeId).client;
  }

  /**
   * Every node's client, for tools that work per node, such as a job watcher. They belong to the
   * cluster: do not close them.
   *
   * @return node id to client, in node order
   */
  public Map<String, ScrapydClient> clients() {
    Map<String, ScrapydClient> clients = new LinkedHashMap<>();
    members.forEach((id, member) -> clients.put(id, member.client));
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
    for (Member member : select(filter)) {
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
    synchronized (nodesLock) {
      if (members.containsKey(node.id())) {
        throw new IllegalArgumentException("the cluster already has a node with id '" + node.id() + "'");
      }
      Map<String, Member> next = new LinkedHashMap<>(members);
      next.put(node.id(), newMember(node, false));
      members = Collections.unmodifiableMap(next);
    }
    LOG.info("node {} added ({})", node.id(), Redaction.uri(node.baseUri()));
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
    Member removed;
    synchronized (nodesLock) {
      removed = members.get(nodeId);
      if (removed == null) {
        return false;
      }
      Map<String, Member> next = new LinkedHashMap<>(members);
      next.remove(nodeId);
      members = Collections.unmodifiableMap(next);
    }
    LOG.info("node {} removed", nodeId);
    closeLater(removed.client);
    return true;
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
    DnsDiscovery discovery = config.discovery;
    if (discovery == null) {
      throw new IllegalStateException("the cluster was built without a discovery");
    }
    List<Node> found;
    try {
      found = discovery.discover();
    } catch (UnknownHostException e) {
      throw new NodeUnavailableException(
          "DNS name " + discovery.host() + " does not resolve: " + e.getMessage(), null, e);
    }
    Set<String> ids = new LinkedHashSet<>();
    List<ScrapydClient> toClose = new ArrayList<>();
    synchronized (nodesLock) {
      Map<String, Member> next = new LinkedHashMap<>();
      for (Member member : members.values()) {
        if (!member.discovered) {
          next.put(member.node.id(), member);
        }
      }
      for (Node node : found) {
        Member existing = members.get(node.id());
        if (next.containsKey(node.id())) {
          continue; // an explicit node with the same id wins
        }
        next.put(node.id(), existing != null && existing.discovered ? existing : newMember(node, true));
        ids.add(node.id());
      }
      for (Member member : members.values()) {
        if (member.discovered && !next.containsKey(member.node.id())) {
          toClose.add(member.client);
          LOG.info("node {} removed: its address is no longer in DNS", member.node.id());
        }
      }
      members = Collections.unmodifiableMap(next);
    }
    toClose.forEach(this::closeLater);
    return Collections.unmodifiableSet(ids);
  }

  private void refreshQuietly() {
    try {
      refreshNodes();
    } catch (RuntimeException e) {
      LOG.warn("refreshing the cluster's nodes failed; keeping them as they are: {}", e.getMessage());
    }
  }

  private void closeLater(ScrapydClient client) {
    // Its calls in flight may still finish; its shared resources stay open.
    CompletableFuture.delayedExecutor(options.requestTimeout().get().toMillis(), TimeUnit.MILLISECONDS, executor)
        .execute(client::close);
  }

  private Member member(String nodeId) {
    Member member = members.get(Checks.notBlank("nodeId", nodeId));
    if (member == null) {
      throw new IllegalArgumentException(
          "the cluster has no node with id '" + nodeId + "'; its nodes are " + members.keySet());
    }
    return member;
  }

  private List<Member> select(NodeFilter filter) {
    Checks.notNull("filter", filter);
    Map<String, Member> current = members;
    for (String id : filter.requiredIds()) {
      if (!current.containsKey(id)) {
        throw new IllegalArgumentException(
            "the cluster has no node with id '" + id + "'; its nodes are " + current.keySet());
      }
    }
    List<Member> selected = new ArrayList<>();
    for (Member member : current.values()) {
      if (filter.matches(member.node)) {
        selected.add(member);
      }
    }
    return selected;
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
    return member(nodeId).health.state();
  }

  /**
   * Every node's health.
   *
   * @return node id to state, in node order
   */
  public Map<String, NodeState> states() {
    Map<String, NodeState> states = new LinkedHashMap<>();
    members.forEach((id, member) -> states.put(id, member.health.state()));
    return Collections.unmodifiableMap(states);
  }

  /**
   * Adds a listener for node state changes.
   *
   * @param listener the listener
   */
  public void addListener(NodeStateListener listener) {
    listeners.add(Checks.notNull("listener", listener));
  }

  /**
   * Probes, with {@code daemonstatus}, every node whose probe is due by the cluster's clock (down
   * nodes after their cool-down, others every {@code probeInterval}), and waits for the answers.
   *
   * @return the ids of the nodes probed
   */
  public Set<String> checkHealth() {
    Instant now = clock.instant();
    Set<String> probed = new LinkedHashSet<>();
    List<CompletableFuture<?>> probes = new ArrayList<>();
    for (Member member : members.values()) {
      if (member.health.probeDue(now)) {
        probed.add(member.node.id());
        member.health.probing(now, options.requestTimeout().get().plus(options.connectTimeout().get()));
        probes.add(member.client.async().daemonStatus()
            .handle((status, error) -> {
              record(member, error);
              return null;
            }));
      }
    }
    CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0])).join();
    return Collections.unmodifiableSet(probed);
  }

  private void checkHealthQuietly() {
    try {
      checkHealth();
    } catch (RuntimeException e) {
      LOG.warn("cluster health check failed", e);
    }
  }

  /** Learns from a call's outcome: an answer means up, failing to reach the node counts against it. */
  private void record(Member member, Throwable error) {
    Throwable cause = unwrap(error);
    NodeStateChange change;
    if (cause == null || !countsAgainstHealth(cause)) {
      change = member.health.succeeded(clock.instant());
    } else {
      change = member.health.failed(clock.instant(), cause);
    }
    if (change != null) {
      if (change.current() == NodeState.UP) {
        LOG.info("node {} is up again", change.nodeId());
      } else {
        LOG.warn("node {} is {}: {}", change.nodeId(), change.current().name().toLowerCase(),
            change.cause().map(Throwable::getMessage).orElse(""));
      }
      for (NodeStateListener listener : listeners) {
        try {
          listener.onStateChange(change);
        } catch (RuntimeException e) {
          LOG.warn("a node state listener failed", e);
        }
      }
    }
  }

  private static boolean countsAgainstHealth(Throwable cause) {
    if (cause instanceof ScrapydTransportException) {
      return true;
    }
    return cause instanceof ScrapydHttpException && ((ScrapydHttpException) cause).statusCode() >= 500;
  }

  // ------------------------------------------------------------------ fan-out

  /**
   * Read calls on every node.
   *
   * @return a fan-out over all nodes with the cluster's timeouts
   */
  public FanOut fanOut() {
    return new FanOut(this, NodeFilter.all(), nodeTimeout, deadline);
  }

  /**
   * Read calls on the nodes a filter selects.
   *
   * @param filter which nodes
   * @return a fan-out over those nodes with the cluster's timeouts
   */
  public FanOut fanOut(NodeFilter filter) {
    return new FanOut(this, Checks.notNull("filter", filter), nodeTimeout, deadline);
  }

  <T> CompletableFuture<ClusterResult<T>> fanOutAsync(NodeFilter filter,
      Function<ScrapydAsyncClient, CompletableFuture<T>> operation, Duration perNode, Duration overall) {
    checkOpen();
    List<Member> targets = select(filter);
    int n = targets.size();
    AtomicReferenceArray<NodeResult<T>> results = new AtomicReferenceArray<>(n);
    List<CompletableFuture<T>> calls = new ArrayList<>(Collections.nCopies(n, null));
    CompletableFuture<ClusterResult<T>> done = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(n);
    Runnable finish = () -> {
      List<NodeResult<T>> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(results.get(i));
      }
      done.complete(new ClusterResult<>(list));
    };
    if (n == 0) {
      finish.run();
      return done;
    }
    for (int i = 0; i < n; i++) {
      Member member = targets.get(i);
      int index = i;
      if (member.health.state() == NodeState.DOWN) {
        results.set(i, NodeResult.failure(member.node.id(), new NodeUnavailableException(
            "node " + member.node.id() + " is down; it is probed again after a cool-down",
            member.client.baseUri(), null)));
        if (remaining.decrementAndGet() == 0) {
          finish.run();
        }
        continue;
      }
      CompletableFuture<T> call = limiter.acquire().thenCompose(granted -> {
        if (done.isDone()) {
          limiter.release();
          return CompletableFuture.failedFuture(new CancellationException("deadline passed"));
        }
        CompletableFuture<T> sent;
        try {
          sent = operation.apply(member.client.async());
        } catch (RuntimeException e) {
          limiter.release();
          return CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((value, error) -> limiter.release());
        return sent.orTimeout(perNode.toMillis(), TimeUnit.MILLISECONDS)
            .whenComplete((value, error) -> {
              if (unwrap(error) instanceof TimeoutException) {
                sent.cancel(true);
              }
            });
      });
      calls.set(i, call);
      call.whenComplete((value, error) -> {
        NodeResult<T> result = error == null
            ? NodeResult.success(member.node.id(), value)
            : NodeResult.failure(member.node.id(), asScrapyd(member, unwrap(error), perNode));
        if (results.compareAndSet(index, null, result)) {
          if (!(unwrap(error) instanceof CancellationException)) {
            record(member, error == null ? null : result.failure().get());
          }
          if (remaining.decrementAndGet() == 0) {
            finish.run();
          }
        }
      });
    }
    CompletableFuture.delayedExecutor(overall.toMillis(), TimeUnit.MILLISECONDS, executor).execute(() -> {
      if (done.isDone()) {
        return;
      }
      for (int i = 0; i < n; i++) {
        Member member = targets.get(i);
        ScrapydTimeoutException late = new ScrapydTimeoutException(
            "node " + member.node.id() + " did not answer before the call's deadline of "
                + overall.toMillis() + " ms", false, overall, member.client.baseUri(), null, null);
        if (results.compareAndSet(i, null, NodeResult.failure(member.node.id(), late))) {
          record(member, late);
          CompletableFuture<T> pending = calls.get(i);
          if (pending != null) {
            pending.cancel(true);
          }
        }
      }
      finish.run();
    });
    return done;
  }

  private static ScrapydException asScrapyd(Member member, Throwable error, Duration perNode) {
    if (error instanceof ScrapydException) {
      return (ScrapydException) error;
    }
    if (error instanceof TimeoutException) {
      return new ScrapydTimeoutException(
          "node " + member.node.id() + " did not answer within its fan-out timeout of "
              + perNode.toMillis() + " ms", false, perNode, member.client.baseUri(), null, error);
    }
    return new ScrapydException("node " + member.node.id() + " failed: " + error,
        member.client.baseUri(), null, null, error);
  }

  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  // ------------------------------------------------------------------ aggregates

  /**
   * Every job of every project on every node, with its node.
   *
   * @return the jobs, and the nodes that could not be listed
   */
  public ClusterJobs allJobs() {
    return jobs(fanOut().listJobs());
  }

  /**
   * Every job of one project on every node, with its node.
   *
   * @param project the project name
   * @return the jobs, and the nodes that could not be listed
   */
  public ClusterJobs allJobs(String project) {
    return jobs(fanOut().listJobs(project));
  }

  private static ClusterJobs jobs(ClusterResult<JobList> lists) {
    List<NodeJob> jobs = new ArrayList<>();
    lists.successes().forEach((node, list) -> {
      for (Job job : list.all()) {
        jobs.add(new NodeJob(node, job));
      }
    });
    return new ClusterJobs(jobs, lists.failures());
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
    ClusterResult<JobList> lists = fanOut().listJobs(project);
    List<NodeResult<CancelResult>> results = new ArrayList<>();
    lists.failures().forEach((node, error) -> results.add(NodeResult.failure(node, error)));
    for (Map.Entry<String, JobList> entry : lists.successes().entrySet()) {
      Optional<Job> job = entry.getValue().find(jobId);
      if (job.isPresent() && job.get().state() != JobState.FINISHED) {
        Member member = members.get(entry.getKey());
        if (member == null) {
          continue; // removed meanwhile
        }
        try {
          CancelResult cancelled = signal == null
              ? member.client.cancel(project, jobId)
              : member.client.cancel(project, jobId, signal);
          record(member, null);
          results.add(NodeResult.success(entry.getKey(), cancelled));
        } catch (ScrapydException e) {
          record(member, e);
          results.add(NodeResult.failure(entry.getKey(), e));
        }
      }
    }
    return new ClusterResult<>(results);
  }

  /**
   * How busy the cluster is.
   *
   * @return each node's daemon status, totals and free slots
   */
  public ClusterCapacity capacity() {
    ClusterResult<DaemonStatus> statuses = fanOut().daemonStatus();
    Map<String, Node> nodes = new LinkedHashMap<>();
    members.forEach((id, member) -> nodes.put(id, member.node));
    return new ClusterCapacity(statuses.successes(), nodes, statuses.failures());
  }

  /**
   * Which nodes lack versions of a project that other nodes have.
   *
   * @param project the project name
   * @return every node's versions and what each one lacks
   */
  public VersionDrift versionDrift(String project) {
    Checks.project(project);
    ClusterResult<VersionList> versions = fanOut().listVersions(project);
    Map<String, List<String>> byNode = new LinkedHashMap<>();
    versions.successes().forEach((node, list) -> byNode.put(node, list.versions()));
    return new VersionDrift(project, byNode, versions.failures());
  }

  // ------------------------------------------------------------------ placement

  /**
   * Schedules a job on one node chosen by the cluster's default selector (least loaded unless the
   * builder set another).
   *
   * @param request what to run
   * @return where it runs and its job id
   * @throws NodeUnavailableException when no node could be reached (the job ran nowhere)
   * @throws ScheduleOutcomeUnknownException when the job may have reached a node
   * @throws ScrapydApiException when Scrapyd refused it (such as an unknown spider)
   */
  public Placement schedule(ScheduleRequest request) {
    return schedule(request, defaultSelector);
  }

  /**
   * Schedules a job on one node chosen by a selector, failing over to the next candidate only
   * when a node could not be reached.
   *
   * @param request what to run
   * @param selector how to choose the node
   * @return where it runs and its job id
   * @throws NodeUnavailableException when no node could be reached (the job ran nowhere)
   * @throws ScheduleOutcomeUnknownException when the job may have reached a node
   * @throws ScrapydApiException when Scrapyd refused it (such as an unknown spider)
   */
  public Placement schedule(ScheduleRequest request, NodeSelector selector) {
    Checks.notNull("request", request);
    Checks.notNull("selector", selector);
    checkOpen();
    ScheduleRequest withId = withJobId(request);
    List<Member> usable = new ArrayList<>();
    for (NodeState wanted : new NodeState[] {NodeState.UP, NodeState.SUSPECT}) {
      for (Member member : members.values()) {
        if (member.health.state() == wanted) {
          usable.add(member);
        }
      }
    }
    Map<String, DaemonStatus> statuses = Map.of();
    if (selector.needsStatus() && !usable.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>();
      usable.forEach(m -> ids.add(m.node.id()));
      statuses = fanOutAsync(NodeFilter.ids(ids.toArray(new String[0])),
          ScrapydAsyncClient::daemonStatus, nodeTimeout, deadline).join().successes();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Member member : usable) {
      candidates.add(new Candidate(member.node, member.health.state(), statuses.get(member.node.id())));
    }
    List<Candidate> ordered = selector.order(Collections.unmodifiableList(candidates), withId);
    if (ordered.isEmpty()) {
      throw new NodeUnavailableException("no node to schedule " + withId.spider() + " on with "
          + selector + ": node states " + states(), null, null);
    }
    Map<String, ScrapydException> skipped = new LinkedHashMap<>();
    for (Candidate candidate : ordered) {
      Member member = members.get(candidate.node().id());
      if (member == null) {
        continue;
      }
      try {
        ScheduleResult result = member.client.schedule(withId);
        record(member, null);
        LOG.debug("job {} scheduled on node {}", result.jobId(), member.node.id());
        return new Placement(member.node.id(), result, skipped);
      } catch (ScrapydTransportException e) {
        record(member, e);
        if (e.mayHaveReachedServer()) {
          ScrapydTransportException cause = e instanceof ScrapydScheduleOutcomeUnknownException
              && e.getCause() instanceof ScrapydTransportException
              ? (ScrapydTransportException) e.getCause() : e;
          throw new ScheduleOutcomeUnknownException(member.node.id(), withId.jobId().get(), cause);
        }
        LOG.info("node {} unreachable, trying the next one: {}", member.node.id(), e.getMessage());
        skipped.put(member.node.id(), e);
      } catch (ScrapydHttpException e) {
        record(member, e);
        throw e;
      }
    }
    NodeUnavailableException none = new NodeUnavailableException(
        "job " + withId.jobId().get() + " was scheduled nowhere: no candidate node could be reached ("
            + skipped.keySet() + ")", null, skipped.isEmpty() ? null : skipped.values().iterator().next());
    return throwWithSuppressed(none, skipped);
  }

  private static Placement throwWithSuppressed(NodeUnavailableException e, Map<String, ScrapydException> skipped) {
    skipped.values().stream().skip(1).forEach(e::addSuppressed);
    throw e;
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
    ScheduleRequest withId = withJobId(request);
    return join(fanOutAsync(filter, async -> async.schedule(withId),
        options.spiderListingTimeout().get(), options.spiderListingTimeout().get().plus(deadline)));
  }

  private static ScheduleRequest withJobId(ScheduleRequest request) {
    return io.github.scrapyd4j.internal.JobIds.ensure(request);
  }

  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw e;
    }
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
    for (Member member : members.values()) {
      member.client.close();
    }
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
   * Builds a {@link ClusterClient}. Node options left unset take the defaults given here.
   */
  public static final class Builder {
    private final List<Node> nodes = new ArrayList<>();
    private DnsDiscovery discovery;
    private ClientOptions options = ClientOptions.empty();
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
     * Credentials for nodes that have none of their own.
     *
     * @param credentials the credentials
     * @return this builder
     */
    public Builder credentials(Credentials credentials) {
      Checks.notNull("credentials", credentials);
      return set(o -> o.credentials(credentials));
    }

    /**
     * Connect timeout for nodes without their own; 10 s by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      Checks.positive("connectTimeout", timeout);
      return set(o -> o.connectTimeout(timeout));
    }

    /**
     * Request timeout for nodes without their own; 30 s by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      Checks.positive("requestTimeout", timeout);
      return set(o -> o.requestTimeout(timeout));
    }

    /**
     * Spider listing timeout for nodes without their own; 3 minutes by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder spiderListingTimeout(Duration timeout) {
      Checks.positive("spiderListingTimeout", timeout);
      return set(o -> o.spiderListingTimeout(timeout));
    }

    /**
     * Retries of read-only calls on each node; {@link RetryPolicy#defaults()} by default.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      Checks.notNull("retryPolicy", retryPolicy);
      return set(o -> o.retryPolicy(retryPolicy));
    }

    /**
     * The {@code User-Agent} of every node's requests.
     *
     * @param userAgent the user agent
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      Checks.notBlank("userAgent", userAgent);
      return set(o -> o.userAgent(userAgent));
    }

    /**
     * The most requests in flight across the cluster during a fan-out; 256 by default.
     *
     * @param max 1 or more
     * @return this builder
     */
    public Builder maxConcurrentRequests(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be 1 or more, but was " + max);
      }
      return set(o -> o.maxConcurrentRequests(max));
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
     * The executor for async work (never shut down by the cluster); a fixed pool of daemon
     * threads, one per processor, by default.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      Checks.notNull("executor", executor);
      return set(o -> o.executor(executor));
    }

    /**
     * An HTTP client of the caller's for every node without its own ({@link Node#httpClient()}),
     * for example one with a proxy. The cluster does not close it. It must not follow redirects
     * ({@code Redirect.NEVER}): a redirect would carry the credentials to another address. Nodes'
     * connect timeouts are then the HTTP client's own. Default: the cluster creates one.
     *
     * @param httpClient the HTTP client
     * @return this builder
     * @throws IllegalArgumentException if the HTTP client follows redirects
     */
    public Builder httpClient(HttpClient httpClient) {
      Checks.noRedirects("httpClient", httpClient);
      return set(o -> o.httpClient(httpClient));
    }

    /**
     * The TLS context for {@code https} nodes without their own ({@link Node#sslContext()}), for
     * example one that trusts a private certificate authority, without changing the JVM-wide trust
     * settings (see {@link ScrapydClient.Builder#sslContext(SSLContext)} for how to make one).
     * Give it or {@link #httpClient(HttpClient)}, not both. Default: the JVM's default context.
     *
     * @param sslContext the TLS context
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      Checks.notNull("sslContext", sslContext);
      return set(o -> o.sslContext(sslContext));
    }

    /**
     * The most bytes of a JSON answer read from each node; 64 MiB (or an eighth of the maximum
     * heap, if less) by default. See {@link ScrapydClient.Builder#maxResponseBytes(long)}. A node
     * over it fails alone; a fan-out may hold one answer per node at once.
     *
     * @param bytes 1 or more
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      ScrapydClient.builder().maxResponseBytes(bytes); // checks it
      return set(o -> o.maxResponseBytes(bytes));
    }

    /**
     * The most bytes of an error answer's body read from each node; 64 KiB by default. See
     * {@link ScrapydClient.Builder#maxErrorBodyBytes(int)}.
     *
     * @param bytes 1 or more
     * @return this builder
     */
    public Builder maxErrorBodyBytes(int bytes) {
      ScrapydClient.builder().maxErrorBodyBytes(bytes);
      return set(o -> o.maxErrorBodyBytes(bytes));
    }

    /**
     * The longest line of a log or items file held in memory; 8 MiB by default. See {@link
     * ScrapydClient.Builder#maxLineBytes(int)}.
     *
     * @param bytes 1 or more
     * @return this builder
     */
    public Builder maxLineBytes(int bytes) {
      ScrapydClient.builder().maxLineBytes(bytes);
      return set(o -> o.maxLineBytes(bytes));
    }

    /**
     * Sets every client option that {@code options} sets, as defaults for every node (a node's own
     * {@link Node#options()} win over them); the others keep their values. Unset options take the
     * defaults of {@link ClientOptions}, except {@code maxConcurrentRequests}: 256 across the
     * cluster ({@link #DEFAULT_MAX_CONCURRENT_REQUESTS}).
     *
     * <pre>{@code
     * ClusterClient cluster = ClusterClient.builder()
     *     .options(ClientOptions.builder()
     *         .credentials(Credentials.of("scrapyd", password))
     *         .requestTimeout(Duration.ofSeconds(20))
     *         .build())
     *     .node(Node.of("eu-1", "http://eu-1:6800"))
     *     .node(Node.builder().id("far").baseUri("http://far:6800")
     *         .options(ClientOptions.builder().requestTimeout(Duration.ofMinutes(1)).build())
     *         .build())
     *     .build();
     * }</pre>
     *
     * @param options the default options
     * @return this builder
     */
    public Builder options(ClientOptions options) {
      this.options = Checks.notNull("options", options).withDefaults(this.options);
      return this;
    }

    private Builder set(java.util.function.Consumer<ClientOptions.Builder> change) {
      ClientOptions.Builder next = ClientOptions.builder().from(options);
      change.accept(next);
      options = next.build();
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
      if (options.httpClient().isPresent() && options.sslContext().isPresent()) {
        throw new IllegalArgumentException(
            "sslContext and httpClient are both given: give the SSLContext to the HttpClient's "
                + "builder, or give only sslContext");
      }
      return new ClusterClient(this);
    }

  }
}
