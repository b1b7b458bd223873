package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.model.DeleteResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scrapyd4j delproject -p P}: delproject.json. */
@Command(name = "delproject",
    description = "Delete a project and all its versions (on every node given).")
final class DelProjectCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Override
  int run() {
    String p = project(project);
    ClusterResult<DeleteResult> r = cluster.fanOut().call(node -> node.delProject(p));
    return print(r, d -> Output.object().put("node_name", d.nodeName()).put("project", p)
        .put("deleted", true), () -> r.successes().forEach((node, d) ->
            env().out.println("Deleted project " + p
                + (several() ? " on " + node : "") + ".")));
  }
}
