package io.github.scrapyd4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process with captured output and a controlled environment. */
final class CliTestSupport {
  final Path home;
  final Path workDir;
  final Map<String, String> environment = new HashMap<>();
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  CliTestSupport(Path temp) throws Exception {
    this.home = Files.createDirectories(temp.resolve("home"));
    this.workDir = Files.createDirectories(temp.resolve("work"));
  }

  int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    Scrapyd4jCommand.Env env = new Scrapyd4jCommand.Env(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), environment, home, workDir);
    return Scrapyd4jCommand.run(env, args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Writes scrapy.cfg into the working folder. */
  void scrapyCfg(String text) throws Exception {
    Files.writeString(workDir.resolve("scrapy.cfg"), text);
  }
}
