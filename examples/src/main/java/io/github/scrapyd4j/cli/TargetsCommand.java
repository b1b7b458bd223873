package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.scrapyd4j.egg.DeployTarget;
import io.github.scrapyd4j.egg.ScrapyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code scrapyd4j targets}: the deploy targets of scrapy.cfg. */
@Command(name = "targets",
    description = "List the deploy targets of scrapy.cfg: name, URL, project (never a password).")
final class TargetsCommand implements Callable<Integer> {
  @ParentCommand
  Scrapyd4jCommand root;

  @Mixin
  ConnectionOptions conn;

  @Override
  public Integer call() {
    ScrapyConfig cfg = conn.config(root.env);
    if (conn.json) {
      ArrayNode a = Output.mapper().createArrayNode();
      for (DeployTarget t : cfg.targets().values()) {
        a.addObject()
            .put("name", t.name())
            .put("url", Output.url(t.url().orElse(null)))
            .put("project", t.project().orElse(null))
            .put("username", t.username().filter(u -> !u.isEmpty()).orElse(null));
      }
      Output.json(root.env.out, a);
      return Scrapyd4jCommand.OK;
    }
    Output.Table table = new Output.Table("NAME", "URL", "PROJECT");
    for (DeployTarget t : cfg.targets().values()) {
      table.row(t.name(), Output.url(t.url().orElse(null)), t.project().orElse(null));
    }
    if (table.isEmpty()) {
      List<String> absent = new ArrayList<>();
      for (Path p : cfg.searched()) {
        if (!cfg.sources().contains(p)) {
          absent.add(p.toString());
        }
      }
      root.env.out.println("No deploy targets: add [deploy] with a url, or [deploy:NAME]"
          + " sections, to scrapy.cfg (read " + cfg.sources().stream().map(Path::toString)
              .collect(Collectors.joining(", "))
          + (absent.isEmpty() ? "" : "; not present: " + String.join(", ", absent)) + ").");
    } else {
      table.print(root.env.out);
    }
    return Scrapyd4jCommand.OK;
  }
}
