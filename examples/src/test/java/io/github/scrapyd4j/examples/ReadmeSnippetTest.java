package io.github.scrapyd4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example compiles as printed, and runs against a stubbed Scrapyd. */
class ReadmeSnippetTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(new EchoAddVersion()))
      .build();

  @TempDir
  Path temp;

  @Test
  void theReadmeExampleCompilesAndRuns() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = JAVA_BLOCK.matcher(readme);
    assertThat(block.find()).as("a ```java block in README.md").isTrue();
    String snippet = block.group(1);
    assertThat(snippet.lines().count()).as("lines of the README's example").isBetween(15L, 35L);
    Matcher name = Pattern.compile("public class (\\w+)").matcher(snippet);
    assertThat(name.find()).as("the example is a public class").isTrue();

    // Compiled exactly as printed, against the library's class path.
    Path source = temp.resolve(name.group(1) + ".java");
    Files.writeString(source, snippet);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int compiled = javac.run(null, diagnostics, diagnostics, "-d", temp.toString(),
        "-cp", System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")), "-Xlint:all", "-Werror", source.toString());
    assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    // Run with the stub's address and the project's place seen from this module's folder.
    String runnable = snippet.replace("http://localhost:6800", wm.baseUrl())
        .replace("Path.of(\"examples/quickstart-project\")", "Path.of(\"quickstart-project\")");
    assertThat(runnable).isNotEqualTo(snippet);
    Path runDir = Files.createDirectories(temp.resolve("run"));
    Path runSource = runDir.resolve(name.group(1) + ".java");
    Files.writeString(runSource, runnable);
    assertThat(javac.run(null, null, null, "-d", runDir.toString(), "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        runSource.toString())).isZero();
    QuickstartTest.stubNode(wm, QuickstartTest.resource("quotes-3.log"));
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {runDir.toUri().toURL()},
        getClass().getClassLoader())) {
      Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(stdout);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(QuickstartTest.JOB + ": SUCCEEDED");
    List<?> schedules = wm.findAll(postRequestedFor(urlPathEqualTo("/schedule.json")));
    assertThat(schedules).hasSize(1);
  }
}
