package io.github.scrapyd4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build time only: runs the command line's common paths in one JVM, so that
 * {@code -XX:DumpLoadedClassList} lists the classes they load. The distribution ships that list
 * ({@code lib/scrapyd4j.classlist}); {@code bin/scrapyd4j} makes its class-data archive from it.
 *
 * <pre>
 * java -XX:DumpLoadedClassList=scrapyd4j.classlist -cp scrapyd4j.jar \
 *     io.github.scrapyd4j.cli.CdsTraining examples/quickstart-project target/cds-training
 * </pre>
 *
 * <p>The paths: the help and version, usage errors, building an egg, a scrapy.cfg read and
 * printed as JSON, and a request to a node that is not there (the HTTP client and the error
 * handling, without a network).
 */
final class CdsTraining {
  private CdsTraining() {}

  /**
   * Runs the paths.
   *
   * @param args the Scrapy project to build an egg of, and a folder to write into
   * @throws IOException if the folder cannot be made
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CdsTraining SCRAPY_PROJECT_DIR WORK_DIR");
      System.exit(2);
    }
    Path project = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
    Scrapyd4jCommand.configureLogging(false);
    PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true);
    Scrapyd4jCommand.Env env = new Scrapyd4jCommand.Env(none, none, Map.of(),
        Files.createDirectories(work.resolve("home")), project);
    String[][] runs = {
      {"--version"},
      {"--help"},
      {"deploy", "--help"},
      {"help", "schedule"},
      {"nosuch"},
      {"jobs", "--nosuch"},
      {"targets"},
      {"targets", "--json"},
      {"deploy", "--build-egg", work.resolve("training.egg").toString()},
      // Nothing listens on port 1: the connection is refused at once (exit code 3).
      {"jobs", "--url", "http://127.0.0.1:1", "-p", "training"},
      {"projects", "--url", "http://127.0.0.1:1,http://127.0.0.1:1/again", "--json"},
    };
    for (String[] run : runs) {
      Scrapyd4jCommand.run(env, run);
    }
  }
}
