package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scrapyd4j items JOB [-p P] [--spider S]}: a job's items, one JSON line each. */
@Command(name = "items",
    description = {"Print a job's scraped items, one JSON object a line (JSON Lines),",
        "streamed: memory stays constant however many items there are.",
        "Without --spider the job is looked up with listjobs.",
        "Exit code 1 when the job is not listed or its items file is missing."})
final class ItemsCommand extends JobCommand {
  /** Made on first use: a command that prints no items builds no ObjectMapper. */
  private static final class Line {
    static final ObjectWriter WRITER = new ObjectMapper().writer();
  }

  @Option(names = "--spider", paramLabel = "SPIDER",
      description = "the job's spider (default: found with listjobs)")
  String spider;

  @Override
  int run() {
    Found f = find(spider);
    try (Stream<JsonNode> items = cluster.jobs().items().stream(f.ref)) { // from the job's node
      items.forEach(item -> {
        try {
          env().out.println(Line.WRITER.writeValueAsString(item));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      });
    }
    env().out.flush();
    return Scrapyd4jCommand.OK;
  }
}
