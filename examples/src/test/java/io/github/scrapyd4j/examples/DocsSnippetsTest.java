package io.github.scrapyd4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java blocks of the guides in docs/ compile against the library, so that a renamed method
 * cannot leave a guide behind. The blocks are fragments that go on from one another, so each is
 * compiled alone as a method body, with the variables it uses but does not declare (the client,
 * the egg, the job...) given as parameters. Blocks that elide code with {@code ...}, and blocks
 * that only list imports, are left out.
 * (The README's example is complete, and {@link ReadmeSnippetTest} also runs it.)
 */
class DocsSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  /** Variables the guides use across blocks, and their types. */
  private static final Map<String, String> CARRIED = new LinkedHashMap<>();

  static {
    CARRIED.put("client", "ScrapydClient");
    CARRIED.put("euClient", "ScrapydClient");
    CARRIED.put("usClient", "ScrapydClient");
    CARRIED.put("eu", "ScrapydClient");
    CARRIED.put("us", "ScrapydClient");
    CARRIED.put("cluster", "ClusterClient");
    CARRIED.put("nodes", "List<Node>");
    CARRIED.put("egg", "Egg");
    CARRIED.put("project", "Path");
    CARRIED.put("version", "String");
    CARRIED.put("password", "String");
    CARRIED.put("secret", "String");
    CARRIED.put("job", "JobRef");
    CARRIED.put("scheduleResult", "ScheduleResult");
    CARRIED.put("logs", "JobLogs");
    CARRIED.put("waiter", "JobWaiter");
    CARRIED.put("repository", "Repository");
    CARRIED.put("log", "org.slf4j.Logger");
    CARRIED.put("alerts", "io.github.scrapyd4j.alerts.AlertFanOut");
    CARRIED.put("monitor", "io.github.scrapyd4j.monitor.JobMonitor");
    CARRIED.put("store", "io.github.scrapyd4j.tasks.RunStore");
    CARRIED.put("nightly", "io.github.scrapyd4j.tasks.CrawlTask");
  }

  private static final String IMPORTS = String.join("\n",
      "import io.github.scrapyd4j.*;",
      "import io.github.scrapyd4j.alerts.*;",
      "import io.github.scrapyd4j.cluster.*;",
      "import io.github.scrapyd4j.monitor.*;",
      "import io.github.scrapyd4j.tasks.*;",
      "import io.github.scrapyd4j.egg.*;",
      "import io.github.scrapyd4j.jobs.*;",
      "import io.github.scrapyd4j.logs.*;",
      "import io.github.scrapyd4j.model.*;",
      "import io.github.scrapyd4j.testing.FakeScrapyd;",
      "import com.fasterxml.jackson.databind.JsonNode;",
      "import java.net.URI;",
      "import java.nio.file.Path;",
      "import java.time.Duration;",
      "import java.time.Instant;",
      "import java.time.ZoneId;",
      "import java.util.*;",
      "import java.util.concurrent.CompletableFuture;",
      "import java.util.stream.Stream;", "");

  /** What the guides' examples assume of the reader's own code. */
  private static final String READER_TYPES =
      "  static class Product {}\n  interface Repository { void save(Product product); }\n";

  @TempDir
  Path temp;

  @Test
  void theJavaBlocksOfTheGuidesCompile() throws Exception {
    List<Path> sources = new ArrayList<>();
    List<String> elided = new ArrayList<>();
    List<Path> guides;
    try (Stream<Path> files = Files.list(Path.of("..", "docs"))) {
      guides = files.filter(f -> f.toString().endsWith(".md")).sorted()
          .collect(Collectors.toList());
    }
    for (Path guide : guides) {
      Matcher block = JAVA_BLOCK.matcher(Files.readString(guide));
      int n = 0;
      while (block.find()) {
        String name = guide.getFileName().toString().replace(".md", "").replace('-', '_')
            + "_" + n++;
        if (block.group(1).lines().allMatch(l -> l.isBlank() || l.startsWith("import "))) {
          continue; // a list of imports (the wrapper imports every package)
        }
        if (block.group(1).contains(" ...") || block.group(1).contains("{ ... }")) {
          elided.add(name);
          continue;
        }
        sources.add(write("Snippet_" + name, block.group(1)));
      }
    }
    assertThat(sources).as("Java blocks in docs/").hasSizeGreaterThanOrEqualTo(20);
    assertThat(elided).as("blocks left out because they elide code").hasSizeLessThanOrEqualTo(3);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("-d", temp.toString(), "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
    sources.forEach(s -> args.add(s.toString()));
    int compiled = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
    assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
  }

  private Path write(String className, String body) throws IOException {
    List<String> parameters = new ArrayList<>();
    CARRIED.forEach((name, type) -> {
      boolean used = Pattern.compile("(?<![.\\w])" + name + "\\b(?!\\s*\\()").matcher(body).find();
      boolean declared = Pattern.compile("\\b[\\w.]+(<[^=;]*>)?\\s+" + name + "\\s*[=:]")
          .matcher(body).find();
      if (used && !declared) {
        parameters.add(type + " " + name);
      }
    });
    Path source = temp.resolve(className + ".java");
    Files.writeString(source, IMPORTS + "class " + className + " {\n" + READER_TYPES
        + "  void run(" + String.join(", ", parameters) + ") throws Exception {\n" + body
        + "\n  }\n}\n");
    return source;
  }
}
