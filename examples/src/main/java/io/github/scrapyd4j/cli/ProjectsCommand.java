package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.model.ProjectList;
import picocli.CommandLine.Command;

/** {@code scrapyd4j projects}: listprojects.json. */
@Command(name = "projects",
    description = "List the projects deployed on Scrapyd.")
final class ProjectsCommand extends NodeCommand {
  @Override
  int run() {
    ClusterResult<ProjectList> r = cluster.fanOut().listProjects();
    return print(r, p -> Output.object().put("node_name", p.nodeName())
        .set("projects", Output.array(p.projects())), () -> {
          Output.Table t = new Output.Table(header("PROJECT"));
          r.successes().forEach((node, p) -> p.projects().forEach(
              project -> t.row(withNode(node, project))));
          if (t.isEmpty() && r.failures().isEmpty()) {
            env().out.println("No projects deployed.");
          } else {
            t.print(env().out);
          }
        });
  }
}
