package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.egg.ScrapyConfigException.Problem;
import io.github.scrapyd4j.egg.internal.Args;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials from a {@code .netrc} file, read the way Python's {@code netrc} module (3.11) reads
 * it, which is where scrapyd-deploy looks when a target has no {@code username}: {@code machine
 * HOST login USER password PASS} entries, a {@code default} entry for every other host, quoted
 * tokens, {@code #} comments and {@code macdef} blocks.
 *
 * <pre>{@code
 * Optional<Credentials> credentials = Netrc.lookup(System.getenv())   // $HOME/.netrc, $NETRC
 *     .flatMap(netrc -> netrc.credentialsFor("scrapyd.example.com"));
 * }</pre>
 *
 * <p>{@link #lookup(Map)} finds the files scrapyd-deploy 2.0.3 reads, in its order: it asks
 * Python's {@code netrc} module for {@code ~/.netrc} ({@code ~} is {@code $HOME}, else the
 * system's user record), which refuses a file other users can read or that belongs to someone
 * else; when that gives nothing for the host, the {@code requests} library it uploads with reads
 * {@code $NETRC} when set, else {@code ~/.netrc} (without the permission check), else {@code
 * ~/_netrc}. So a {@code ~/.netrc} readable by others is still used (a warning is logged).
 */
public final class Netrc {
  private static final Logger LOG = LoggerFactory.getLogger(Netrc.class);

  private final Map<String, String[]> hosts;
  private final Path file;
  private final Netrc fallback;

  private Netrc(Map<String, String[]> hosts, Path file) {
    this(hosts, file, null);
  }

  private Netrc(Map<String, String[]> hosts, Path file, Netrc fallback) {
    this.hosts = hosts;
    this.file = file;
    this.fallback = fallback;
  }

  /**
   * Parses {@code .netrc} text.
   *
   * @param text the file's content
   * @return the parsed entries
   * @throws ScrapyConfigException ({@link ScrapyConfigException.Problem#NETRC}) if it does not
   *     parse, with Python's message
   */
  public static Netrc parse(String text) {
    Args.notNull("text", text);
    return new Netrc(parseEntries(text, null), null);
  }

  /**
   * Reads a {@code .netrc} file.
   *
   * @param file the file
   * @return the parsed entries
   * @throws ScrapyConfigException if the file cannot be read or does not parse
   */
  public static Netrc load(Path file) {
    Args.notNull("file", file);
    return new Netrc(parseEntries(read(file), file), file);
  }

  /**
   * Reads the {@code .netrc} files scrapyd-deploy reads, with this process's environment: see
   * {@link #lookup(Map)}.
   *
   * @return the entries, empty when no file applies
   */
  public static Optional<Netrc> loadDefault() {
    return lookup(System.getenv());
  }

  /**
   * Reads the {@code .netrc} files scrapyd-deploy 2.0.3 reads, in its order, for an environment:
   * first {@code ~/.netrc} as Python's {@code netrc} module reads it (ignored when other users
   * can read it or it belongs to someone else), then the file of the {@code requests} library:
   * {@code $NETRC} when set, else {@code ~/.netrc} (without the permission check, so a file
   * Python refuses is read here after all, with a warning), else {@code ~/_netrc}. {@code ~} is
   * {@code HOME} when set and not empty, else the {@code user.home} property. A file that does
   * not parse is skipped with a warning, as both libraries skip it.
   *
   * @param environment the environment variables ({@code HOME}, {@code NETRC})
   * @return the entries, the first file's first, empty when no file applies
   */
  public static Optional<Netrc> lookup(Map<String, String> environment) {
    Args.notNull("environment", environment);
    Path home = ScrapyConfig.home(environment);
    Path dotNetrc = home.resolve(".netrc");
    List<Netrc> chain = new ArrayList<>();
    boolean strictRefused = false;
    if (Files.isRegularFile(dotNetrc)) {
      Optional<Netrc> strict = quietly(dotNetrc);
      String insecure = strict.isPresent() ? insecurity(dotNetrc) : null;
      if (insecure != null && strict.get().hasNonAnonymousLogin()) {
        strictRefused = true;
      } else {
        strict.ifPresent(chain::add);
      }
      if (insecure != null) {
        LOG.debug("Python's netrc module refuses {}: {}", dotNetrc, insecure);
      }
    }
    String netrcVar = environment.get("NETRC");
    Path requestsFile = null;
    if (netrcVar != null) {
      requestsFile = expandUser(netrcVar, home);
    } else {
      for (String name : List.of(".netrc", "_netrc")) {
        if (Files.exists(home.resolve(name))) {
          requestsFile = home.resolve(name);
          break;
        }
      }
    }
    if (requestsFile != null && Files.isRegularFile(requestsFile)
        && !(chain.size() == 1 && requestsFile.equals(dotNetrc))) {
      Optional<Netrc> loose = quietly(requestsFile);
      if (loose.isPresent() && strictRefused && requestsFile.equals(dotNetrc)) {
        LOG.warn("{} can be read by other users or belongs to someone else: Python's netrc module"
            + " refuses it, but the requests library scrapyd-deploy uploads with reads it, and so"
            + " does scrapyd4j; protect it with chmod 600", dotNetrc);
      }
      loose.ifPresent(chain::add);
    }
    Netrc result = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Netrc n = chain.get(i);
      result = new Netrc(n.hosts, n.file, result);
    }
    return Optional.ofNullable(result);
  }

  /** The files {@link #lookup(Map)} looks for, whether they exist or not, for messages. */
  static List<Path> candidates(Map<String, String> environment) {
    Path home = ScrapyConfig.home(environment);
    List<Path> files = new ArrayList<>();
    files.add(home.resolve(".netrc"));
    String netrcVar = environment.get("NETRC");
    if (netrcVar != null) {
      Path p = expandUser(netrcVar, home);
      if (!files.contains(p)) {
        files.add(p);
      }
    } else {
      files.add(home.resolve("_netrc"));
    }
    return files;
  }

  /** {@code os.path.expanduser} for {@code ~} and {@code ~/...}, as requests applies it. */
  private static Path expandUser(String path, Path home) {
    return path.equals("~") ? home
        : path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
  }

  private static Optional<Netrc> quietly(Path file) {
    try {
      return Optional.of(load(file));
    } catch (ScrapyConfigException e) {
      LOG.warn("Ignoring {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Reads a file as Python's {@code netrc} module reads the default {@code ~/.netrc}: ignored
   * with a warning when Python would ignore it. (scrapyd-deploy reads more: see {@link
   * #lookup(Map)}.)
   *
   * @param file the file standing for {@code ~/.netrc}
   * @return the entries, empty when the file is absent or would be ignored
   */
  public static Optional<Netrc> loadDefault(Path file) {
    Args.notNull("file", file);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Netrc netrc = load(file);
      String insecure = insecurity(file);
      if (insecure != null && netrc.hasNonAnonymousLogin()) {
        LOG.warn("Ignoring {}: {} (Python's netrc module, and so scrapyd-deploy, ignores it too)",
            file, insecure);
        return Optional.empty();
      }
      return Optional.of(netrc);
    } catch (ScrapyConfigException e) {
      LOG.warn("Ignoring {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  private boolean hasNonAnonymousLogin() {
    for (String[] entry : hosts.values()) {
      if (!entry[0].equals("anonymous")) {
        return true;
      }
    }
    return false;
  }

  /** Python's _security_check: owner must be the current user, no group or other access. */
  private static String insecurity(Path file) {
    try {
      PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
      String owner = attributes.owner().getName();
      String user = System.getProperty("user.name");
      if (user != null && !owner.equals(user)) {
        return "its owner (" + owner + ") is not the current user (" + user + ")";
      }
      Set<PosixFilePermission> p = attributes.permissions();
      for (PosixFilePermission permission : p) {
        if (!permission.name().startsWith("OWNER_")) {
          return "access permissions must restrict access to only the owner (chmod 600 " + file
              + ")";
        }
      }
      return null;
    } catch (UnsupportedOperationException | IOException e) {
      return null;
    }
  }

  private static String read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
      }
    } catch (IOException e) {
      throw new ScrapyConfigException(Problem.UNREADABLE, file + " cannot be read: " + e, file, 0,
          e);
    }
  }

  /**
   * The credentials for a host: its {@code machine} entry, else the {@code default} entry.
   *
   * @param host the host name, as in the URL (Python compares it exactly, in lower case)
   * @return the credentials, empty if no entry applies or the entry has no login
   */
  public Optional<Credentials> credentialsFor(String host) {
    Args.notNull("host", host);
    String[] entry = hosts.get(host);
    if (entry == null) {
      entry = hosts.get("default");
    }
    if (entry == null) {
      return fallback == null ? Optional.empty() : fallback.credentialsFor(host);
    }
    if (entry[0].isEmpty() || entry[0].indexOf(':') >= 0) {
      LOG.warn("Ignoring the .netrc entry for {}: its login is {}", host,
          entry[0].isEmpty() ? "empty" : "not usable for basic authentication (contains ':')");
      return Optional.empty();
    }
    return Optional.of(Credentials.of(entry[0], entry[2]));
  }

  /**
   * The file read (the first one, for {@link #lookup(Map)}).
   *
   * @return the file, empty when parsed from text
   */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Every file read, in the order they are asked for credentials.
   *
   * @return the files, empty when parsed from text
   */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Netrc n = this; n != null; n = n.fallback) {
      if (n.file != null) {
        files.add(n.file);
      }
    }
    return List.copyOf(files);
  }

  /**
   * The file whose entry gives the credentials for a host.
   *
   * @param host the host name, in lower case
   * @return the file, empty when no entry applies or the entries were parsed from text
   */
  public Optional<Path> fileFor(String host) {
    Args.notNull("host", host);
    for (Netrc n = this; n != null; n = n.fallback) {
      if (n.hosts.containsKey(host) || n.hosts.containsKey("default")) {
        return Optional.ofNullable(n.file);
      }
    }
    return Optional.empty();
  }

  /** The files and hosts, never the passwords. */
  @Override
  public String toString() {
    return "Netrc{files=" + files() + ", hosts=" + hosts.keySet()
        + (fallback == null ? "" : ", then " + fallback) + '}';
  }

  // ---- Port of Python 3.11 netrc._netrclex and netrc._parse ----

  private static final class Lexer {
    private final String text;
    private int pos;
    int lineno = 1;
    private String pushback;

    Lexer(String text) {
      this.text = text;
    }

    private int readChar() {
      if (pos >= text.length()) {
        return -1;
      }
      char c = text.charAt(pos++);
      if (c == '\n') {
        lineno++;
      }
      return c;
    }

    /** Reads to the end of the line, like {@code instream.readline()}. */
    String readLine() {
      if (pos >= text.length()) {
        return "";
      }
      int end = text.indexOf('\n', pos);
      String line = end < 0 ? text.substring(pos) : text.substring(pos, end + 1);
      pos = end < 0 ? text.length() : end + 1;
      return line; // like Python, lines read this way do not advance lineno
    }

    private static boolean whitespace(int c) {
      return c == '\n' || c == '\t' || c == '\r' || c == ' ';
    }

    String token() {
      if (pushback != null) {
        String t = pushback;
        pushback = null;
        return t;
      }
      StringBuilder token = new StringBuilder();
      for (int c = readChar(); c >= 0; c = readChar()) {
        if (whitespace(c)) {
          continue;
        }
        if (c == '"') {
          for (c = readChar(); c >= 0; c = readChar()) {
            if (c == '"') {
              return token.toString();
            } else if (c == '\\') {
              c = readChar();
            }
            if (c >= 0) {
              token.append((char) c);
            }
          }
        } else {
          if (c == '\\') {
            c = readChar();
          }
          if (c >= 0) {
            token.append((char) c);
          }
          for (c = readChar(); c >= 0; c = readChar()) {
            if (whitespace(c)) {
              return token.toString();
            } else if (c == '\\') {
              c = readChar();
            }
            if (c >= 0) {
              token.append((char) c);
            }
          }
        }
      }
      return token.toString();
    }

    void push(String t) {
      pushback = t;
    }
  }

  private static Map<String, String[]> parseEntries(String text, Path file) {
    Map<String, String[]> hosts = new HashMap<>();
    Lexer lexer = new Lexer(text);
    String lastEntry = null; // named in messages; tokens are not, they can be passwords
    while (true) {
      int savedLine = lexer.lineno;
      String tt = lexer.token();
      String entryName;
      if (tt.isEmpty()) {
        break;
      } else if (tt.charAt(0) == '#') {
        if (lexer.lineno == savedLine && tt.length() == 1) {
          lexer.readLine();
        }
        continue;
      } else if (tt.equals("machine")) {
        entryName = lexer.token();
      } else if (tt.equals("default")) {
        entryName = "default";
      } else if (tt.equals("macdef")) {
        lexer.token();
        while (true) {
          String line = lexer.readLine();
          if (line.isEmpty()) {
            throw netrcError("Macro definition missing null line terminator.", file, lexer.lineno);
          }
          if (line.equals("\n")) {
            break;
          }
        }
        continue;
      } else {
        // Python quotes the token; it can be part of a password, so only its place is named.
        throw netrcError("bad toplevel token (expected machine, default or macdef"
            + (lastEntry == null ? "" : "; after the entry for " + lastEntry
                + ", a value with spaces needs quotes") + ")", file, lexer.lineno);
      }
      if (entryName.isEmpty()) {
        throw netrcError("missing '" + tt + "' name", file, lexer.lineno);
      }
      lastEntry = tt.equals("default") ? "default" : "machine '" + entryName + "'";
      String login = "";
      String account = "";
      String password = "";
      String previous = null;
      while (true) {
        int prevLine = lexer.lineno;
        tt = lexer.token();
        if (tt.startsWith("#")) {
          if (lexer.lineno == prevLine) {
            lexer.readLine();
          }
          continue;
        }
        if (tt.isEmpty() || tt.equals("machine") || tt.equals("default") || tt.equals("macdef")) {
          hosts.put(entryName, new String[] {login, account, password});
          lexer.push(tt);
          break;
        } else if (tt.equals("login") || tt.equals("user")) {
          login = lexer.token();
          previous = tt;
        } else if (tt.equals("account")) {
          account = lexer.token();
          previous = tt;
        } else if (tt.equals("password")) {
          password = lexer.token();
          previous = tt;
        } else {
          throw netrcError("bad follower token in the entry for " + lastEntry
              + (previous == null ? "" : ", after its " + previous)
              + " (expected login, account, password, machine, default or macdef; a value with"
              + " spaces needs quotes)", file, lexer.lineno);
        }
      }
    }
    return hosts;
  }

  private static ScrapyConfigException netrcError(String message, Path file, int line) {
    return new ScrapyConfigException(Problem.NETRC,
        message + " (" + (file == null ? "netrc text" : file.toString()) + ", line " + line + ")",
        file, line, null);
  }
}
