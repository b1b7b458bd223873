package io.github.scrapyd4j.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line's {@code main} in a forked JVM, as a user runs it: its real stdout and
 * stderr, slf4j-simple's log lines included (at DEBUG when asked), and its exit code.
 */
final class CliProcess {
  final Path home;
  final Path workDir;
  final Map<String, String> environment = new HashMap<>();
  final List<String> jvmOptions = new ArrayList<>();

  CliProcess(Path temp) throws Exception {
    this.home = Files.createDirectories(temp.resolve("home"));
    this.workDir = Files.createDirectories(temp.resolve("work"));
  }

  /** What one run printed and how it ended. */
  static final class Result {
    final int exitCode;
    final String out;
    final String err;
    final long millis;

    Result(int exitCode, String out, String err, long millis) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
      this.millis = millis;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + " after " + millis + " ms\n--- stdout\n" + out + "--- stderr\n"
          + err;
    }
  }

  Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")));
    command.add("-Duser.home=" + home);
    command.addAll(jvmOptions);
    command.add(Scrapyd4jCommand.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SCRAPYD_") || k.startsWith("JAVA_TOOL"));
    pb.environment().put("HOME", home.toString());
    pb.environment().putAll(environment);
    File out = Files.createTempFile(workDir.getParent(), "out", ".txt").toFile();
    File err = Files.createTempFile(workDir.getParent(), "err", ".txt").toFile();
    pb.redirectOutput(out).redirectError(err);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the command line did not end within 120 s: " + List.of(args));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8), millis);
  }
}
