package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.Redaction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in what a JDBC driver or URL turns into text: {@code password=} settings of a
 * URL (PostgreSQL's {@code ?password=}, H2's {@code ;PASSWORD=}), user information ({@link
 * Redaction#uri(String)}), and the password the store was given, wherever a driver's message
 * quotes it.
 */
final class JdbcText {
  /** A setting whose value is a secret, up to the next separator or quote. */
  private static final Pattern SECRET_SETTING = Pattern.compile(
      "(?i)\\b((?:ssl)?(?:key)?(?:password|passwd|pwd|passphrase))(\\s*=\\s*)([^&;\\s'\"]*)");
  /** Shorter secrets are not searched for in text: masking every "ab" would garble it. */
  private static final int SHORTEST_SEARCHED = 4;

  private final List<String> secrets;

  private JdbcText(List<String> secrets) {
    this.secrets = secrets;
  }

  /**
   * The redactor for a store.
   *
   * @param url the JDBC URL, or null; the password settings it holds are searched for too
   * @param password the password given apart from the URL, or null
   */
  static JdbcText forStore(String url, String password) {
    List<String> secrets = new ArrayList<>();
    if (password != null && password.length() >= SHORTEST_SEARCHED) {
      secrets.add(password);
    }
    if (url != null) {
      Matcher m = SECRET_SETTING.matcher(url);
      while (m.find()) {
        if (m.group(3).length() >= SHORTEST_SEARCHED) {
          secrets.add(m.group(3));
        }
      }
    }
    // Longest first, so that a secret holding another is masked whole.
    secrets.sort((a, b) -> b.length() - a.length());
    return new JdbcText(List.copyOf(secrets));
  }

  /** Text with every password in it hidden; "null" for null. */
  String redact(String text) {
    if (text == null) {
      return "null";
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, Redaction.MASK);
    }
    out = Redaction.uri(out);
    return SECRET_SETTING.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(Redaction.MASK));
  }

  /**
   * A copy of a driver's exception whose messages (its own, its chained and its causes) hold no
   * password, with the same SQL state, vendor code and stack traces.
   */
  SQLException sanitize(SQLException e) {
    return sanitize(e, 0);
  }

  private SQLException sanitize(SQLException e, int depth) {
    SQLException copy = new SQLException(
        e.getClass().getName() + ": " + redact(e.getMessage()), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    if (depth < 8) {
      SQLException next = e.getNextException();
      if (next != null && next != e) {
        copy.setNextException(sanitize(next, depth + 1));
      }
      Throwable cause = e.getCause();
      if (cause != null && cause != e) {
        copy.initCause(sanitizeAny(cause, depth + 1));
      }
    }
    return copy;
  }

  private Throwable sanitizeAny(Throwable t, int depth) {
    if (t instanceof SQLException) {
      return sanitize((SQLException) t, depth);
    }
    RuntimeException copy = new RuntimeException(t.getClass().getName() + ": "
        + redact(t.getMessage()));
    copy.setStackTrace(t.getStackTrace());
    if (depth < 8 && t.getCause() != null && t.getCause() != t) {
      copy.initCause(sanitizeAny(t.getCause(), depth + 1));
    }
    return copy;
  }
}
