package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydNames;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeFilter;
import io.github.scrapyd4j.egg.internal.Args;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a project folder: the one entry point from a Scrapy project to a deployed version. It
 * reads {@code scrapy.cfg}, computes the version once, builds the egg once (in Java, or takes a
 * prebuilt one), and deploys it with a {@link Deployer} (which checks the egg before anything is
 * sent) to your client, your cluster, one {@code scrapy.cfg} target, several, all of them, or a
 * URL given in code. A folder in, a {@link DeployReport} out.
 *
 * <pre>{@code
 * ProjectDeploy deploy = ProjectDeploy.builder()
 *     .findProject(Path.of("."))      // scrapy.cfg, from here up
 *     .version("GIT")                 // -v; default: the target's version key, else epoch seconds
 *     .build();
 * DeployReport one = deploy.toTarget("prod");                    // scrapyd-deploy prod
 * DeployReport all = deploy.toAllTargets();                      // scrapyd-deploy -a
 * Egg egg = deploy.buildEgg();                                   // --build-egg FILE
 *
 * ProjectDeploy shop = ProjectDeploy.builder().findProject(Path.of(".")).project("shop").build();
 * DeployReport mine = shop.to(client);                           // your ScrapydClient
 * DeployReport every = shop.to(cluster);                         // your ClusterClient's nodes
 * DeployReport url = shop.toUrl(URI.create("http://localhost:6800"), null);
 * }</pre>
 *
 * <p>It maps onto scrapyd-deploy's command line: {@code TARGET} is {@link #toTarget(String)},
 * {@code -p} {@link Builder#project(String)}, {@code -v} {@link Builder#version(String)}, {@code
 * -a} {@link #toAllTargets()}, {@code --egg FILE} {@link Builder#egg(Egg)} with {@link
 * Egg#read(Path)}, {@code --build-egg FILE} {@link #buildEgg()} and {@link Egg#writeTo(Path)}.
 * Unlike scrapyd-deploy, every target is checked (known, with a URL and a project) before the
 * egg is built or anything is sent, and a failure on any target throws a {@link
 * DeployException} after all targets were tried. Several targets are deployed as the nodes of a
 * cluster made for the deploy (node ids are the target names, characters a node id cannot have
 * replaced by {@code _}), through its fan-out.
 *
 * <p>The user's files are found as Python's tools find them: {@code ~/.scrapy.cfg} and {@code
 * ~/.netrc} under {@code $HOME} (else the {@code user.home} property), {@code scrapy.cfg} under
 * {@code $XDG_CONFIG_HOME} (else {@code ~/.config}), {@code $NETRC} as the requests library reads
 * it (see {@link Netrc#lookup(Map)}). {@link Builder#environment(Map)} sets the variables, so a
 * test or a host application need not change its own. An unknown target, and a node that answers
 * 401, get a message naming the files that were read (never a password).
 */
public final class ProjectDeploy {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectDeploy.class);

  private final ScrapyConfig configGiven;
  private final Path start;
  private final EggBuilder eggBuilder;
  private final Egg egg;
  private final String project;
  private final String version;
  private final VersionResolver versionResolver;
  private final Deployer deployer;
  private final Optional<Netrc> netrcGiven;
  private final Credentials credentials;
  private final Map<String, String> environment;
  private final ClientOptions clientOptions;

  private ProjectDeploy(Builder b) {
    this.configGiven = b.config;
    this.start = b.start;
    this.eggBuilder = b.eggBuilder;
    this.egg = b.egg;
    this.project = b.project;
    this.version = b.version;
    this.versionResolver = b.versionResolver;
    this.deployer = b.deployer;
    this.netrcGiven = b.netrc;
    this.credentials = b.credentials;
    this.environment = b.environment;
    this.clientOptions = b.clientOptions;
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
   * The project's configuration.
   *
   * @return the configuration given, or the one found from the start folder
   * @throws ScrapyConfigException if no {@code scrapy.cfg} is found
   */
  public ScrapyConfig config() {
    if (configGiven != null) {
      return configGiven;
    }
    return ScrapyConfig.loader().environment(environment)
        .find(start != null ? start : Path.of("").toAbsolutePath());
  }

  /**
   * The deploy targets of {@code scrapy.cfg}.
   *
   * @return the targets by name, {@code default} first
   */
  public Map<String, DeployTarget> targets() {
    return config().targets();
  }

  /**
   * Builds the egg ({@code --build-egg}), or returns the prebuilt one.
   *
   * @return the egg
   * @throws EggBuildException if the project cannot be packaged
   */
  public Egg buildEgg() {
    return buildEgg(config());
  }

  private Egg buildEgg(ScrapyConfig cfg) {
    if (egg != null) {
      return egg;
    }
    EggBuilder builder = eggBuilder != null ? eggBuilder
        : EggBuilder.builder().scrapyConfig(cfg).environment(environment).build();
    return builder.build();
  }

  /**
   * Deploys to one target of {@code scrapy.cfg} ({@code scrapyd-deploy TARGET}).
   *
   * @param target the target's name; {@code default} is {@code [deploy]}
   * @return the outcome, when deployed
   * @throws ScrapyConfigException if the target is unknown or has no URL or project
   * @throws DeployException if the deploy fails
   */
  public DeployReport toTarget(String target) {
    return toTargets(List.of(Args.notNull("target", target)));
  }

  /**
   * Deploys to every target of {@code scrapy.cfg} ({@code scrapyd-deploy -a}): one version, one
   * egg, all targets in parallel.
   *
   * @return the outcomes, when deployed everywhere
   * @throws ScrapyConfigException if there is no target, or one has no URL or project
   * @throws DeployException if the deploy fails on any target
   */
  public DeployReport toAllTargets() {
    ScrapyConfig cfg = config();
    Map<String, DeployTarget> all = cfg.targets();
    if (all.isEmpty()) {
      throw new ScrapyConfigException(ScrapyConfigException.Problem.UNKNOWN_TARGET,
          "no deploy target: add [deploy] with a url, or [deploy:NAME] sections, to scrapy.cfg ("
              + cfg.describeSources() + ")", cfg.file().orElse(null), 0, null);
    }
    return deploy(cfg, new ArrayList<>(all.values()));
  }

  /**
   * Deploys to some targets of {@code scrapy.cfg}, with one version and one egg.
   *
   * @param targets the targets' names
   * @return the outcomes, when deployed everywhere
   * @throws ScrapyConfigException if a target is unknown or has no URL or project
   * @throws DeployException if the deploy fails on any target
   */
  public DeployReport toTargets(Collection<String> targets) {
    Args.notNull("targets", targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must not be empty");
    }
    ScrapyConfig cfg = config();
    Set<String> unique = new LinkedHashSet<>(targets);
    List<DeployTarget> chosen = new ArrayList<>();
    for (String name : unique) {
      chosen.add(cfg.target(name));
    }
    return deploy(cfg, chosen);
  }

  /**
   * Deploys to your client: the project folder in, the report out. The project must be given
   * with {@link Builder#project(String)}; the version is {@link Builder#version(String)}'s rule,
   * else epoch seconds. {@link Builder#clientOptions(ClientOptions)} and the credentials options
   * do not apply: the client is yours, used and not closed.
   *
   * @param client the node's client
   * @return the report, when deployed
   * @throws IllegalStateException if no project was given
   * @throws DeployException if the deploy fails
   */
  public DeployReport to(ScrapydClient client) {
    Args.notNull("client", client);
    Prepared p = prepare();
    return deployer.deploy(client, p.project, p.version, p.egg);
  }

  /**
   * Deploys to every node of your cluster, through its fan-out (its request limit, health and
   * deadlines apply); all or nothing unless the {@link Builder#deployer(Deployer) deployer} has
   * another policy. Same project and version rules as {@link #to(ScrapydClient)}.
   *
   * @param cluster the cluster, used and not closed
   * @return the report, when every node is deployed
   * @throws IllegalStateException if no project was given
   * @throws DeployException if the deploy fails on any node
   */
  public DeployReport to(ClusterClient cluster) {
    return to(cluster, NodeFilter.all());
  }

  /**
   * Deploys to the nodes of your cluster that a filter selects; see {@link #to(ClusterClient)}.
   *
   * @param cluster the cluster, used and not closed
   * @param nodes which nodes
   * @return the report, when every selected node is deployed
   * @throws IllegalStateException if no project was given
   * @throws IllegalArgumentException if the filter selects no node
   * @throws DeployException if the deploy fails on any node
   */
  public DeployReport to(ClusterClient cluster, NodeFilter nodes) {
    Args.notNull("cluster", cluster);
    Args.notNull("nodes", nodes);
    Prepared p = prepare();
    return deployer.deploy(cluster, nodes, p.project, p.version, p.egg);
  }

  /**
   * Deploys to a Scrapyd given in code, outside {@code scrapy.cfg}'s targets: {@link
   * #to(ScrapydClient)} with a client made for the call (with {@link
   * Builder#clientOptions(ClientOptions)}, and these credentials, else {@link
   * Builder#credentials(Credentials)}'s) and closed after it.
   *
   * @param url the Scrapyd base URL
   * @param credentials the credentials, or {@code null} for none
   * @return the report, when deployed
   * @throws IllegalStateException if no project was given
   * @throws DeployException if the deploy fails
   */
  public DeployReport toUrl(URI url, Credentials credentials) {
    Args.notNull("url", url);
    Prepared p = prepare();
    ScrapydClient.Builder b = ScrapydClient.builder().baseUri(url);
    if (credentials != null) {
      b.credentials(credentials);
    }
    b.options(clientOptions);
    if (credentials == null && this.credentials != null) {
      b.credentials(this.credentials);
    }
    try (ScrapydClient client = b.build()) {
      return deployer.deploy(client, p.project, p.version, p.egg);
    }
  }

  /** The project, version and egg of a deploy outside {@code scrapy.cfg}'s targets. */
  private static final class Prepared {
    final String project;
    final String version;
    final Egg egg;

    Prepared(String project, String version, Egg egg) {
      this.project = project;
      this.version = version;
      this.egg = egg;
    }
  }

  private Prepared prepare() {
    if (project == null) {
      throw new IllegalStateException("deploying outside scrapy.cfg's targets needs the project"
          + " name: give it with ProjectDeploy.Builder.project");
    }
    ScrapyConfig cfg = egg == null && eggBuilder == null ? config() : null;
    String resolved = versionResolver(cfg).resolve(version);
    Egg theEgg = buildEgg(cfg);
    Deployer.check(List.of(project), resolved, theEgg);
    return new Prepared(project, resolved, theEgg);
  }

  private DeployReport deploy(ScrapyConfig cfg, List<DeployTarget> targets) {
    List<String> warnings = new ArrayList<>();
    Map<DeployTarget, String> projects = new LinkedHashMap<>();
    for (DeployTarget t : targets) {
      t.uri();
      String p = project != null ? project : t.project().orElseThrow(() ->
          new ScrapyConfigException(ScrapyConfigException.Problem.MISSING_PROJECT,
              "deploy target '" + t.name() + "' has no project: add project = <name> to its"
                  + " section in scrapy.cfg, or give the project", cfg.file().orElse(null), 0,
              null));
      projects.put(t, ScrapydNames.checkNewProject(p));
    }
    String rule = version;
    if (rule == null) {
      rule = targets.get(0).version().orElse(null);
      Set<String> rules = new LinkedHashSet<>();
      for (DeployTarget t : targets) {
        rules.add(t.version().orElse("(timestamp)"));
      }
      if (rules.size() > 1) {
        warnings.add("targets name different versions " + rules + "; all get the version of "
            + targets.get(0).name() + ", as scrapyd-deploy -a does");
      }
    }
    String resolved = versionResolver(cfg).resolve(rule);
    LOG.info("Packing version {}", resolved);
    Egg theEgg = buildEgg(cfg);
    Deployer.check(new ArrayList<>(projects.values()), resolved, theEgg);

    boolean needNetrc = credentials == null && targets.stream()
        .anyMatch(t -> t.username().filter(u -> !u.isEmpty()).isEmpty());
    Optional<Netrc> netrc = netrcGiven != null ? netrcGiven
        : needNetrc ? Netrc.lookup(environment) : Optional.empty();
    Map<String, String> credentialNotes = new LinkedHashMap<>();
    Map<String, String> projectOfNode = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    ClientOptions options = clientOptions.withDefaults(ClientOptions.defaults());
    Duration listing = options.connectTimeout().get().plus(options.requestTimeout().get());
    ClusterClient.Builder nodes = ClusterClient.builder()
        .options(clientOptions)
        .healthCheckTick(Duration.ZERO)
        .nodeTimeout(listing.multipliedBy(2))
        .deadline(listing.multipliedBy(3));
    for (DeployTarget t : targets) {
      String id = nodeId(t.name(), ids);
      Node.Builder node = Node.builder().id(id).baseUri(t.uri());
      Optional<Credentials> given = credentials != null ? Optional.of(credentials)
          : t.credentials(netrc);
      given.ifPresent(node::credentials);
      node.options(clientOptions);
      nodes.node(node.build());
      credentialNotes.put(id, credentialNote(cfg, t, netrc));
      projectOfNode.put(id, projects.get(t));
    }
    try (ClusterClient cluster = nodes.build()) {
      try {
        return deployer.deploy(cluster, NodeFilter.all(), projectOfNode::get,
            DeployPolicy.BEST_EFFORT, resolved, theEgg).withWarnings(warnings);
      } catch (DeployException e) {
        DeployReport explained = explainRefusals(e.result(), credentialNotes);
        if (warnings.isEmpty() && explained == e.result()) {
          throw e;
        }
        throw new DeployException(explained.withWarnings(warnings));
      }
    }
  }

  /** A target's name as a node id: letters, digits and . _ : @ [ ] - only, unique. */
  private static String nodeId(String target, Set<String> taken) {
    String id = target.replaceAll("[^A-Za-z0-9._:@\\[\\]-]", "_");
    String unique = id;
    for (int n = 2; !taken.add(unique); n++) {
      unique = id + "-" + n;
    }
    return unique;
  }

  /**
   * Where a target's credentials come from, in words, for a 401: names the files read, never a
   * password.
   */
  private String credentialNote(ScrapyConfig cfg, DeployTarget t, Optional<Netrc> netrc) {
    if (credentials != null) {
      return "the credentials given in code (user '" + credentials.username()
          + "') were sent, not the target's or .netrc's";
    }
    Optional<String> user = t.username().filter(u -> !u.isEmpty());
    if (user.isPresent()) {
      return "user '" + user.get() + "' of target '" + t.name() + "' was sent (from "
          + cfg.describeSources() + ")";
    }
    String host = t.uri().getHost().toLowerCase(Locale.ROOT);
    Optional<Credentials> found = netrc.flatMap(n -> n.credentialsFor(host));
    if (found.isPresent()) {
      return "user '" + found.get().username() + "' of the .netrc entry for " + host
          + " in " + netrc.flatMap(n -> n.fileFor(host)).map(Path::toString).orElse(".netrc")
          + " was sent (target '" + t.name() + "' has no username)";
    }
    String looked = netrcGiven != null
        ? netrc.map(n -> n.files().toString()).orElse("no .netrc (none given)")
        : Netrc.candidates(environment).toString();
    return "no credentials were sent: target '" + t.name() + "' has no username ("
        + cfg.describeSources() + ") and no .netrc entry applies to " + host + " (looked in "
        + looked + ")";
  }

  /** Adds where the credentials came from to the error of each node that answered 401. */
  private static DeployReport explainRefusals(DeployReport result, Map<String, String> notes) {
    Set<String> refused = new HashSet<>();
    result.nodes().failures().forEach((node, failure) -> {
      if (failure.getCause() instanceof ScrapydAuthenticationException) {
        refused.add(node);
      }
    });
    return result.mapNodes((node, d) -> !refused.contains(node) || !notes.containsKey(node) ? d
        : NodeDeploy.builder().from(d).error(d.error().orElse("refused") + "; " + notes.get(node))
            .build());
  }

  private VersionResolver versionResolver(ScrapyConfig cfg) {
    if (versionResolver != null) {
      return versionResolver;
    }
    VersionResolver.Builder b = VersionResolver.builder();
    if (cfg != null) {
      cfg.projectDir().ifPresent(b::directory);
    }
    return b.build();
  }

  /** Builds a {@link ProjectDeploy}. */
  public static final class Builder {
    private ScrapyConfig config;
    private Path start;
    private EggBuilder eggBuilder;
    private Egg egg;
    private String project;
    private String version;
    private VersionResolver versionResolver;
    private Deployer deployer = Deployer.builder().build();
    private Optional<Netrc> netrc;
    private Credentials credentials;
    private Map<String, String> environment = System.getenv();
    private ClientOptions clientOptions = ClientOptions.empty();

    private Builder() {}

    /**
     * The configuration to take targets (and, by default, the project folder and settings
     * module) from.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(ScrapyConfig config) {
      this.config = Args.notNull("config", config);
      return this;
    }

    /**
     * Finds {@code scrapy.cfg} from this folder up (the default, from the current folder).
     *
     * @param start the folder to start from
     * @return this builder
     */
    public Builder findProject(Path start) {
      this.start = Args.notNull("start", start);
      return this;
    }

    /**
     * How to build the egg. Default: an {@link EggBuilder} for the configuration's project, with
     * default options.
     *
     * @param eggBuilder the egg builder
     * @return this builder
     */
    public Builder eggBuilder(EggBuilder eggBuilder) {
      this.eggBuilder = Args.notNull("eggBuilder", eggBuilder);
      return this;
    }

    /**
     * Deploys this egg instead of building one ({@code --egg FILE}).
     *
     * @param egg the egg, for example from {@link Egg#read(Path)}
     * @return this builder
     */
    public Builder egg(Egg egg) {
      this.egg = Args.notNull("egg", egg);
      return this;
    }

    /**
     * The project name on Scrapyd, instead of each target's {@code project} ({@code -p}).
     *
     * @param project the project
     * @return this builder
     */
    public Builder project(String project) {
      this.project = ScrapydNames.checkNewProject(project);
      return this;
    }

    /**
     * The version rule, instead of the target's {@code version} ({@code -v}): a version, or
     * {@code GIT} or {@code HG} (see {@link VersionResolver}). Default: the (first) target's
     * {@code version}, else epoch seconds.
     *
     * @param version the version or rule
     * @return this builder
     */
    public Builder version(String version) {
      this.version = Args.notBlank("version", version);
      return this;
    }

    /**
     * How versions are computed. Default: a {@link VersionResolver} running in the project
     * folder with the system clock.
     *
     * @param versionResolver the resolver
     * @return this builder
     */
    public Builder versionResolver(VersionResolver versionResolver) {
      this.versionResolver = Args.notNull("versionResolver", versionResolver);
      return this;
    }

    /**
     * How each node is deployed. Default: {@code Deployer.builder().build()}.
     *
     * @param deployer the deployer
     * @return this builder
     */
    public Builder deployer(Deployer deployer) {
      this.deployer = Args.notNull("deployer", deployer);
      return this;
    }

    /**
     * Where credentials of targets without {@code username} come from. Default: {@link
     * Netrc#lookup(Map)} with the {@link #environment(Map) environment}, read only when a target
     * needs it.
     *
     * @param netrc the {@code .netrc}, or empty for none
     * @return this builder
     */
    public Builder netrc(Optional<Netrc> netrc) {
      this.netrc = Args.notNull("netrc", netrc);
      return this;
    }

    /**
     * Credentials for every node, instead of each target's {@code username} and {@code password}
     * and {@code .netrc} (the command line's {@code --username}).
     *
     * @param credentials the credentials
     * @return this builder
     */
    public Builder credentials(Credentials credentials) {
      this.credentials = Args.notNull("credentials", credentials);
      return this;
    }

    /**
     * The environment variables the user's files are found with: {@code HOME} for {@code
     * ~/.scrapy.cfg} and {@code ~/.netrc}, {@code XDG_CONFIG_HOME} for {@code scrapy.cfg},
     * {@code NETRC}, and the {@code $VAR}s of {@code scrapy.cfg}. Default: {@code
     * System.getenv()}. Used when the configuration is found ({@link #findProject(Path)}, not
     * {@link #config(ScrapyConfig)}), the {@code .netrc} looked up (not {@link #netrc(Optional)})
     * and the egg built by default (its {@code SOURCE_DATE_EPOCH}).
     *
     * <pre>{@code
     * ProjectDeploy.builder()
     *     .findProject(projectDir)
     *     .environment(Map.of("HOME", "/run/secrets/deployer"))   // its .scrapy.cfg and .netrc
     *     .build()
     *     .toTarget("prod");
     * }</pre>
     *
     * @param environment the variables (copied)
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Args.notNull("environment", environment));
      return this;
    }

    /**
     * Options for every client this deploy creates (to the targets of {@code scrapy.cfg}, to a
     * URL), such as timeouts, a TLS context, a user agent; they win over the target's
     * credentials. Not used by {@link ProjectDeploy#to(ScrapydClient)} and {@link
     * ProjectDeploy#to(ClusterClient)}: those clients are yours.
     *
     * @param options the options
     * @return this builder
     */
    public Builder clientOptions(ClientOptions options) {
      this.clientOptions = Args.notNull("options", options);
      return this;
    }

    /**
     * Builds the {@link ProjectDeploy}; nothing is read until a method of it is called.
     *
     * @return the deploy
     */
    public ProjectDeploy build() {
      return new ProjectDeploy(this);
    }
  }
}
