package io.github.scrapyd4j.cli;

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
  int run(Connection c) {
    String p = c.project(project);
    Connection.PerNode<DeleteResult> r = c.each(cl -> cl.delProject(p));
    return print(c, r, d -> Output.object().put("node_name", d.nodeName()).put("project", p)
        .put("deleted", true), () -> r.values.forEach((node, d) ->
            env().out.println("Deleted project " + p
                + (c.isCluster() ? " on " + node : "") + ".")));
  }
}
