package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.model.DeleteResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scrapyd4j delversion -p P VERSION}: delversion.json. */
@Command(name = "delversion", description = "Delete a version of a project (on every node given).")
final class DelVersionCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Parameters(paramLabel = "VERSION", description = "the version, as listed by versions")
  String version;

  @Override
  int run() {
    String p = project(project);
    ClusterResult<DeleteResult> r = cluster.fanOut().call(node -> node.delVersion(p, version));
    return print(r, d -> Output.object().put("node_name", d.nodeName()).put("project", p)
        .put("version", version).put("deleted", true), () -> r.successes().forEach((node, d) ->
            env().out.println("Deleted version " + version + " of project " + p
                + (several() ? " on " + node : "") + ".")));
  }
}
