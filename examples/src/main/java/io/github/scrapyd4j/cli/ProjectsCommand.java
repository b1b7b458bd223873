package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.model.ProjectList;
import picocli.CommandLine.Command;

/** {@code scrapyd4j projects}: listprojects.json. */
@Command(name = "projects",
    description = "List the projects deployed on Scrapyd.")
final class ProjectsCommand extends NodeCommand {
  @Override
  int run(Connection c) {
    Connection.PerNode<ProjectList> r = c.read(ScrapydClient::listProjects, f -> f.listProjects());
    return print(c, r, p -> Output.object().put("node_name", p.nodeName())
        .set("projects", Output.array(p.projects())), () -> {
          Output.Table t = new Output.Table(header(c, "PROJECT"));
          r.values.forEach((node, p) -> p.projects().forEach(
              project -> t.row(withNode(c, node, project))));
          if (t.isEmpty() && r.failures.isEmpty()) {
            env().out.println("No projects deployed.");
          } else {
            t.print(env().out);
          }
        });
  }
}
