package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.examples.StatusExample;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The {@code scrapyd4j} command line: deploy, schedule and inspect Scrapyd nodes, modelled on
 * scrapyd-deploy and scrapyd-client.
 *
 * <pre>
 * java -jar examples/target/scrapyd4j.jar [URL]              overview of a node (default localhost:6800)
 * java -jar examples/target/scrapyd4j.jar jobs --url http://localhost:6800
 * java -jar examples/target/scrapyd4j.jar schedule -p shop products --arg category=garden
 * java -jar examples/target/scrapyd4j.jar deploy -a
 * </pre>
 *
 * <p>Exit codes: 0 success; 1 Scrapyd reported an error or a deploy failed on some node; 2 usage
 * or configuration error; 3 a node could not be reached. See {@code docs/command-line.md}.
 */
@Command(
    name = "scrapyd4j",
    mixinStandardHelpOptions = true,
    versionProvider = Scrapyd4jCommand.Version.class,
    description = {
      "Deploy, schedule and inspect Scrapy spiders on Scrapyd.",
      "Without a command: print a node's status, projects and jobs",
      "(default URL: http://localhost:6800)."
    },
    subcommands = {
      TargetsCommand.class,
      ProjectsCommand.class,
      VersionsCommand.class,
      SpidersCommand.class,
      JobsCommand.class,
      StatusCommand.class,
      ScheduleCommand.class,
      CancelCommand.class,
      LogCommand.class,
      OutcomeCommand.class,
      ItemsCommand.class,
      DelVersionCommand.class,
      DelProjectCommand.class,
      DeployCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:Scrapyd reported an error, or a deploy failed on some node",
      "2:usage or configuration error",
      "3:a Scrapyd node could not be reached"
    })
public final class Scrapyd4jCommand implements Callable<Integer> {
  /** Success. */
  static final int OK = 0;
  /** Scrapyd reported an error, or a deploy failed on some node. */
  static final int FAILED = 1;
  /** Bad usage or configuration. */
  static final int USAGE = 2;
  /** A node could not be reached. */
  static final int UNREACHABLE = 3;

  @Parameters(
      arity = "0..1",
      paramLabel = "URL",
      description = "the Scrapyd to show when no command is given")
  String url;

  final Env env;

  Scrapyd4jCommand(Env env) {
    this.env = env;
  }

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    if (!debug) {
      // The command prints these outcomes itself, in one line each.
      System.setProperty("org.slf4j.simpleLogger.log.io.github.scrapyd4j.egg.Deployer", "error");
      System.setProperty("org.slf4j.simpleLogger.log.io.github.scrapyd4j.cluster", "error");
    }
    Env env = new Env(System.out, System.err, System.getenv(),
        Path.of(System.getProperty("user.home")), Path.of("").toAbsolutePath());
    System.exit(run(env, args));
  }

  /**
   * Runs the command line.
   *
   * @param env where to print, the environment and the folders to read configuration from
   * @param args the arguments
   * @return the exit code
   */
  static int run(Env env, String... args) {
    CommandLine cl = new CommandLine(new Scrapyd4jCommand(env));
    cl.setOut(new PrintWriter(env.out, true));
    cl.setErr(new PrintWriter(env.err, true));
    cl.setExecutionExceptionHandler(new Errors(env));
    cl.setParameterExceptionHandler((ex, argv) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("scrapyd4j: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help' for more information.");
      return USAGE;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    String[] args = url == null ? new String[0] : new String[] {url};
    return StatusExample.run(args, env.out, env.err);
  }

  /** Where the command line prints and what it reads. */
  static final class Env {
    final PrintStream out;
    final PrintStream err;
    final Map<String, String> environment;
    final Path userHome;
    final Path workDir;

    Env(PrintStream out, PrintStream err, Map<String, String> environment, Path userHome,
        Path workDir) {
      this.out = out;
      this.err = err;
      this.environment = environment;
      this.userHome = userHome;
      this.workDir = workDir;
    }
  }

  /** The version printed by {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Scrapyd4jCommand.class.getPackage().getImplementationVersion();
      return new String[] {"scrapyd4j " + (v == null ? "(development build)" : v)};
    }
  }
}
