package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.egg.testing.Python;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every case of {@code scrapy-cfg-cases.json} with {@link ScrapyConfig} and with Python's
 * own {@code configparser} (as scrapyd-client 2.0.3 sets it up), and compares every value, every
 * error and the deploy targets.
 */
class ScrapyConfigPythonParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void everyCaseReadsAsPythonConfigParserReadsIt() throws Exception {
    Optional<String> python = Python.withModule("configparser");
    assumeTrue(python.isPresent(), Python.missing("configparser"));
    ArrayNode cases;
    try (InputStream in = getClass().getResourceAsStream("/scrapy-cfg-cases.json")) {
      cases = (ArrayNode) JSON.readTree(in);
    }
    Path script = tmp.resolve("cfgdump.py");
    try (InputStream in = getClass().getResourceAsStream("/python/cfgdump.py")) {
      Files.copy(in, script);
    }
    Path input = tmp.resolve("cases.json");
    Files.writeString(input, JSON.writeValueAsString(cases));
    Python.Run run = Python.run(List.of("sh", "-c",
        "'" + python.get() + "' '" + script + "' < '" + input + "'"), tmp);
    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode expected = JSON.readTree(run.stdout);
    assertThat(expected.size()).isEqualTo(cases.size());

    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      JsonNode ours = dump(c.get("text").asText(), env(c));
      JsonNode theirs = expected.get(i);
      if (theirs.has("error") && theirs.get("line").asInt() == 0) {
        ((ObjectNode) theirs).remove("line");
        ((ObjectNode) ours).remove("line");
      }
      assertThat(ours).as("case '%s'", c.get("name").asText()).isEqualTo(theirs);
    }
  }

  private static Map<String, String> env(JsonNode c) {
    Map<String, String> env = new HashMap<>();
    if (c.has("env")) {
      c.get("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    return env;
  }

  private JsonNode dump(String text, Map<String, String> env) throws Exception {
    Path file = Files.createTempFile(tmp, "scrapy", ".cfg");
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    ObjectNode out = JSON.createObjectNode();
    ScrapyConfig cfg;
    try {
      cfg = ScrapyConfig.loader().environment(env).systemAndUserFiles(false).load(file);
    } catch (ScrapyConfigException e) {
      out.put("error", pythonName(e.problem()));
      out.put("line", e.line());
      return out;
    }
    ObjectNode sections = out.putObject("sections");
    List<String> names = new java.util.ArrayList<>();
    names.add("DEFAULT");
    names.addAll(cfg.sections());
    for (String s : names) {
      ObjectNode values = sections.putObject(s);
      for (String key : cfg.options(s)) {
        try {
          values.put(key, cfg.get(s, key).orElseThrow());
        } catch (ScrapyConfigException e) {
          values.putObject(key).put("error", pythonName(e.problem()));
        }
      }
    }
    try {
      ObjectNode targets = out.putObject("targets");
      for (DeployTarget t : cfg.targets().values()) {
        ObjectNode target = targets.putObject(t.name());
        t.options().forEach(target::put);
      }
    } catch (ScrapyConfigException e) {
      out.putObject("targets").put("error", pythonName(e.problem()));
    }
    return out;
  }

  private static String pythonName(ScrapyConfigException.Problem problem) {
    switch (problem) {
      case MISSING_SECTION_HEADER:
        return "MissingSectionHeaderError";
      case PARSE_ERROR:
        return "ParsingError";
      case DUPLICATE_SECTION:
        return "DuplicateSectionError";
      case DUPLICATE_OPTION:
        return "DuplicateOptionError";
      case INTERPOLATION_MISSING_OPTION:
        return "InterpolationMissingOptionError";
      case INTERPOLATION_SYNTAX:
        return "InterpolationSyntaxError";
      case INTERPOLATION_DEPTH:
        return "InterpolationDepthError";
      default:
        return problem.name();
    }
  }
}
