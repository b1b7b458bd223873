package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.egg.ClusterDeployer;
import io.github.scrapyd4j.egg.DeployDestination;
import io.github.scrapyd4j.egg.DeployException;
import io.github.scrapyd4j.egg.DeployPolicy;
import io.github.scrapyd4j.egg.DeployResult;
import io.github.scrapyd4j.egg.Deployer;
import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.egg.EggBuilder;
import io.github.scrapyd4j.egg.NodeOutcome;
import io.github.scrapyd4j.egg.ProjectDeploy;
import io.github.scrapyd4j.egg.ScrapyConfig;
import io.github.scrapyd4j.egg.VersionResolver;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code scrapyd4j deploy [TARGET] [-p P] [-v V] [-a] [--build-egg FILE] [--egg FILE]}. */
@Command(name = "deploy",
    description = {"Build the project's egg and upload it, like scrapyd-deploy.",
        "Goes to a scrapy.cfg target (default: default), several (-t a,b), all (-a),",
        "or --url URL[,URL...] with -p: one egg and one version, nodes in parallel.",
        "A version Scrapyd rejects is deleted again; with several nodes, a failure on one",
        "deletes the new version from the others too, unless --policy best-effort.",
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
    if (buildEgg != null) {
      Egg egg = EggBuilder.builder().scrapyConfig(conn.config(env)).build().build();
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
    DeployResult result;
    try {
      result = conn.urls.isEmpty() ? toTargets(env, prebuilt) : toUrls(env, prebuilt);
    } catch (DeployException e) {
      return report(env, e.result());
    }
    return report(env, result);
  }

  private DeployResult toTargets(Scrapyd4jCommand.Env env, Optional<Egg> prebuilt) {
    ScrapyConfig cfg = conn.config(env);
    Optional<Credentials> explicit = conn.explicitCredentials(env);
    ProjectDeploy.Builder b = ProjectDeploy.builder()
        .config(cfg)
        .deployer(Deployer.builder().policy(policy).build())
        .netrc(conn.netrc(env))
        .clientOptions(client -> explicit.ifPresent(client::credentials));
    if (project != null) {
      b.project(project);
    }
    if (version != null) {
      b.version(version);
    }
    prebuilt.ifPresent(b::egg);
    ProjectDeploy deploy = b.build();
    if (all) {
      return deploy.toAllTargets();
    }
    if (!conn.targets.isEmpty()) {
      return deploy.toTargets(conn.targets);
    }
    return deploy.toTarget(target != null ? target : "default");
  }

  private DeployResult toUrls(Scrapyd4jCommand.Env env, Optional<Egg> prebuilt) {
    if (project == null) {
      throw new IllegalArgumentException("deploying to --url needs -p PROJECT");
    }
    Egg egg = prebuilt.orElseGet(() ->
        EggBuilder.builder().scrapyConfig(conn.config(env)).build().build());
    VersionResolver.Builder resolver = VersionResolver.builder();
    resolver.directory(conn.projectDir(env));
    String resolved = resolver.build().resolve(version);
    try (Connection c = conn.connect(env)) {
      if (c.isCluster()) {
        return ClusterDeployer.of(c.cluster).deployer(Deployer.builder().policy(policy).build())
            .deploy(project, resolved, egg);
      }
      ScrapydClient client = c.single;
      return Deployer.builder().policy(policy).build().deploy(
          List.of(DeployDestination.of(c.endpoints.get(0).id, client, project)), resolved, egg);
    }
  }

  private int report(Scrapyd4jCommand.Env env, DeployResult result) {
    if (conn.json) {
      Output.json(env.out, json(result));
    } else {
      Output.Table t = new Output.Table("TARGET", "URL", "STATUS", "SPIDERS", "LATEST", "DETAIL");
      for (NodeOutcome o : result.outcomes()) {
        // Scrapyd's error says what became of the version; a node that could not be rolled back
        // says why in a warning.
        String detail = o.error().orElseGet(() -> o.warnings().stream()
            .filter(w -> w.startsWith("could not roll back")).findFirst().orElse(""));
        t.row(o.name(), Output.maskUrl(o.baseUri().toString()),
            o.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            o.spiders().isPresent() ? Integer.toString(o.spiders().getAsInt()) : "-",
            o.isDeployed() ? (o.latest() ? "yes" : "no") : "-",
            Errors.oneLine(new IllegalStateException(detail.isEmpty() ? "-" : detail)));
      }
      env.out.println("Project " + result.outcome().project() + ", version " + result.version()
          + (result.storedVersion().equals(result.version()) ? ""
              : " (stored as " + result.storedVersion() + ")")
          + ", egg " + result.eggSize() + " bytes"
          + result.eggSummary().map(e -> " (" + e.contents() + ")").orElse("") + ":");
      t.print(env.out);
    }
    for (String w : result.allWarnings()) {
      env.err.println("scrapyd4j: warning: " + Errors.oneLine(new IllegalStateException(w)));
    }
    if (result.succeeded()) {
      return Scrapyd4jCommand.OK;
    }
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (NodeOutcome o : result.notDeployed()) {
      if (o.status() == NodeOutcome.Status.FAILED) {
        failures.put(o.name(), o.failure().map(f -> (Throwable) f)
            .orElseGet(() -> new ScrapydException(o.error().orElse("failed"), null, null, null,
                null)));
      }
    }
    long failed = count(result, NodeOutcome.Status.FAILED);
    long rolledBack = count(result, NodeOutcome.Status.ROLLED_BACK);
    long skipped = count(result, NodeOutcome.Status.SKIPPED);
    long deployed = count(result, NodeOutcome.Status.DEPLOYED);
    boolean allOrNothing = result.policy() == DeployPolicy.ALL_OR_NOTHING;
    env.err.println("scrapyd4j: deploy failed on " + failed + " of " + result.outcomes().size()
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

  private static long count(DeployResult r, NodeOutcome.Status status) {
    return r.outcomes().stream().filter(o -> o.status() == status).count();
  }

  static ObjectNode json(DeployResult r) {
    ObjectNode root = Output.object()
        .put("succeeded", r.succeeded())
        .put("version", r.version())
        .put("stored_version", r.storedVersion())
        .put("policy", r.policy().name())
        .put("egg_sha256", r.eggSha256())
        .put("egg_size", r.eggSize());
    r.eggSummary().ifPresent(e -> root.put("egg_modules", e.modules())
        .put("egg_data_files", e.dataFiles()).put("egg_unpacked_bytes", e.bytes()));
    ArrayNode outcomes = root.putArray("outcomes");
    for (NodeOutcome o : r.outcomes()) {
      ObjectNode n = outcomes.addObject()
          .put("name", o.name())
          .put("url", Output.maskUrl(o.baseUri().toString()))
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
