package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.Eggs;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydAsyncClient;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.ScrapydNames;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.ScrapydTransportException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.FanOut;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeFilter;
import io.github.scrapyd4j.cluster.NodeResult;
import io.github.scrapyd4j.cluster.NodeUnavailableException;
import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.VersionList;
import io.github.scrapyd4j.model.Versions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads an egg safely to one Scrapyd node (a {@link ScrapydClient}) or to the nodes of a {@link
 * ClusterClient}. For each node it:
 *
 * <ol>
 *   <li>lists the project's versions first ({@code listversions.json}), to know whether the
 *       version already exists and whether the new one will be the latest (Scrapyd's ordering,
 *       see {@link VersionOrder}); a node that cannot be listed gets no upload;
 *   <li>uploads the egg ({@code addversion.json}) and checks the answer: the project and version
 *       echoed back; an egg in which Scrapyd finds no spider (a new project) is deployed with a
 *       warning, as scrapyd-deploy deploys it, or fails with {@link
 *       Builder#requireSpiders(boolean)};
 *   <li>when Scrapyd rejects the egg, deletes the version again ({@code delversion.json}):
 *       Scrapyd stores an egg before it checks it, so a rejected egg would otherwise stay stored,
 *       possibly as the latest version. A version that existed before the upload is never
 *       deleted (the failure says it was replaced).
 * </ol>
 *
 * <pre>{@code
 * Egg egg = EggBuilder.builder().projectDir(Path.of("/src/shop")).build().build();
 * try (ScrapydClient client = ScrapydClient.builder().baseUri("http://scrapyd:6800").build()) {
 *   DeployReport report = Deployer.builder().build()
 *       .deploy(client, "shop", VersionResolver.resolveDefault(null), egg);
 *   report.allWarnings().forEach(System.err::println);          // e.g. "will not be the latest"
 * } catch (DeployException e) {
 *   System.err.println(e.getMessage());                          // Scrapyd's error, cleanup done
 * }
 * // every node of a cluster, all or nothing:
 * DeployReport everywhere = Deployer.builder().build().deploy(cluster, "shop", "1795456800", egg);
 * }</pre>
 *
 * <p>The egg is checked once, before anything is sent ({@link Eggs#check(byte[])}: a ZIP file
 * with {@code EGG-INFO/PKG-INFO}; and a {@code [scrapy]} settings entry point). On a cluster, each
 * step (list, upload, roll back) is one of the cluster's fan-outs ({@link
 * FanOut#callPerNode(BiFunction)}): the nodes run in parallel within the cluster's request limit,
 * a node that is down is not called, every node's outcome counts in its health, and the listing
 * takes the cluster's per-node timeout and deadline while uploads take {@link
 * Builder#uploadTimeout(Duration)} and {@link Builder#deadline(Duration)}. {@link DeployPolicy}
 * decides what happens when some nodes fail. Any failure throws a {@link DeployException}
 * carrying the {@link DeployReport}. Clients and clusters are used, not closed. A {@code
 * Deployer} is immutable and thread-safe.
 */
public final class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  /**
   * The default time one node's upload (with its cleanup) may take on a cluster: 4 minutes,
   * above the client's default spider-listing timeout of 3 minutes (Scrapyd lists the spiders
   * of every egg it takes).
   */
  public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofMinutes(4);

  /** The default time all nodes' uploads (or roll-backs) may take on a cluster: 10 minutes. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

  private static final int LIST = 1;
  private static final int UPLOAD = 2;
  private static final int FINISH = 3;

  private final boolean requireSpiders;
  private final boolean deleteRejected;
  private final boolean replaceExisting;
  private final DeployPolicy policy;
  private final Duration uploadTimeout;
  private final Duration deadline;

  private Deployer(Builder b) {
    this.requireSpiders = b.requireSpiders;
    this.deleteRejected = b.deleteRejected;
    this.replaceExisting = b.replaceExisting;
    this.policy = b.policy;
    this.uploadTimeout = b.uploadTimeout;
    this.deadline = b.deadline;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Deploys to one node. The report names the node by its base URI.
   *
   * @param client the node's client (not closed)
   * @param project the project
   * @param version the version, sent as is (Scrapyd stores it sanitized)
   * @param egg the egg
   * @return the report, when the version is deployed
   * @throws DeployException if it is not; the message has Scrapyd's answer and what became of
   *     the version
   * @throws IllegalArgumentException if an argument is blank or the egg is one Scrapyd would
   *     reject (nothing is sent then)
   */
  public DeployReport deploy(ScrapydClient client, String project, String version, Egg egg) {
    Args.notNull("client", client);
    String id = Redaction.uri(client.baseUri());
    check(List.of(project), version, egg);
    return run(new OneClient(id, client), List.of(id), node -> project,
        policy != null ? policy : DeployPolicy.BEST_EFFORT, version, egg);
  }

  /**
   * Deploys to every node of a cluster, through the cluster's fan-out. Unless a policy was set,
   * {@link DeployPolicy#ALL_OR_NOTHING}: the nodes of a cluster serve one project, so either all
   * of them get the version or none keeps it.
   *
   * @param cluster the cluster (not closed)
   * @param project the project
   * @param version the version, the same on every node
   * @param egg the egg, built once
   * @return the report, when every node is deployed
   * @throws DeployException when not; {@link DeployException#result()} has each node's part
   * @throws IllegalArgumentException if an argument is blank or the egg is one Scrapyd would
   *     reject (nothing is sent then)
   */
  public DeployReport deploy(ClusterClient cluster, String project, String version, Egg egg) {
    return deploy(cluster, NodeFilter.all(), project, version, egg);
  }

  /**
   * Deploys to the nodes of a cluster that a filter selects; see {@link #deploy(ClusterClient,
   * String, String, Egg)}.
   *
   * @param cluster the cluster (not closed)
   * @param nodes which nodes
   * @param project the project
   * @param version the version, the same on every node
   * @param egg the egg, built once
   * @return the report, when every selected node is deployed
   * @throws DeployException when not
   * @throws IllegalArgumentException when the filter selects no node or names one the cluster
   *     does not have, or an argument is invalid
   */
  public DeployReport deploy(
      ClusterClient cluster, NodeFilter nodes, String project, String version, Egg egg) {
    Args.notNull("cluster", cluster);
    Args.notNull("nodes", nodes);
    check(List.of(project), version, egg);
    return deploy(cluster, nodes, node -> project, DeployPolicy.ALL_OR_NOTHING, version, egg);
  }

  /**
   * The same with a project per node (scrapy.cfg targets), and the policy to use when none was
   * set. Arguments are checked by the caller.
   */
  DeployReport deploy(ClusterClient cluster, NodeFilter nodes, Function<String, String> projectOf,
      DeployPolicy unlessSet, String version, Egg egg) {
    Map<String, ScrapydClient> selected = cluster.clients(nodes);
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("no node of the cluster matches " + nodes);
    }
    return run(new Cluster(cluster, selected), new ArrayList<>(selected.keySet()), projectOf,
        policy != null ? policy : unlessSet, version, egg);
  }

  /** Checks what a deploy is given, before anything is sent. */
  static void check(List<String> projects, String version, Egg egg) {
    for (String project : projects) {
      ScrapydNames.checkNewProject(project);
    }
    ScrapydNames.checkVersion(version);
    Args.notNull("egg", egg);
    Eggs.check(egg.sharedBytes());
    if (egg.settingsModule().isEmpty()) {
      throw new IllegalArgumentException("egg has no [scrapy] settings entry point in "
          + Egg.ENTRY_POINTS + ", so Scrapyd would store it and then fail; nothing was sent");
    }
  }

  private DeployReport run(Nodes nodes, List<String> ids, Function<String, String> projectOf,
      DeployPolicy policy, String version, Egg egg) {
    String stored = Versions.storedName(version);
    Map<String, NodeRun> runs = new LinkedHashMap<>();
    for (String id : ids) {
      runs.put(id, new NodeRun(id, nodes.baseUri(id), projectOf.apply(id), version, stored));
    }
    LOG.info("Deploying version {}{} ({} bytes, sha256 {}) to {} node(s): {}", version,
        stored.equals(version) ? "" : " (stored as " + stored + ")", egg.size(), egg.sha256(),
        ids.size(), String.join(", ", ids));

    settle(LIST, runs, nodes.run(ids, (id, async) -> runs.get(id).listBefore(async), true));
    boolean listedEverywhere = runs.values().stream().allMatch(r -> r.status == null);
    if (policy == DeployPolicy.ALL_OR_NOTHING && !listedEverywhere) {
      for (NodeRun r : runs.values()) {
        if (r.status == null) {
          r.status = NodeDeploy.Status.SKIPPED;
          r.error = "not uploaded: another node could not be reached first (ALL_OR_NOTHING)";
        }
      }
    } else {
      byte[] bytes = egg.sharedBytes();
      List<String> upload = select(runs, r -> r.status == null);
      if (!upload.isEmpty()) {
        settle(UPLOAD, runs,
            nodes.run(upload, (id, async) -> runs.get(id).upload(async, bytes), false));
      }
    }
    boolean rollBack = policy == DeployPolicy.ALL_OR_NOTHING
        && runs.values().stream().anyMatch(r -> r.status == NodeDeploy.Status.FAILED);
    List<String> finish = select(runs,
        r -> r.needsCleanup || (rollBack && r.status == NodeDeploy.Status.DEPLOYED));
    if (!finish.isEmpty()) {
      settle(FINISH, runs, nodes.run(finish, (id, async) -> runs.get(id).finish(async), false));
    }

    List<String> warnings = new ArrayList<>(egg.warnings());
    if (!stored.equals(version)) {
      warnings.add("Scrapyd stores version '" + version + "' as '" + stored
          + "' (characters outside [A-Za-z0-9_-] become _), and lists it that way");
    }
    List<NodeResult<NodeDeploy>> results = new ArrayList<>();
    for (NodeRun r : runs.values()) {
      results.add(r.result());
    }
    DeployReport report = new DeployReport(version, stored, policy, egg, warnings,
        ClusterResult.of(results));
    if (!report.succeeded()) {
      throw new DeployException(report);
    }
    return report;
  }

  private static List<String> select(
      Map<String, NodeRun> runs, Predicate<NodeRun> which) {
    List<String> ids = new ArrayList<>();
    runs.forEach((id, r) -> {
      if (which.test(r)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /**
   * After a step: a node whose step did not finish (down, past its timeout or the deadline) is
   * failed with what the fan-out says, and what its step does later is ignored.
   */
  private static void settle(int step, Map<String, NodeRun> runs, ClusterResult<NodeRun> done) {
    for (NodeResult<NodeRun> result : done.results()) {
      NodeRun run = runs.get(result.nodeId());
      result.failure().ifPresent(failure -> run.abandon(step, failure));
    }
  }

  private static ScrapydException scrapyd(Throwable error, URI baseUri) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ScrapydException) {
      return (ScrapydException) t;
    }
    return new ScrapydException("the deploy step failed: " + t, baseUri, null, null, t);
  }

  /** Where the steps run: one client, or a cluster's fan-out. */
  private interface Nodes {
    URI baseUri(String id);

    ClusterResult<NodeRun> run(List<String> ids,
        BiFunction<String, ScrapydAsyncClient, CompletableFuture<NodeRun>> step, boolean read);
  }

  /** One client: the step runs on it, bounded by the client's own request timeouts. */
  private static final class OneClient implements Nodes {
    private final String id;
    private final ScrapydClient client;

    OneClient(String id, ScrapydClient client) {
      this.id = id;
      this.client = client;
    }

    @Override
    public URI baseUri(String node) {
      return client.baseUri();
    }

    @Override
    public ClusterResult<NodeRun> run(List<String> ids,
        BiFunction<String, ScrapydAsyncClient, CompletableFuture<NodeRun>> step, boolean read) {
      NodeResult<NodeRun> result;
      try {
        result = NodeResult.success(id, step.apply(id, client.async()).join());
      } catch (RuntimeException e) {
        result = NodeResult.failure(id, scrapyd(e, client.baseUri()));
      }
      return ClusterResult.of(List.of(result));
    }
  }

  /** A cluster: each step is one fan-out to the nodes that take part in it. */
  private final class Cluster implements Nodes {
    private final ClusterClient cluster;
    private final Map<String, ScrapydClient> clients;

    Cluster(ClusterClient cluster, Map<String, ScrapydClient> clients) {
      this.cluster = cluster;
      this.clients = clients;
    }

    @Override
    public URI baseUri(String id) {
      return clients.get(id).baseUri();
    }

    @Override
    public ClusterResult<NodeRun> run(List<String> ids,
        BiFunction<String, ScrapydAsyncClient, CompletableFuture<NodeRun>> step, boolean read) {
      // A node the cluster dropped since the deploy began (DNS discovery) cannot be called.
      Set<String> present = cluster.nodes().stream().map(Node::id).collect(Collectors.toSet());
      List<String> here = ids.stream().filter(present::contains).collect(Collectors.toList());
      Map<String, NodeResult<NodeRun>> results = new HashMap<>();
      if (!here.isEmpty()) {
        FanOut fanOut = cluster.fanOut(NodeFilter.ids(here.toArray(new String[0])));
        if (!read) {
          fanOut = fanOut.withNodeTimeout(uploadTimeout).withDeadline(deadline);
        }
        fanOut.callPerNode((node, async) -> step.apply(node.id(), async)).results()
            .forEach(r -> results.put(r.nodeId(), r));
      }
      List<NodeResult<NodeRun>> inOrder = new ArrayList<>();
      for (String id : ids) {
        inOrder.add(results.getOrDefault(id, NodeResult.failure(id, new NodeUnavailableException(
            "node " + id + " left the cluster during the deploy", baseUri(id), null))));
      }
      return ClusterResult.of(inOrder);
    }
  }

  /**
   * The state of one node's deploy. Its steps run one after the other, but a step's callbacks
   * may run on another thread, and late, after the step was abandoned: every change holds the
   * lock and is dropped once the step was abandoned.
   */
  private final class NodeRun {
    final String id;
    final URI baseUri;
    final String project;
    final String version;
    final String stored;
    NodeDeploy.Status status;
    NodeDeploy.Cleanup cleanup = NodeDeploy.Cleanup.NOT_NEEDED;
    VersionList before;
    boolean existed;
    boolean latest;
    boolean needsCleanup;
    AddVersionResult added;
    String error;
    String serverMessage;
    ScrapydException failure;
    String nodeName;
    int abandoned; // a bit per step
    int settled;
    ScrapydException thrown;
    final List<String> warnings = new ArrayList<>();

    NodeRun(String id, URI baseUri, String project, String version, String stored) {
      this.id = id;
      this.baseUri = baseUri;
      this.project = project;
      this.version = version;
      this.stored = stored;
    }

    /**
     * A step's future, marking the step settled when it ends by itself: with success, or with
     * the failure it recorded (not with a bug's exception, which the fan-out reports).
     */
    private CompletableFuture<NodeRun> step(int step, CompletableFuture<NodeRun> future) {
      return future.whenComplete((done, error) -> {
        synchronized (this) {
          if (!isAbandoned(step) && (error == null || scrapyd(error, baseUri) == thrown)) {
            settled = step;
          }
        }
      });
    }

    private CompletionException thrown(ScrapydException e) {
      thrown = e;
      return new CompletionException(e);
    }

    CompletableFuture<NodeRun> listBefore(ScrapydAsyncClient async) {
      return step(LIST, async.listVersions(project).handle((listed, error) -> {
        synchronized (this) {
          if (isAbandoned(LIST)) {
            return this;
          }
          if (error != null) {
            ScrapydException e = scrapyd(error, baseUri);
            fail("could not list the versions of project " + project + " before uploading, so"
                + " nothing was uploaded: " + e.getMessage(), e);
            throw thrown(e);
          }
          listed(listed);
          return this;
        }
      }));
    }

    private void listed(VersionList listed) {
      before = listed;
      nodeName = listed.nodeName();
      existed = listed.versions().contains(stored);
      if (existed && !replaceExisting) {
        status = NodeDeploy.Status.FAILED;
        error = "version " + stored + " already exists on " + id
            + " and replacing existing versions is off; nothing was uploaded";
        return;
      }
      if (existed) {
        warnings.add("version " + stored + " already existed; the upload replaces its egg");
      }
      latest = VersionOrder.wouldBeLatest(listed.versions(), version);
      if (!latest) {
        List<String> after = new ArrayList<>(listed.versions());
        after.remove(stored);
        after.add(stored);
        String winner = VersionOrder.latest(after).orElse("?");
        warn("version " + stored + " will not be the latest on " + id
            + ": Scrapyd orders versions "
            + (VersionOrder.allPep440(after) ? "by PEP 440" : "as plain strings (not all are"
                + " PEP 440 versions)")
            + ", so jobs scheduled without _version will run " + winner
            + "; use increasing numeric versions such as epoch seconds");
      }
    }

    CompletableFuture<NodeRun> upload(ScrapydAsyncClient async, byte[] egg) {
      return step(UPLOAD, async.addVersion(project, version, egg).handle((answer, error) -> {
        synchronized (this) {
          if (isAbandoned(UPLOAD)) {
            return CompletableFuture.completedFuture(this);
          }
          return error != null ? rejected(async, scrapyd(error, baseUri)) : answered(async,
              answer);
        }
      }).thenCompose(next -> next));
    }

    private CompletableFuture<NodeRun> rejected(ScrapydAsyncClient async, ScrapydException e) {
      boolean mayBeStored;
      if (e instanceof ScrapydApiException) {
        serverMessage = ((ScrapydApiException) e).serverMessage();
        fail("Scrapyd rejected the egg (" + ((ScrapydApiException) e).reason() + "): "
            + lastLine(serverMessage), e);
        mayBeStored = true;
      } else if (e instanceof ScrapydTransportException) {
        fail("the upload got no answer: " + e.getMessage(), e);
        mayBeStored = ((ScrapydTransportException) e).mayHaveReachedServer();
      } else if (e instanceof ScrapydAuthenticationException) {
        fail("the upload was refused: " + e.getMessage(), e);
        mayBeStored = false;
      } else if (e instanceof ScrapydHttpException) {
        fail("the upload failed: " + e.getMessage(), e);
        mayBeStored = ((ScrapydHttpException) e).statusCode() >= 500;
      } else {
        fail("the upload failed: " + e.getMessage(), e);
        mayBeStored = true;
      }
      return cleanUp(async, mayBeStored, UPLOAD).thenApply(done -> {
        synchronized (this) {
          throw thrown(e);
        }
      });
    }

    private CompletableFuture<NodeRun> answered(ScrapydAsyncClient async, AddVersionResult a) {
      added = a;
      nodeName = a.nodeName();
      if (!a.project().equals(project) || !Versions.storedName(a.version()).equals(stored)) {
        fail("Scrapyd answered for project " + a.project() + " version " + a.version()
            + " instead of " + project + " version " + version, null);
        return cleanUp(async, true, UPLOAD);
      }
      if (a.spiders() == 0 && requireSpiders) {
        fail("Scrapyd found no spider in the egg (check SPIDER_MODULES in the settings module"
            + " and that the spider packages are in the egg), and spiders are required"
            + " (requireSpiders, --require-spiders), so the deploy is treated as failed", null);
        return cleanUp(async, true, UPLOAD);
      }
      if (a.spiders() == 0) {
        warn("Scrapyd found no spider in project " + project + " version " + stored
            + ": fine for a new project; otherwise check SPIDER_MODULES in the settings module"
            + " and that the spider packages are in the egg (requireSpiders, --require-spiders,"
            + " makes this a failure)");
      }
      status = NodeDeploy.Status.DEPLOYED;
      LOG.info("{}: deployed project {} version {} ({} spiders){}", id, project, stored,
          a.spiders(), latest ? "" : ", not the latest version");
      return CompletableFuture.completedFuture(this);
    }

    /** The last step: rolls back a deployed node, or cleans up after an abandoned upload. */
    CompletableFuture<NodeRun> finish(ScrapydAsyncClient async) {
      return step(FINISH, finishStep(async));
    }

    private CompletableFuture<NodeRun> finishStep(ScrapydAsyncClient async) {
      synchronized (this) {
        if (status != NodeDeploy.Status.DEPLOYED) {
          return cleanUp(async, true, FINISH);
        }
        if (existed) {
          cleanup = NodeDeploy.Cleanup.KEPT_EXISTING;
          warn("could not roll back: version " + stored + " existed before this deploy, so"
              + " it was not deleted; the node now holds this deploy's egg under it");
          return CompletableFuture.completedFuture(this);
        }
      }
      return async.delVersion(project, version).handle((deleted, error) -> {
        synchronized (this) {
          if (isAbandoned(FINISH)) {
            return this;
          }
          if (error == null) {
            status = NodeDeploy.Status.ROLLED_BACK;
            cleanup = NodeDeploy.Cleanup.DELETED;
            this.error = "rolled back: the version was deployed here but another node failed"
                + " (ALL_OR_NOTHING), so it was deleted again";
            return this;
          }
          ScrapydException e = scrapyd(error, baseUri);
          rollBackFailed(e);
          throw thrown(e);
        }
      });
    }

    private void rollBackFailed(ScrapydException e) {
      cleanup = NodeDeploy.Cleanup.FAILED;
      warn("could not roll back: deleting version " + stored + " failed: " + e.getMessage()
          + "; it is still deployed here");
    }

    /** Deletes the version a failed upload may have stored, unless it was there before. */
    private CompletableFuture<NodeRun> cleanUp(
        ScrapydAsyncClient async, boolean mayBeStored, int step) {
      needsCleanup = false;
      if (!mayBeStored) {
        return CompletableFuture.completedFuture(this);
      }
      if (existed) {
        cleanup = NodeDeploy.Cleanup.KEPT_EXISTING;
        error += "; version " + stored + " existed before this upload and was not deleted, but"
            + " the upload replaced its egg: the node now holds the rejected egg under " + stored
            + " (redeploy a working egg as " + stored + ", or delete it)";
        return CompletableFuture.completedFuture(this);
      }
      if (!deleteRejected) {
        cleanup = NodeDeploy.Cleanup.KEPT_ON_REQUEST;
        error += "; the rejected version " + stored + " stays stored (deleting is off) and may now"
            + " be the latest";
        return CompletableFuture.completedFuture(this);
      }
      return async.delVersion(project, version).handle((deleted, failed) -> {
        synchronized (this) {
          if (isAbandoned(step)) {
            return this;
          }
          if (failed == null) {
            cleanup = NodeDeploy.Cleanup.DELETED;
            error += "; the version Scrapyd had stored anyway was deleted again";
            return this;
          }
          ScrapydException e = scrapyd(failed, baseUri);
          if (e instanceof ScrapydApiException
              && ((ScrapydApiException) e).reason() == ScrapydApiException.Reason.VERSION_NOT_FOUND) {
            cleanup = NodeDeploy.Cleanup.NOT_STORED;
            error += "; Scrapyd had not stored the version";
          } else {
            cleanupFailed(e);
          }
          return this;
        }
      });
    }

    private void cleanupFailed(ScrapydException e) {
      cleanup = NodeDeploy.Cleanup.FAILED;
      String w = "deleting the rejected version " + stored + " failed (" + e.getMessage()
          + "): it may still be stored, and be the latest; delete it with delversion";
      error += "; " + w;
      warnings.add(w);
    }

    /**
     * The fan-out ended this node's step without it: the node was down, or the step went past
     * its timeout or the deadline. What the step does later is ignored.
     */
    synchronized void abandon(int step, ScrapydException e) {
      if (settled >= step) {
        return; // the step failed by itself, and said how
      }
      abandoned |= 1 << step;
      boolean late = e instanceof ScrapydTimeoutException;
      switch (step) {
        case LIST:
          fail("could not list the versions of project " + project + " before uploading, so"
              + " nothing was uploaded: " + e.getMessage(), e);
          break;
        case UPLOAD:
          if (e instanceof NodeUnavailableException) {
            fail("not uploaded: " + e.getMessage(), e);
          } else {
            fail("the upload got no answer in time: " + e.getMessage(), e);
            needsCleanup = true; // it may still land: delete it in the last step
          }
          break;
        default:
          if (status == NodeDeploy.Status.DEPLOYED) {
            rollBackFailed(e);
          } else if (cleanup == NodeDeploy.Cleanup.NOT_NEEDED) {
            cleanupFailed(e);
          }
          break;
      }
      if (late) {
        warn("the node did not finish this step in time; a request still under way may change"
            + " the node after this report (check with listversions)");
      }
    }

    private boolean isAbandoned(int step) {
      return (abandoned & (1 << step)) != 0;
    }

    private void fail(String message, ScrapydException e) {
      status = NodeDeploy.Status.FAILED;
      error = message;
      failure = e;
      LOG.warn("{}: {}", id, message);
    }

    private void warn(String warning) {
      warnings.add(warning);
      LOG.warn("{}: {}", id, warning);
    }

    synchronized NodeResult<NodeDeploy> result() {
      if (status == null) { // cannot happen: each step ends with a status, or is abandoned
        status = NodeDeploy.Status.FAILED;
        error = "the deploy did not finish on this node";
      }
      NodeDeploy.Builder b = NodeDeploy.builder()
          .baseUri(baseUri)
          .project(project)
          .status(status)
          .cleanup(cleanup)
          .existedBefore(existed)
          .latest(status == NodeDeploy.Status.DEPLOYED && latest)
          .addAllWarnings(warnings);
      if (nodeName != null) {
        b.nodeName(nodeName);
      }
      if (before != null) {
        b.versionsBefore(before);
      }
      if (added != null) {
        b.answer(added);
      }
      if (error != null) {
        b.error(error);
      }
      if (serverMessage != null) {
        b.serverMessage(serverMessage);
      }
      NodeDeploy deploy = b.build();
      return status == NodeDeploy.Status.DEPLOYED ? NodeResult.success(id, deploy)
          : NodeResult.failure(id, new NodeDeployException(id, deploy, failure));
    }
  }

  private static String lastLine(String message) {
    String trimmed = message.strip();
    int nl = trimmed.lastIndexOf('\n');
    String last = nl < 0 ? trimmed : trimmed.substring(nl + 1).strip();
    return last.length() > 500 ? last.substring(0, 500) + "..." : last;
  }

  /** Options, shown for logs. */
  @Override
  public String toString() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("policy", policy == null ? "default" : policy);
    options.put("requireSpiders", requireSpiders);
    options.put("deleteRejectedVersion", deleteRejected);
    options.put("replaceExisting", replaceExisting);
    options.put("uploadTimeout", uploadTimeout);
    options.put("deadline", deadline);
    return "Deployer" + options;
  }

  /** Builds a {@link Deployer}; every option has a safe default. */
  public static final class Builder {
    private boolean requireSpiders;
    private boolean deleteRejected = true;
    private boolean replaceExisting = true;
    private DeployPolicy policy;
    private Duration uploadTimeout = DEFAULT_UPLOAD_TIMEOUT;
    private Duration deadline = DEFAULT_DEADLINE;

    private Builder() {}

    /**
     * Whether an egg in which Scrapyd finds no spider is a failure (the version is then deleted
     * again, unless it existed before). Default: false: it is deployed with a warning, as
     * scrapyd-deploy deploys it (a project made with {@code scrapy startproject} has no spider
     * yet). True catches a mistake in {@code SPIDER_MODULES} or a spider package left out.
     *
     * @param require true to fail deploys of eggs without spiders
     * @return this builder
     */
    public Builder requireSpiders(boolean require) {
      this.requireSpiders = require;
      return this;
    }

    /**
     * Whether an egg in which Scrapyd finds no spider counts as deployed.
     *
     * @param allow true to accept eggs without spiders, false to fail them
     * @return this builder
     * @deprecated eggs without spiders are now accepted by default; use {@link
     *     #requireSpiders(boolean)}, its opposite ({@code allowNoSpiders(false)} is {@code
     *     requireSpiders(true)}).
     */
    @Deprecated
    public Builder allowNoSpiders(boolean allow) {
      this.requireSpiders = !allow;
      return this;
    }

    /**
     * Whether a version Scrapyd rejected is deleted again. Default: true. Versions that existed
     * before the upload are never deleted.
     *
     * @param delete false to leave rejected versions stored
     * @return this builder
     */
    public Builder deleteRejectedVersion(boolean delete) {
      this.deleteRejected = delete;
      return this;
    }

    /**
     * Whether uploading a version that already exists is allowed (Scrapyd replaces its egg, as
     * scrapyd-deploy does). Default: true. When false, such a node fails without an upload.
     *
     * @param replace false to refuse replacing versions
     * @return this builder
     */
    public Builder replaceExisting(boolean replace) {
      this.replaceExisting = replace;
      return this;
    }

    /**
     * What to do when some nodes fail. Default: {@link DeployPolicy#ALL_OR_NOTHING} for the nodes
     * of a {@link ClusterClient} (they serve one project), {@link DeployPolicy#BEST_EFFORT} for
     * the targets of {@code scrapy.cfg} (as {@code scrapyd-deploy -a}); one node is the same
     * either way.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(DeployPolicy policy) {
      this.policy = Args.notNull("policy", policy);
      return this;
    }

    /**
     * How long one node's upload, with its cleanup or roll-back, may take on a cluster; a node
     * past it fails (and the version it may still store is deleted again). Default: {@link
     * Deployer#DEFAULT_UPLOAD_TIMEOUT}. A deploy to one client is bounded by that client's own
     * timeouts ({@code spiderListingTimeout} for the upload).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder uploadTimeout(Duration timeout) {
      this.uploadTimeout = Args.positive("uploadTimeout", timeout);
      return this;
    }

    /**
     * How long the uploads to all nodes of a cluster may take, and then the roll-backs; nodes
     * that have not finished by then fail. Default: {@link Deployer#DEFAULT_DEADLINE}. The
     * listing before the upload takes the cluster's own {@code nodeTimeout} and {@code
     * deadline}.
     *
     * @param deadline a positive duration
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Args.positive("deadline", deadline);
      return this;
    }

    /**
     * Builds the deployer.
     *
     * @return the deployer
     */
    public Deployer build() {
      return new Deployer(this);
    }
  }
}
