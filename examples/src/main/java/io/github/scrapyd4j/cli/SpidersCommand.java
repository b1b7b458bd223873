package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.model.SpiderList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scrapyd4j spiders -p P [--version V]}: listspiders.json. */
@Command(name = "spiders",
    description = "List the spiders of a project's latest (or given) version.")
final class SpidersCommand extends NodeCommand {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "the project (default: the target's project)")
  String project;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "the version (default: the latest)")
  String version;

  @Override
  int run(Connection c) {
    String p = c.project(project);
    Connection.PerNode<SpiderList> r = version == null
        ? c.read(cl -> cl.listSpiders(p), f -> f.listSpiders(p))
        : c.read(cl -> cl.listSpiders(p, version), f -> f.listSpiders(p, version));
    return print(c, r, s -> Output.object().put("node_name", s.nodeName()).put("project", p)
        .put("version", version)
        .set("spiders", Output.array(s.spiders())), () -> {
          Output.Table t = new Output.Table(header(c, "SPIDER"));
          r.values.forEach((node, s) -> s.spiders().forEach(
              spider -> t.row(withNode(c, node, spider))));
          if (t.isEmpty() && r.failures.isEmpty()) {
            env().out.println("No spiders in project " + p + ".");
          } else {
            t.print(env().out);
          }
        });
  }
}
