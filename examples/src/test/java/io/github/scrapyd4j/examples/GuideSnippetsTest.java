package io.github.scrapyd4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of docs/getting-started.md compiles against the library. The blocks are
 * fragments that go on from one another, so each is compiled alone as a method body, with the
 * guide's variables it uses but does not declare given as parameters.
 */
class GuideSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  /** The variables the guide carries from one block to the next, and their types. */
  private static final Map<String, String> CARRIED = new LinkedHashMap<>();

  static {
    CARRIED.put("client", "ScrapydClient");
    CARRIED.put("egg", "Egg");
    CARRIED.put("job", "JobRef");
    CARRIED.put("logs", "JobLogs");
  }

  private static final String IMPORTS = String.join("\n",
      "import io.github.scrapyd4j.*;",
      "import io.github.scrapyd4j.cluster.*;",
      "import io.github.scrapyd4j.egg.*;",
      "import io.github.scrapyd4j.jobs.*;",
      "import io.github.scrapyd4j.logs.*;",
      "import io.github.scrapyd4j.model.*;",
      "import com.fasterxml.jackson.databind.JsonNode;",
      "import java.nio.file.Path;",
      "import java.time.Duration;",
      "import java.util.stream.Stream;", "");

  @TempDir
  Path temp;

  @Test
  void everyJavaBlockOfTheGettingStartedGuideCompiles() throws Exception {
    String guide = Files.readString(Path.of("..", "docs", "getting-started.md"));
    Matcher block = JAVA_BLOCK.matcher(guide);
    List<Path> sources = new ArrayList<>();
    while (block.find()) {
      String body = block.group(1);
      List<String> parameters = new ArrayList<>();
      CARRIED.forEach((name, type) -> {
        boolean used = Pattern.compile("\\b" + name + "\\b").matcher(body).find();
        boolean declared = Pattern.compile("\\b\\w+(<[^>]*>)?\\s+" + name + "\\s*=")
            .matcher(body).find()
            || Pattern.compile("\\(\\s*\\w+\\s+" + name + "\\s*=").matcher(body).find();
        if (used && !declared) {
          parameters.add(type + " " + name);
        }
      });
      String name = "GuideSnippet" + sources.size();
      Path source = temp.resolve(name + ".java");
      Files.writeString(source, IMPORTS + "class " + name + " {\n  void run("
          + String.join(", ", parameters) + ") throws Exception {\n" + body + "\n  }\n}\n");
      sources.add(source);
    }
    assertThat(sources).as("Java blocks in the guide").hasSizeGreaterThanOrEqualTo(5);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("-d", temp.toString(), "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
    sources.forEach(s -> args.add(s.toString()));
    int compiled = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
    assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
  }
}
