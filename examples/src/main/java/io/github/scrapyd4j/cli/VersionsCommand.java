package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.model.VersionList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scrapyd4j versions -p P}: listversions.json. */
@Command(name = "versions",
    description = "List a project's versions, oldest first; the last one is what jobs run.")
final class VersionsCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Override
  int run() {
    String p = project(project);
    ClusterResult<VersionList> r = cluster.fanOut().listVersions(p);
    return print(r, v -> Output.object().put("node_name", v.nodeName()).put("project", p)
        .put("latest", v.latest().orElse(null))
        .set("versions", Output.array(v.versions())), () -> {
          Output.Table t = new Output.Table(header("VERSION", "LATEST"));
          r.successes().forEach((node, v) -> v.versions().forEach(version -> t.row(withNode(node,
              version, v.latest().filter(version::equals).map(l -> "yes").orElse("")))));
          if (t.isEmpty() && r.failures().isEmpty()) {
            env().out.println("No versions of project " + p + ".");
          } else {
            t.print(env().out);
          }
        });
  }
}
