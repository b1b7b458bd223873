package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.scrapyd4j.model.SpiderList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scrapyd4j spiders -p P [--version V]}: listspiders.json. */
@Command(name = "spiders",
    description = {"List the spiders of a project's latest (or given) version.",
        "A pattern in -p (shop*, *) lists every matching project's spiders."})
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
    if (Globs.isPattern(p)) {
      return runPattern(c, p);
    }
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

  /** The spiders of every project the pattern matches, on one node, as scrapyd-client does. */
  private int runPattern(Connection c, String pattern) {
    if (c.isCluster()) {
      throw new IllegalArgumentException("a project pattern needs one node: give one target or"
          + " URL");
    }
    List<String> projects = Globs.filter(pattern,
        c.bounded(c.single, cl -> cl.listProjects()).projects());
    if (projects.isEmpty()) {
      throw new CommandFailure("no project matches " + pattern,
          Scrapyd4jCommand.FAILED);
    }
    Output.Table t = new Output.Table("PROJECT", "SPIDER");
    ArrayNode json = Output.array(List.of());
    for (String p : projects) {
      SpiderList spiders = c.bounded(c.single,
          cl -> version == null ? cl.listSpiders(p) : cl.listSpiders(p, version));
      spiders.spiders().forEach(spider -> t.row(p, spider));
      json.add(Output.object().put("project", p).set("spiders", Output.array(spiders.spiders())));
    }
    if (conn.json) {
      Output.json(env().out, json);
    } else {
      t.print(env().out);
    }
    return Scrapyd4jCommand.OK;
  }
}
