package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.ScrapydNames;
import io.github.scrapyd4j.ScrapydTransportException;
import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.VersionList;
import io.github.scrapyd4j.model.Versions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads an egg safely to one or many Scrapyd nodes. For each node it:
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
 *   DeployResult result = Deployer.builder().build()
 *       .deploy(client, "shop", VersionResolver.resolveDefault(null), egg);
 *   result.allWarnings().forEach(System.err::println);          // e.g. "will not be the latest"
 * } catch (DeployException e) {
 *   System.err.println(e.getMessage());                          // Scrapyd's error, cleanup done
 * }
 * }</pre>
 *
 * <p>With several nodes, the egg is the same bytes everywhere, the nodes are deployed in
 * parallel, and {@link DeployPolicy} decides what happens when some fail. Any failure throws a
 * {@link DeployException} carrying every node's outcome. Clients are used, not closed. A
 * {@code Deployer} is immutable and thread-safe.
 */
public final class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  /** The default number of nodes deployed at the same time: 8. */
  public static final int DEFAULT_PARALLELISM = 8;

  private final boolean requireSpiders;
  private final boolean deleteRejected;
  private final boolean replaceExisting;
  private final DeployPolicy policy;
  private final int parallelism;

  private Deployer(Builder b) {
    this.requireSpiders = b.requireSpiders;
    this.deleteRejected = b.deleteRejected;
    this.replaceExisting = b.replaceExisting;
    this.policy = b.policy;
    this.parallelism = b.parallelism;
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
   * Deploys to one node.
   *
   * @param client the node's client (not closed)
   * @param project the project
   * @param version the version, sent as is (Scrapyd stores it sanitized)
   * @param egg the egg
   * @return the outcome, when the version is deployed
   * @throws DeployException if it is not; the message has Scrapyd's answer and what became of
   *     the version
   * @throws IllegalArgumentException if an argument is blank or the egg has no {@code [scrapy]}
   *     settings entry point (nothing is sent then)
   */
  public DeployResult deploy(ScrapydClient client, String project, String version, Egg egg) {
    Args.notNull("client", client);
    return deploy(List.of(DeployDestination.of(client.baseUri().toString(), client, project)),
        version, egg);
  }

  /**
   * Deploys the same egg and version of one project to several nodes, named for the report.
   *
   * @param clients the nodes' clients by name, such as node ids (not closed)
   * @param project the project
   * @param version the version
   * @param egg the egg
   * @return the outcomes, when the version is deployed everywhere
   * @throws DeployException if it is not
   */
  public DeployResult deploy(
      Map<String, ScrapydClient> clients, String project, String version, Egg egg) {
    Args.notNull("clients", clients);
    List<DeployDestination> destinations = new ArrayList<>();
    for (Map.Entry<String, ScrapydClient> e : clients.entrySet()) {
      destinations.add(DeployDestination.of(e.getKey(), e.getValue(), project));
    }
    return deploy(destinations, version, egg);
  }

  /**
   * Deploys the same egg and version to several nodes, each with its own project name.
   *
   * @param destinations the nodes, with unique names
   * @param version the version
   * @param egg the egg
   * @return the outcomes, when the version is deployed everywhere
   * @throws DeployException if it is not
   */
  public DeployResult deploy(
      Collection<DeployDestination> destinations, String version, Egg egg) {
    Args.notNull("destinations", destinations);
    ScrapydNames.checkVersion(version);
    Args.notNull("egg", egg);
    if (destinations.isEmpty()) {
      throw new IllegalArgumentException("destinations must not be empty");
    }
    Set<String> names = new HashSet<>();
    for (DeployDestination d : destinations) {
      ScrapydNames.checkNewProject(d.project());
      if (!names.add(d.name())) {
        throw new IllegalArgumentException(
            "destinations must have unique names, but '" + d.name() + "' is there twice");
      }
    }
    if (egg.entries().stream().noneMatch(e -> e.name().equals(Egg.PKG_INFO))) {
      throw new IllegalArgumentException("egg has no " + Egg.PKG_INFO
          + ", so Scrapyd would store it and then fail with BadEggError; nothing was sent");
    }
    if (egg.settingsModule().isEmpty()) {
      throw new IllegalArgumentException("egg has no [scrapy] settings entry point in "
          + Egg.ENTRY_POINTS + ", so Scrapyd would store it and then fail; nothing was sent");
    }
    String stored = Versions.storedName(version);
    List<NodeRun> runs = new ArrayList<>();
    for (DeployDestination d : destinations) {
      runs.add(new NodeRun(d, version, stored));
    }
    LOG.info("Deploying version {}{} ({} bytes, sha256 {}) to {} node(s): {}", version,
        stored.equals(version) ? "" : " (stored as " + stored + ")", egg.size(), egg.sha256(),
        runs.size(), String.join(", ", names));

    ExecutorService pool = runs.size() == 1 ? null
        : Executors.newFixedThreadPool(Math.min(parallelism, runs.size()), r -> {
          Thread t = new Thread(r, "scrapyd4j-deploy");
          t.setDaemon(true);
          return t;
        });
    try {
      inParallel(pool, runs, NodeRun::listBefore);
      boolean listedEverywhere = runs.stream().allMatch(r -> r.status == null);
      if (policy == DeployPolicy.ALL_OR_NOTHING && !listedEverywhere) {
        for (NodeRun r : runs) {
          if (r.status == null) {
            r.status = NodeOutcome.Status.SKIPPED;
            r.error = "not uploaded: another node could not be reached first (ALL_OR_NOTHING)";
          }
        }
      } else {
        inParallel(pool, runs, r -> {
          if (r.status == null) {
            r.upload(egg);
          }
          return null;
        });
      }
      if (policy == DeployPolicy.ALL_OR_NOTHING
          && runs.stream().anyMatch(r -> r.status == NodeOutcome.Status.FAILED)) {
        inParallel(pool, runs, r -> {
          if (r.status == NodeOutcome.Status.DEPLOYED) {
            r.rollBack();
          }
          return null;
        });
      }
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }

    DeployResult.Builder result = DeployResult.builder()
        .version(version)
        .storedVersion(stored)
        .policy(policy)
        .eggSha256(egg.sha256())
        .eggSize(egg.size())
        .eggSummary(egg.summary())
        .addAllWarnings(egg.warnings());
    if (!stored.equals(version)) {
      result.addWarning("Scrapyd stores version '" + version + "' as '" + stored
          + "' (characters outside [A-Za-z0-9_-] become _), and lists it that way");
    }
    for (NodeRun r : runs) {
      result.addOutcome(r.outcome());
    }
    DeployResult done = result.build();
    if (!done.succeeded()) {
      throw new DeployException(done);
    }
    return done;
  }

  private static void inParallel(
      ExecutorService pool, List<NodeRun> runs, Function<NodeRun, ?> step) {
    if (pool == null) {
      for (NodeRun r : runs) {
        step.apply(r);
      }
      return;
    }
    List<CompletableFuture<?>> futures = new ArrayList<>();
    for (NodeRun r : runs) {
      futures.add(CompletableFuture.supplyAsync(() -> step.apply(r), pool));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
  }

  /** The state of one node's deploy. Each instance is only used by one thread at a time. */
  private final class NodeRun {
    final DeployDestination destination;
    final ScrapydClient client;
    final String project;
    final String version;
    final String stored;
    NodeOutcome.Status status;
    NodeOutcome.Cleanup cleanup = NodeOutcome.Cleanup.NOT_NEEDED;
    VersionList before;
    boolean existed;
    boolean latest;
    AddVersionResult added;
    String error;
    String serverMessage;
    ScrapydException failure;
    String nodeName;
    final List<String> warnings = new ArrayList<>();

    NodeRun(DeployDestination destination, String version, String stored) {
      this.destination = destination;
      this.client = destination.client();
      this.project = destination.project();
      this.version = version;
      this.stored = stored;
    }

    Void listBefore() {
      try {
        before = client.listVersions(project);
        nodeName = before.nodeName();
      } catch (ScrapydException e) {
        fail("could not list the versions of project " + project + " before uploading, so"
            + " nothing was uploaded: " + e.getMessage(), e);
        return null;
      }
      existed = before.versions().contains(stored);
      if (existed && !replaceExisting) {
        status = NodeOutcome.Status.FAILED;
        error = "version " + stored + " already exists on " + destination.name()
            + " and replacing existing versions is off; nothing was uploaded";
        return null;
      }
      if (existed) {
        warnings.add("version " + stored + " already existed; the upload replaces its egg");
      }
      latest = VersionOrder.wouldBeLatest(before.versions(), version);
      if (!latest) {
        List<String> after = new ArrayList<>(before.versions());
        after.remove(stored);
        after.add(stored);
        String winner = VersionOrder.latest(after).orElse("?");
        warnings.add("version " + stored + " will not be the latest on " + destination.name()
            + ": Scrapyd orders versions "
            + (VersionOrder.allPep440(after) ? "by PEP 440" : "as plain strings (not all are"
                + " PEP 440 versions)")
            + ", so jobs scheduled without _version will run " + winner
            + "; use increasing numeric versions such as epoch seconds");
        LOG.warn("{}: {}", destination.name(), warnings.get(warnings.size() - 1));
      }
      return null;
    }

    void upload(Egg egg) {
      try {
        added = client.addVersion(project, version, egg.sharedBytes());
        nodeName = added.nodeName();
      } catch (ScrapydApiException e) {
        serverMessage = e.serverMessage();
        fail("Scrapyd rejected the egg (" + e.reason() + "): " + lastLine(e.serverMessage()), e);
        cleanUp(true);
        return;
      } catch (ScrapydTransportException e) {
        fail("the upload got no answer: " + e.getMessage(), e);
        cleanUp(e.mayHaveReachedServer());
        return;
      } catch (ScrapydAuthenticationException e) {
        fail("the upload was refused: " + e.getMessage(), e);
        return;
      } catch (ScrapydHttpException e) {
        fail("the upload failed: " + e.getMessage(), e);
        cleanUp(e.statusCode() >= 500);
        return;
      } catch (ScrapydException e) {
        fail("the upload failed: " + e.getMessage(), e);
        cleanUp(true);
        return;
      }
      if (!added.project().equals(project)
          || !Versions.storedName(added.version()).equals(stored)) {
        fail("Scrapyd answered for project " + added.project() + " version " + added.version()
            + " instead of " + project + " version " + version, null);
        cleanUp(true);
        return;
      }
      if (added.spiders() == 0 && requireSpiders) {
        fail("Scrapyd found no spider in the egg (check SPIDER_MODULES in the settings module"
            + " and that the spider packages are in the egg), and spiders are required"
            + " (requireSpiders, --require-spiders), so the deploy is treated as failed", null);
        cleanUp(true);
        return;
      }
      if (added.spiders() == 0) {
        warnings.add("Scrapyd found no spider in project " + project + " version " + stored
            + ": fine for a new project; otherwise check SPIDER_MODULES in the settings module"
            + " and that the spider packages are in the egg (requireSpiders, --require-spiders,"
            + " makes this a failure)");
        LOG.warn("{}: {}", destination.name(), warnings.get(warnings.size() - 1));
      }
      status = NodeOutcome.Status.DEPLOYED;
      LOG.info("{}: deployed project {} version {} ({} spiders){}", destination.name(), project,
          stored, added.spiders(), latest ? "" : ", not the latest version");
    }

    void rollBack() {
      if (existed) {
        cleanup = NodeOutcome.Cleanup.KEPT_EXISTING;
        warnings.add("could not roll back: version " + stored + " existed before this deploy, so"
            + " it was not deleted; the node now holds this deploy's egg under it");
        LOG.warn("{}: {}", destination.name(), warnings.get(warnings.size() - 1));
        return;
      }
      try {
        client.delVersion(project, version);
        status = NodeOutcome.Status.ROLLED_BACK;
        cleanup = NodeOutcome.Cleanup.DELETED;
        error = "rolled back: the version was deployed here but another node failed"
            + " (ALL_OR_NOTHING), so it was deleted again";
      } catch (ScrapydException e) {
        cleanup = NodeOutcome.Cleanup.FAILED;
        warnings.add("could not roll back: deleting version " + stored + " failed: "
            + e.getMessage() + "; it is still deployed here");
        LOG.warn("{}: {}", destination.name(), warnings.get(warnings.size() - 1));
      }
    }

    private void fail(String message, ScrapydException e) {
      status = NodeOutcome.Status.FAILED;
      error = message;
      failure = e;
      LOG.warn("{}: {}", destination.name(), message);
    }

    /** Deletes the version the failed upload may have stored, unless it was there before. */
    private void cleanUp(boolean mayBeStored) {
      if (!mayBeStored) {
        return;
      }
      if (existed) {
        cleanup = NodeOutcome.Cleanup.KEPT_EXISTING;
        error += "; version " + stored + " existed before this upload and was not deleted, but"
            + " the upload replaced its egg: the node now holds the rejected egg under " + stored
            + " (redeploy a working egg as " + stored + ", or delete it)";
        return;
      }
      if (!deleteRejected) {
        cleanup = NodeOutcome.Cleanup.KEPT_ON_REQUEST;
        error += "; the rejected version " + stored + " stays stored (deleting is off) and may now"
            + " be the latest";
        return;
      }
      try {
        client.delVersion(project, version);
        cleanup = NodeOutcome.Cleanup.DELETED;
        error += "; the version Scrapyd had stored anyway was deleted again";
      } catch (ScrapydApiException e) {
        if (e.reason() == ScrapydApiException.Reason.VERSION_NOT_FOUND) {
          cleanup = NodeOutcome.Cleanup.NOT_STORED;
          error += "; Scrapyd had not stored the version";
        } else {
          cleanupFailed(e);
        }
      } catch (ScrapydException e) {
        cleanupFailed(e);
      }
    }

    private void cleanupFailed(ScrapydException e) {
      cleanup = NodeOutcome.Cleanup.FAILED;
      String w = "deleting the rejected version " + stored + " failed (" + e.getMessage()
          + "): it may still be stored, and be the latest; delete it with delversion";
      error += "; " + w;
      warnings.add(w);
    }

    NodeOutcome outcome() {
      NodeOutcome.Builder b = NodeOutcome.builder()
          .name(destination.name())
          .baseUri(client.baseUri())
          .project(project)
          .version(version)
          .storedVersion(stored)
          .status(status)
          .cleanup(cleanup)
          .existedBefore(existed)
          .latest(status == NodeOutcome.Status.DEPLOYED && latest)
          .addAllWarnings(warnings);
      if (nodeName != null) {
        b.nodeName(nodeName);
      }
      if (before != null) {
        b.versionsBefore(before);
      }
      if (added != null) {
        b.spiders(OptionalInt.of(added.spiders()));
      }
      if (error != null) {
        b.error(error);
      }
      if (serverMessage != null) {
        b.serverMessage(serverMessage);
      }
      if (failure != null) {
        b.failure(failure);
      }
      return b.build();
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
    options.put("policy", policy);
    options.put("requireSpiders", requireSpiders);
    options.put("deleteRejectedVersion", deleteRejected);
    options.put("replaceExisting", replaceExisting);
    options.put("parallelism", parallelism);
    return "Deployer" + options;
  }

  /** Builds a {@link Deployer}; every option has a safe default. */
  public static final class Builder {
    private boolean requireSpiders;
    private boolean deleteRejected = true;
    private boolean replaceExisting = true;
    private DeployPolicy policy = DeployPolicy.BEST_EFFORT;
    private int parallelism = DEFAULT_PARALLELISM;

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
     * What to do when some nodes fail. Default: {@link DeployPolicy#BEST_EFFORT}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(DeployPolicy policy) {
      this.policy = Args.notNull("policy", policy);
      return this;
    }

    /**
     * How many nodes are deployed at the same time. Default: {@value Deployer#DEFAULT_PARALLELISM}.
     *
     * @param parallelism 1 or more
     * @return this builder
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be 1 or more, but was " + parallelism);
      }
      this.parallelism = parallelism;
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
