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
import picocli.AutoComplete;
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

  /**
   * The commands, in the order the help lists them. They are not in {@code @Command}'s
   * {@code subcommands}: picocli would build every one of them (reflection over each class and
   * the types its fields and methods name, Jackson's and the HTTP client's among them) to run
   * any one, {@code --version} and {@code --help} included. {@link #commandLine} builds the one
   * the arguments name; the others are only a name and a description for the help. A method,
   * not a constant: {@code --version} loads none of these classes.
   */
  static List<Class<?>> commands() {
    return List.of(
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
        TasksCommand.class);
  }

  /** The hidden command that prints the bash/zsh completion script (the build runs it). */
  static final String COMPLETION = "generate-completion";

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
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli builds its model: a script asking for the version pays for a
      // JVM start and little more. The same lines as picocli's --version, which tests compare.
      for (String line : new Version().getVersion()) {
        System.out.println(line);
      }
      System.exit(OK);
    }
    configureLogging(java.util.Arrays.asList(args).contains("--debug"));
    Env env = new Env(System.out, System.err, System.getenv(),
        Path.of(System.getProperty("user.home")), Path.of("").toAbsolutePath());
    System.exit(run(env, args));
  }

  /**
   * slf4j-simple's settings for the command line: WARN and up on stderr ({@code --debug}: DEBUG),
   * and the deploy and cluster outcomes left to the command, which prints them in one line each.
   * System properties only: slf4j-simple reads them when the first logger is made.
   */
  static void configureLogging(boolean debug) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    if (!debug) {
      System.setProperty("org.slf4j.simpleLogger.log.io.github.scrapyd4j.egg.Deployer", "error");
      System.setProperty("org.slf4j.simpleLogger.log.io.github.scrapyd4j.egg.EggBuilder", "error");
      System.setProperty("org.slf4j.simpleLogger.log.io.github.scrapyd4j.cluster", "error");
    }
  }

  /**
   * Runs the command line.
   *
   * @param env where to print, the environment and the folders to read configuration from
   * @param args the arguments
   * @return the exit code
   */
  static int run(Env env, String... args) {
    return commandLine(env, args).execute(args);
  }

  /**
   * The command line for these arguments: the commands they name are built in full, the others
   * only as far as the top command's help needs (name and description). With no arguments given
   * ({@code null}), every command is built in full.
   */
  static CommandLine commandLine(Env env, String[] args) {
    List<String> words = args == null ? null : java.util.Arrays.asList(args);
    boolean all = words == null || words.contains(COMPLETION);
    CommandLine cl = new CommandLine(new Scrapyd4jCommand(env));
    for (Class<?> command : commands()) {
      Command a = command.getAnnotation(Command.class);
      boolean named = all || words.contains(a.name())
          || java.util.Arrays.stream(a.aliases()).anyMatch(words::contains);
      cl.addSubcommand(a.name(), named ? command : placeholder(a), a.aliases());
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(true);
    cl.addSubcommand(COMPLETION, completion);
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
    return cl;
  }

  /** A command as the top command's help shows it; never run (its name is not in the args). */
  private static CommandSpec placeholder(Command a) {
    CommandSpec spec = CommandSpec.create().name(a.name()).aliases(a.aliases());
    spec.usageMessage().description(a.description()).hidden(a.hidden());
    return spec;
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
    if (sub.findOption("-V") != null) {
      return;
    }
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
      return CallTimeout.bounded(URI.create(url == null ? ConnectionOptions.DEFAULT_URL
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
      throw new ParameterException(spec.commandLine(), Redaction.quote(value)
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

  /**
   * The version printed by {@code --version}: scrapyd4j's, from {@code version.properties} (the
   * build writes the project version into it), and the Java that runs it.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "scrapyd4j " + version(),
        "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")
            + " (" + System.getProperty("java.vendor") + "), " + System.getProperty("java.home")
      };
    }

    /**
     * The project version: the jar's manifest has it (read already when the class was loaded),
     * else (classes run from a folder, as in tests) {@code version.properties}, which the build
     * writes it into.
     */
    static String version() {
      String v = Version.class.getPackage().getImplementationVersion();
      if (v != null) {
        return v;
      }
      java.util.Properties p = new java.util.Properties();
      try (java.io.InputStream in = Version.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (java.io.IOException e) {
        // Handled below as an unknown version.
      }
      v = p.getProperty("version", "");
      return v.isEmpty() || v.startsWith("${") ? "(unknown version)" : v;
    }
  }
}
