package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.examples.StatusExample;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

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

  @Spec
  CommandSpec spec;

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
      System.setProperty("org.slf4j.simpleLogger.log.io.github.scrapyd4j.egg.EggBuilder", "error");
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
      ex.getCommandLine().getErr().println(withoutPasswords(usageError(ex), argv));
      return USAGE;
    });
    for (CommandLine sub : cl.getSubcommands().values()) {
      addVersionHelp(sub.getCommandSpec());
    }
    return cl.execute(args);
  }

  /**
   * The line with URLs' passwords hidden ({@link Redaction#uri(String)}) and the value given to
   * {@code --password} masked: picocli quotes the arguments it cannot place, and an option
   * misplaced before its command is one of them.
   */
  static String withoutPasswords(String line, String[] argv) {
    String shown = Redaction.uri(line);
    for (int i = 0; i < argv.length; i++) {
      String secret = null;
      if (argv[i].equals("--password") && i + 1 < argv.length) {
        secret = argv[i + 1];
      } else if (argv[i].startsWith("--password=")) {
        secret = argv[i].substring("--password=".length());
      }
      if (secret != null && !secret.isEmpty()) {
        shown = shown.replace(secret, Redaction.MASK);
      }
    }
    return shown;
  }

  /**
   * A usage error in one line: picocli's message, what it may have meant, where the help is.
   */
  static String usageError(ParameterException ex) {
    CommandLine cl = ex.getCommandLine();
    String message = String.join(" ", ex.getMessage().strip().split("\\s*\\R\\s*"));
    if (message.endsWith(".")) {
      message = message.substring(0, message.length() - 1);
    }
    Object command = cl.getCommand();
    if (ex instanceof UnmatchedArgumentException && command instanceof Scrapyd4jCommand
        && ((Scrapyd4jCommand) command).url != null
        && isWord(((Scrapyd4jCommand) command).url)) {
      // `scrapyd4j nosuch x`: the word went to the URL parameter, but was meant as a command.
      message = unknownCommand(cl, ((Scrapyd4jCommand) command).url.strip());
    } else if (ex instanceof UnmatchedArgumentException) {
      message += didYouMean(((UnmatchedArgumentException) ex).getSuggestions(),
          ((UnmatchedArgumentException) ex).getUnmatched().get(0));
    }
    return "scrapyd4j: " + message + " (see '" + cl.getCommandSpec().qualifiedName()
        + " --help')";
  }

  private static boolean isWord(String arg) {
    return arg.strip().matches("[A-Za-z][A-Za-z0-9_-]*");
  }

  private static String unknownCommand(CommandLine root, String word) {
    String hint = didYouMean(
        new UnmatchedArgumentException(root, List.of(word)).getSuggestions(), word);
    return "Unknown command: '" + word + "'"
        + (hint.isEmpty() ? "; a Scrapyd URL starts with http:// or https://" : hint);
  }

  /**
   * "; did you mean X?" for picocli's suggestions that are close to what was typed (a typo or a
   * prefix), else nothing: picocli's own list also holds far-fetched ones.
   */
  static String didYouMean(List<String> suggestions, String typed) {
    String t = typed.toLowerCase(Locale.ROOT);
    List<String> close = new java.util.ArrayList<>();
    for (String s : suggestions) {
      String c = s.toLowerCase(Locale.ROOT);
      if (editDistance(c, t) <= Math.max(1, Math.min(2, t.length() / 3))
          || (t.length() >= 3 && (c.startsWith(t) || t.startsWith(c)))) {
        close.add(s);
      }
    }
    return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
  }

  /** Levenshtein distance, an adjacent transposition counting as one edit. */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * Gives a subcommand {@code -V} and {@code --version} (print the scrapyd4j version), as the top
   * command has; {@code spiders}, {@code schedule} and {@code deploy} keep {@code --version} for
   * the project version they take, so only {@code -V} prints the scrapyd4j version there.
   */
  private static void addVersionHelp(CommandSpec sub) {
    if (sub.userObject() instanceof CommandLine.HelpCommand) {
      return;
    }
    sub.versionProvider(new Version());
    String[] names = sub.findOption("--version") == null
        ? new String[] {"-V", "--version"} : new String[] {"-V"};
    sub.addOption(OptionSpec.builder(names).versionHelp(true)
        .description("print the scrapyd4j version").build());
  }

  @Override
  public Integer call() {
    if (url != null) {
      checkUrl(url);
    }
    String[] args = url == null ? new String[0] : new String[] {url};
    // Bounded like every command's calls; what the overview prints after that is dropped.
    Gate out = new Gate(env.out);
    Gate err = new Gate(env.err);
    try {
      return Connection.bounded(URI.create(url == null ? ConnectionOptions.DEFAULT_URL
              : url.strip()), ConnectionOptions.DEFAULT_CALL_TIMEOUT, "",
          () -> StatusExample.run(args, new PrintStream(out, true), new PrintStream(err, true)));
    } finally {
      out.closed = true;
      err.closed = true;
    }
  }

  /** Passes output on until closed, then drops it. */
  private static final class Gate extends java.io.FilterOutputStream {
    volatile boolean closed;

    Gate(PrintStream target) {
      super(target);
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      if (!closed) {
        out.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      if (!closed) {
        out.write(b, off, len);
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** The URL argument is a URL; a word there is an unknown command (exit code 2). */
  private void checkUrl(String arg) {
    String value = arg.strip();
    if (isWord(value)) {
      throw new ParameterException(spec.commandLine(), unknownCommand(spec.commandLine(), value));
    }
    String scheme;
    String host;
    try {
      URI uri = new URI(value);
      scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      host = uri.getHost();
    } catch (URISyntaxException e) {
      scheme = "";
      host = null;
    }
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null) {
      throw new ParameterException(spec.commandLine(), Output.quoteUrl(value)
          + " is neither a command nor a Scrapyd URL (http:// or https:// and a host)");
    }
  }

  /** Where the command line prints and what it reads. */
  static final class Env {
    final PrintStream out;
    final PrintStream err;
    final Map<String, String> environment;
    /** The system's idea of the home folder ({@code user.home}): used when HOME is not set. */
    final Path userHome;
    final Path workDir;
    /** Where the credentials of the nodes came from, for the message of a 401. */
    final List<String> credentialNotes = new java.util.concurrent.CopyOnWriteArrayList<>();

    Env(PrintStream out, PrintStream err, Map<String, String> environment, Path userHome,
        Path workDir) {
      this.out = out;
      this.err = err;
      this.environment = environment;
      this.userHome = userHome;
      this.workDir = workDir;
    }

    /**
     * The home folder as Python's tools find it ({@code os.path.expanduser("~")}): {@code $HOME}
     * when set and not empty, else {@code user.home}.
     */
    Path home() {
      String home = environment.get("HOME");
      return home != null && !home.isEmpty() ? Path.of(home) : userHome;
    }

    /** The environment with HOME set to {@link #home()}, for the library's lookups. */
    Map<String, String> environmentWithHome() {
      Map<String, String> copy = new java.util.HashMap<>(environment);
      copy.put("HOME", home().toString());
      return copy;
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
