package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.Redaction;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Where the run history is: {@code --db JDBC-URL}, else {@code $SCRAPYD4J_DB}, else an H2
 * database file in the user's data folder ({@code $XDG_DATA_HOME/scrapyd4j/history.mv.db}, by
 * default {@code ~/.local/share/scrapyd4j/history.mv.db}), which {@code tasks run} and
 * {@code tasks history} share. The database password is read from {@code
 * $SCRAPYD4J_DB_PASSWORD}, never given as an option, and never shown.
 */
final class HistoryDb {
  static final String URL_ENV = "SCRAPYD4J_DB";
  static final String PASSWORD_ENV = "SCRAPYD4J_DB_PASSWORD";
  /** password=..., in a query ({@code ?&}) or in H2's {@code ;} settings. */
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)([?&;](?:password|pwd)=)[^&;]*");

  @Option(names = "--db", paramLabel = "JDBC-URL",
      description = "where the run history is: a JDBC URL (jdbc:postgresql://host/db,"
          + " jdbc:h2:file:/path/history); default $" + URL_ENV + ", else an H2 file in"
          + " $XDG_DATA_HOME/scrapyd4j (~/.local/share/scrapyd4j)")
  String url;

  @Option(names = "--db-user", paramLabel = "USER",
      description = "the database user (a password is read from $" + PASSWORD_ENV + ")")
  String user;

  /** The JDBC URL to open. */
  String url(Scrapyd4jCommand.Env env) {
    if (url != null && !url.isBlank()) {
      return check(url.strip(), "--db");
    }
    String fromEnv = env.environment.get(URL_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return check(fromEnv.strip(), "$" + URL_ENV);
    }
    return defaultUrl(env);
  }

  private static String check(String url, String where) {
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException(where + " must be a JDBC URL (jdbc:postgresql://host/db"
          + " or jdbc:h2:file:/path/history), but was " + Redaction.quote(shown(url)));
    }
    return url;
  }

  /** The folder of the default H2 file. */
  static Path defaultFolder(Scrapyd4jCommand.Env env) {
    String xdg = env.environment.get("XDG_DATA_HOME");
    Path data = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
        : env.home().resolve(".local").resolve("share");
    return data.resolve("scrapyd4j");
  }

  /**
   * The default H2 file. AUTO_SERVER lets {@code tasks history} read it while {@code tasks run}
   * holds it open (the first process serves it to the others on a local port).
   */
  static String defaultUrl(Scrapyd4jCommand.Env env) {
    return "jdbc:h2:file:" + defaultFolder(env).resolve("history").toAbsolutePath()
        + ";AUTO_SERVER=TRUE";
  }

  /** The database password, if the environment gives one. */
  String password(Scrapyd4jCommand.Env env) {
    return env.environment.get(PASSWORD_ENV);
  }

  /** A JDBC URL as shown to people: user information and password parameters masked. */
  static String shown(String url) {
    // jdbc:postgresql://user:secret@host/db has a URL's user information too.
    return Redaction.uri(PASSWORD_PARAM.matcher(url).replaceAll("$1" + Redaction.MASK));
  }
}
