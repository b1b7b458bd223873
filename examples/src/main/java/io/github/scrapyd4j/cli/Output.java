package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Tables for people, JSON for scripts. */
final class Output {
  private Output() {}

  /**
   * Made on first use, not when Output is: usage errors and the URL check quote through this
   * class, and must not start Jackson (a quick start for --help and usage errors).
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  static ObjectMapper mapper() {
    return Json.MAPPER;
  }

  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  static ArrayNode array(Collection<String> values) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  static void json(PrintStream out, JsonNode node) {
    try {
      out.println(Json.MAPPER.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * For several nodes: {"nodes": {id: answer}, "failures": {id: {"error", "message"}}}; for one
   * node, its answer alone.
   */
  static <T> JsonNode perNode(Map<String, T> values, Map<String, ScrapydException> failures,
      boolean several, java.util.function.Function<T, JsonNode> each) {
    if (!several) {
      return each.apply(values.values().iterator().next());
    }
    ObjectNode root = object();
    ObjectNode nodes = root.putObject("nodes");
    values.forEach((id, v) -> nodes.set(id, each.apply(v)));
    root.set("failures", failures(failures));
    return root;
  }

  static ObjectNode failures(Map<String, ? extends Throwable> failures) {
    ObjectNode f = object();
    failures.forEach((id, e) -> f.putObject(id)
        .put("error", e.getClass().getSimpleName())
        .put("message", Errors.oneLine(e)));
    return f;
  }

  /** Prints each node's failure on stderr, one line each; returns the exit code they make. */
  static int reportFailures(Scrapyd4jCommand.Env env, Map<String, ScrapydException> failures) {
    failures.forEach((id, e) -> env.err.println("scrapyd4j: " + id + ": " + Errors.oneLine(e)
        + Errors.credentialsNote(e, id, env)));
    return Errors.exitCode(failures);
  }

  /**
   * A URL as shown to people and scripts: {@link Redaction#uri(String)}, so {@code user:***@};
   * null stays null (a JSON null, a "-" in a table).
   */
  static String url(String url) {
    return url == null ? null : Redaction.uri(url);
  }


  /** A table with left-aligned columns separated by two spaces. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    Table row(Object... cells) {
      String[] r = new String[cells.length];
      for (int i = 0; i < cells.length; i++) {
        r[i] = cells[i] == null ? "-" : cells[i].toString();
      }
      rows.add(r);
      return this;
    }

    boolean isEmpty() {
      return rows.size() == 1;
    }

    void print(PrintStream out) {
      int columns = rows.get(0).length;
      int[] widths = new int[columns];
      for (String[] r : rows) {
        for (int i = 0; i < columns; i++) {
          widths[i] = Math.max(widths[i], r[i].length());
        }
      }
      for (String[] r : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns; i++) {
          line.append(r[i]);
          if (i < columns - 1) {
            line.append(" ".repeat(widths[i] - r[i].length() + 2));
          }
        }
        out.println(line.toString().stripTrailing());
      }
    }
  }
}
