package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.egg.DeployException;
import io.github.scrapyd4j.egg.DeployPolicy;
import io.github.scrapyd4j.egg.DeployReport;
import io.github.scrapyd4j.egg.DeployTarget;
import io.github.scrapyd4j.egg.Deployer;
import io.github.scrapyd4j.egg.Dependencies;
import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.egg.EggBuilder;
import io.github.scrapyd4j.egg.NodeDeploy;
import io.github.scrapyd4j.egg.NodeDeployException;
import io.github.scrapyd4j.egg.ProjectDeploy;
import io.github.scrapyd4j.egg.ScrapyConfig;
import io.github.scrapyd4j.egg.VersionResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code scrapyd4j deploy [TARGET] [-p P] [-v V] [-a] [--build-egg FILE] [--egg FILE]} and the
 * egg options ({@code --include}, {@code --exclude}, {@code --no-data-files}, {@code --add},
 * {@code --setup-py}, {@code --include-dependencies}).
 */
@Command(name = "deploy",
    description = {"Build the project's egg and upload it, like scrapyd-deploy.",
        "Goes to a scrapy.cfg target (default: default), several (-t a,b), all (-a),",
        "or --url URL[,URL...] with -p: one egg and one version, nodes in parallel.",
        "A version Scrapyd rejects is deleted again; with several nodes, a failure on one",
        "deletes the new version from the others too, unless --policy best-effort.",
        "A project without spiders deploys with a warning (--require-spiders: a failure).",
        "Exit code 1 when any node failed."})
final class DeployCommand implements Callable<Integer> {
  @ParentCommand
  Scrapyd4jCommand root;

  @Mixin
  ConnectionOptions conn;

  @Parameters(arity = "0..1", paramLabel = "TARGET",
      description = "the scrapy.cfg target (default: default)")
  String target;

  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Option(names = {"-v", "--version"}, paramLabel = "VERSION",
      description = "the version: a name, GIT or HG (default: the target's version key, else"
          + " epoch seconds)")
  String version;

  @Option(names = {"-a", "--deploy-all-targets"},
      description = "deploy to every target of scrapy.cfg")
  boolean all;

