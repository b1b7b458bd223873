package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.SpiderMatches;
import io.github.scrapyd4j.model.NamePattern;
import io.github.scrapyd4j.model.SpiderList;
import java.util.List;
import java.util.Map;
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
  int run() {
    String p = project(project);
    NamePattern projects = ScheduleCommand.pattern("-p", p);
    if (!projects.isLiteral()) {
      return runPattern(projects);
    }
    ClusterResult<SpiderList> r = version == null
        ? cluster.fanOut().listSpiders(p)
        : cluster.fanOut().listSpiders(p, version);
    return print(r, s -> Output.object().put("node_name", s.nodeName()).put("project", p)
        .put("version", version)
        .set("spiders", Output.array(s.spiders())), () -> {
          Output.Table t = new Output.Table(header("SPIDER"));
          r.successes().forEach((node, s) -> s.spiders().forEach(
              spider -> t.row(withNode(node, spider))));
          if (t.isEmpty() && r.failures().isEmpty()) {
            env().out.println("No spiders in project " + p + ".");
          } else {
            t.print(env().out);
          }
        });
  }

  /** The spiders of every project the pattern matches, on one node, as scrapyd-client does. */
  private int runPattern(NamePattern projects) {
    if (several()) {
      throw new IllegalArgumentException("a project pattern needs one node: give one target or"
          + " URL");
    }
    SpiderMatches matches = cluster.fanOut().matchSpiders(projects, NamePattern.any(), version);
    Map<String, List<String>> found = answers(matches.perNode()).values().iterator().next();
    if (found.isEmpty()) {
      throw new CommandFailure("no project matches " + projects, Scrapyd4jCommand.FAILED);
    }
    Output.Table t = new Output.Table("PROJECT", "SPIDER");
    ArrayNode json = Output.array(List.of());
    found.forEach((p, spiders) -> {
      spiders.forEach(spider -> t.row(p, spider));
      json.add(Output.object().put("project", p).set("spiders", Output.array(spiders)));
    });
    if (conn.json) {
      Output.json(env().out, json);
    } else {
      t.print(env().out);
    }
    return Scrapyd4jCommand.OK;
  }
}