  @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "all-or-nothing",
      converter = PolicyConverter.class,
      description = {"with several nodes, what a failure on one does: all-or-nothing (default:"
          + " the new version is deleted again from the nodes that took it) or best-effort"
          + " (they keep it, as scrapyd-deploy -a does)"})
  DeployPolicy policy;

  @Option(names = "--build-egg", paramLabel = "FILE",
      description = "only build the egg, into FILE; upload nothing")
  Path buildEgg;

  @Option(names = "--egg", paramLabel = "FILE", description = "upload this egg instead of building")
  Path eggFile;

  @Option(names = "--require-spiders",
      description = "fail (and delete the new version again) when Scrapyd finds no spider in the"
          + " egg; without it, such a deploy succeeds with a warning, as with scrapyd-deploy")
  boolean requireSpiders;

  @Option(names = "--include", paramLabel = "GLOB",
      description = "also package files outside packages matching GLOB, relative to the project"
          + " folder (repeatable): e.g. --include 'resources/**'")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "leave out files or folders matching GLOB (repeatable, on top of the default"
          + " excludes): e.g. --exclude '*.md' --exclude 'mybot/tests/'")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--no-data-files",
      description = "package only the packages' .py modules, as scrapyd-deploy's default setup.py"
          + " does (default: data files inside packages too)")
  boolean noDataFiles;

  @Option(names = "--add", paramLabel = "DIR",
      description = "add a folder at the egg's root under its own name, e.g. a vendored package"
          + " (repeatable)")
  List<Path> addFolders = new ArrayList<>();

  @Option(names = "--setup-py",
      description = "build the egg with the project's setup.py (python setup.py bdist_egg, in a"
          + " temporary copy), as scrapyd-deploy does")
  boolean setupPy;

  @Option(names = "--include-dependencies",
      description = "install requirements.txt (else pyproject.toml's or setup.cfg's dependencies)"
          + " with pip into a temporary folder and vendor the packages into the egg; pure-Python"
          + " packages only")
  boolean includeDependencies;

  @Option(names = "--pip-arg", paramLabel = "ARG",
      description = "an argument for pip install with --include-dependencies (repeatable), e.g."
          + " --pip-arg=--no-index --pip-arg=--find-links=wheels/")
  List<String> pipArgs = new ArrayList<>();

  @Option(names = "--python", paramLabel = "PYTHON",
      description = "the Python for --setup-py and --include-dependencies (default: the first of"
          + " python3, python, /usr/bin/python3 that has what is needed)")
  String python;

  static final class PolicyConverter implements ITypeConverter<DeployPolicy> {
    @Override
    public DeployPolicy convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "all-or-nothing":
          return DeployPolicy.ALL_OR_NOTHING;
        case "best-effort":
          return DeployPolicy.BEST_EFFORT;
        default:
          throw new TypeConversionException(
              "--policy must be all-or-nothing or best-effort, but was '" + value + "'");
      }
    }
  }

  @Override
  public Integer call() {
    Scrapyd4jCommand.Env env = root.env;
    if (buildEgg != null && eggFile != null) {
      throw new IllegalArgumentException("give --build-egg or --egg, not both");
    }
    int choices = (target != null ? 1 : 0) + (conn.targets.isEmpty() ? 0 : 1) + (all ? 1 : 0)
        + (conn.urls.isEmpty() ? 0 : 1);
    if (choices > 1) {
      throw new IllegalArgumentException(
          "give one of TARGET, -t NAME[,NAME...], -a or --url URL[,URL...]");
    }
    checkEggOptions();
    Path vendor = null;
    try {
      if (buildEgg != null) {
        vendor = installDependencies(env);
        Egg egg = build(env, vendor);
        Path file = env.workDir.resolve(buildEgg);
        egg.writeTo(file);
        if (conn.json) {
          Output.json(env.out, Output.object().put("egg", file.toString())
              .put("egg_size", egg.size()).put("egg_sha256", egg.sha256())
              .put("egg_modules", egg.summary().modules())
              .put("egg_data_files", egg.summary().dataFiles())
              .put("egg_unpacked_bytes", egg.summary().bytes())
              .set("warnings", Output.array(egg.warnings())));
        } else {
          env.out.println("Built " + file + " (" + egg.size() + " bytes, sha256 " + egg.sha256()
              + "): " + egg.summary().contents());
        }
        for (String w : egg.warnings()) {
          env.err.println("scrapyd4j: warning: " + Errors.oneLine(new IllegalStateException(w)));
        }
        return Scrapyd4jCommand.OK;
      }
      Optional<Egg> prebuilt = eggFile == null ? Optional.empty()
          : Optional.of(Egg.read(env.workDir.resolve(eggFile)));
      if (prebuilt.isEmpty() && conn.urls.isEmpty()) {
        checkTargets(env); // before pip runs: a wrong target fails fast
      }
      if (prebuilt.isEmpty()) {
        vendor = installDependencies(env);
        prebuilt = Optional.of(build(env, vendor));
      }
      DeployReport result;
      try {
        result = conn.urls.isEmpty() ? toTargets(env, prebuilt.get())
            : toUrls(env, prebuilt.get());
      } catch (DeployException e) {
        return report(env, e.result());
      }
      return report(env, result);
    } finally {
      if (vendor != null) {
        deleteTree(vendor);
      }
    }
  }

  /** The egg options that cannot go together, refused before anything is read or run. */
  private void checkEggOptions() {
    List<String> javaOnly = new ArrayList<>();
    if (!includes.isEmpty()) {
      javaOnly.add("--include");
    }
    if (!excludes.isEmpty()) {
      javaOnly.add("--exclude");
    }
    if (noDataFiles) {
      javaOnly.add("--no-data-files");
    }
    if (!addFolders.isEmpty()) {
      javaOnly.add("--add");
    }
    if (includeDependencies) {
      javaOnly.add("--include-dependencies");
    }
    if (setupPy && !javaOnly.isEmpty()) {
      throw new IllegalArgumentException("--setup-py builds the egg with setuptools, so "
          + String.join(", ", javaOnly) + " cannot apply: configure setup.py instead, or leave"
          + " out --setup-py");
    }
    if (eggFile != null && (setupPy || !javaOnly.isEmpty())) {
      List<String> given = new ArrayList<>(javaOnly);
      if (setupPy) {
        given.add("--setup-py");
      }
      throw new IllegalArgumentException("--egg uploads a prebuilt egg, so "
          + String.join(", ", given) + " cannot apply");
    }
    if (!pipArgs.isEmpty() && !includeDependencies) {
      throw new IllegalArgumentException("--pip-arg is for --include-dependencies, which was not"
          + " given");
    }
  }

  /** The targets, checked (known, with a URL and a project) before the egg is built. */
  private void checkTargets(Scrapyd4jCommand.Env env) {
    ScrapyConfig cfg = conn.config(env);
    List<DeployTarget> chosen = new ArrayList<>();
    if (all) {
      chosen.addAll(cfg.targets().values());
    } else if (!conn.targets.isEmpty()) {
      for (String name : conn.targets) {
        chosen.add(cfg.target(name));
      }
    } else {
      chosen.add(cfg.target(target != null ? target : "default"));
    }
    for (DeployTarget t : chosen) {
      t.uri();
    }
  }

  /** With --include-dependencies: a temporary folder holding them, installed by pip. */
  private Path installDependencies(Scrapyd4jCommand.Env env) {
    if (!includeDependencies) {
      return null;
    }
    Path dir = conn.config(env).projectDir().orElseThrow();
    Path vendor;
    try {
      vendor = Files.createTempDirectory("scrapyd4j-dependencies-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the dependencies", e);
    }
    try {
      Dependencies.Builder b = Dependencies.builder().projectDir(dir).pipArgs(pipArgs);
      if (python != null) {
        b.python(python);
      }
      List<String> installed = b.build().installInto(vendor);
      if (!conn.json) {
        env.err.println("scrapyd4j: vendoring " + installed.size() + " package(s) into the egg"
            + (installed.isEmpty() ? " (the project declares no dependency)"
                : ": " + String.join(", ", installed)));
      }
      return vendor;
    } catch (RuntimeException e) {
      deleteTree(vendor);
      throw e;
    }
  }

  /** Builds the egg with the egg options. */
  private Egg build(Scrapyd4jCommand.Env env, Path vendor) {
    EggBuilder.Builder b = EggBuilder.builder().scrapyConfig(conn.config(env))
        .environment(env.environmentWithHome());
    if (setupPy) {
      b.useSetupPy(true);
      if (python != null) {
        b.python(python);
      }
      return b.build().build();
    }
    b.include(includes.toArray(new String[0]));
    b.exclude(excludes.toArray(new String[0]));
    b.dataFiles(!noDataFiles);
    for (Path folder : addFolders) {
      Path dir = env.workDir.resolve(folder);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("--add " + folder + ": " + dir
            + " is not a folder");
      }
      b.addTopLevelFolder(dir);
    }
    if (vendor != null) {
      b.addTopLevelContents(vendor);
    }
    return b.build().build();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is not worth failing the deploy for
    }
  }

  private Deployer deployer() {
    return Deployer.builder().policy(policy).requireSpiders(requireSpiders).build();
  }

  private DeployReport toTargets(Scrapyd4jCommand.Env env, Egg egg) {
    ScrapyConfig cfg = conn.config(env);
    Optional<Credentials> explicit = conn.explicitCredentials(env);
    ProjectDeploy.Builder b = ProjectDeploy.builder()
        .config(cfg)
        .environment(env.environmentWithHome())
        .deployer(deployer())
        .netrc(conn.netrc(env))
        .egg(egg)
        .clientOptions(tlsOptions(env)); // --truststore
    explicit.ifPresent(b::credentials);
    if (project != null) {
      b.project(project);
    }
    if (version != null) {
      b.version(version);
    }
    ProjectDeploy deploy = b.build();
    if (all) {
      return deploy.toAllTargets();
    }
    if (!conn.targets.isEmpty()) {
      return deploy.toTargets(conn.targets);
    }
    return deploy.toTarget(target != null ? target : "default");
  }

  private ClientOptions tlsOptions(Scrapyd4jCommand.Env env) {
    ClientOptions.Builder options = ClientOptions.builder();
    conn.tls(env).ifPresent(options::sslContext);
    return options.build();
  }

  /**
   * With --url: the project folder deployed through a cluster of the one node or the many (its
   * fan-out's limits, health and deadlines), node ids as the table shows them.
   */
  private DeployReport toUrls(Scrapyd4jCommand.Env env, Egg egg) {
    if (project == null) {
      throw new IllegalArgumentException("deploying to --url needs -p PROJECT");
    }
    ProjectDeploy.Builder b = ProjectDeploy.builder()
        .versionResolver(VersionResolver.builder().directory(conn.projectDir(env)).build())
        .deployer(deployer())
        .egg(egg) // built from the project folder, or --egg
        .project(project);
    if (version != null) {
      b.version(version);
    }
    ProjectDeploy deploy = b.build();
    List<ConnectionOptions.Endpoint> endpoints = conn.endpoints(env);
    try (ClusterClient cluster = conn.cluster(env, endpoints)) {
      return deploy.to(cluster);
    }
  }

  private int report(Scrapyd4jCommand.Env env, DeployReport result) {
    if (conn.json) {
      Output.json(env.out, json(result));
    } else {
      Output.Table t = new Output.Table("TARGET", "URL", "STATUS", "SPIDERS", "LATEST", "DETAIL");
      for (Map.Entry<String, NodeDeploy> e : result.details().entrySet()) {
        NodeDeploy o = e.getValue();
        String name = e.getKey();
        // Scrapyd's error says what became of the version; a node that could not be rolled back
        // says why in a warning.
        String detail = o.error().orElseGet(() -> o.warnings().stream()
            .filter(w -> w.startsWith("could not roll back")).findFirst().orElse(""))
            + cause(result, e.getKey()).map(f -> Errors.credentialsNote(f, name, env))
                .orElse("");
        t.row(name, Output.url(o.baseUri().toString()),
            o.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            o.spiders().isPresent() ? Integer.toString(o.spiders().getAsInt()) : "-",
            o.isDeployed() ? (o.latest() ? "yes" : "no") : "-",
            Errors.oneLine(new IllegalStateException(detail.isEmpty() ? "-" : detail)));
      }
      env.out.println("Project " + result.node().project() + ", version " + result.version()
          + (result.storedVersion().equals(result.version()) ? ""
              : " (stored as " + result.storedVersion() + ")")
          + ", egg " + result.eggSize() + " bytes"
          + " (" + result.eggSummary().contents() + "):");
      t.print(env.out);
    }
    for (String w : result.allWarnings()) {
      env.err.println("scrapyd4j: warning: " + Errors.oneLine(new IllegalStateException(w)));
    }
    if (result.succeeded()) {
      return Scrapyd4jCommand.OK;
    }
    Map<String, Throwable> failures = new LinkedHashMap<>();
    result.details().forEach((node, o) -> {
      if (o.status() == NodeDeploy.Status.FAILED) {
        failures.put(node, cause(result, node).map(f -> (Throwable) f)
            .orElseGet(() -> new ScrapydException(o.error().orElse("failed"), null, null, null,
                null)));
      }
    });
    long failed = count(result, NodeDeploy.Status.FAILED);
    long rolledBack = count(result, NodeDeploy.Status.ROLLED_BACK);
    long skipped = count(result, NodeDeploy.Status.SKIPPED);
    long deployed = count(result, NodeDeploy.Status.DEPLOYED);
    boolean allOrNothing = result.policy() == DeployPolicy.ALL_OR_NOTHING;
    env.err.println("scrapyd4j: deploy failed on " + failed + " of " + result.details().size()
        + " node(s)"
        + (rolledBack > 0 ? "; all or nothing: the new version was deleted again from "
            + rolledBack + " node(s) that took it" : "")
        + (skipped > 0 ? "; all or nothing: nothing was uploaded to the other " + skipped
            + " node(s)" : "")
        + (deployed > 0 && allOrNothing ? "; all or nothing, but " + deployed + " node(s) could"
            + " not be rolled back and hold the new egg (see DETAIL)" : "")
        + (deployed > 0 && !allOrNothing ? "; best effort: " + deployed + " node(s) keep the new"
            + " version" : ""));
    return failures.isEmpty() ? Scrapyd4jCommand.FAILED : Errors.exitCode(failures);
  }

  private static long count(DeployReport r, NodeDeploy.Status status) {
    return r.details().values().stream().filter(o -> o.status() == status).count();
  }

  /** The exception a node's deploy ended with, if any. */
  private static Optional<ScrapydException> cause(DeployReport r, String node) {
    return Optional.ofNullable(r.nodes().failures().get(node))
        .flatMap(f -> ((NodeDeployException) f).scrapydFailure());
  }

  static ObjectNode json(DeployReport r) {
    ObjectNode root = Output.object()
        .put("succeeded", r.succeeded())
        .put("version", r.version())
        .put("stored_version", r.storedVersion())
        .put("policy", r.policy().name())
        .put("egg_sha256", r.eggSha256())
        .put("egg_size", r.eggSize());
    root.put("egg_modules", r.eggSummary().modules())
        .put("egg_data_files", r.eggSummary().dataFiles())
        .put("egg_unpacked_bytes", r.eggSummary().bytes());
    ArrayNode outcomes = root.putArray("outcomes");
    for (Map.Entry<String, NodeDeploy> e : r.details().entrySet()) {
      NodeDeploy o = e.getValue();
      ObjectNode n = outcomes.addObject()
          .put("name", e.getKey())
          .put("url", Output.url(o.baseUri().toString()))
          .put("project", o.project())
          .put("status", o.status().name())
          .put("cleanup", o.cleanup().name())
          .put("node_name", o.nodeName().orElse(null))
          .put("latest", o.latest())
          .put("existed_before", o.existedBefore())
          .put("error", o.error().orElse(null));
      if (o.spiders().isPresent()) {
        n.put("spiders", o.spiders().getAsInt());
      } else {
        n.putNull("spiders");
      }
      n.set("warnings", Output.array(o.warnings()));
    }
    root.set("warnings", Output.array(r.warnings()));
    return root;
  }
}
