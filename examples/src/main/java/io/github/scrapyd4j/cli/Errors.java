package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydTransportException;
import io.github.scrapyd4j.cluster.NodeUnavailableException;
import io.github.scrapyd4j.cluster.ScheduleOutcomeUnknownException;
import io.github.scrapyd4j.egg.EggBuildException;
import io.github.scrapyd4j.egg.ScrapyConfigException;
import io.github.scrapyd4j.egg.VersionException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns a failure into one line on stderr and an exit code; a stack trace only with --debug. */
final class Errors implements IExecutionExceptionHandler {
  private final Scrapyd4jCommand.Env env;

  Errors(Scrapyd4jCommand.Env env) {
    this.env = env;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    boolean debug = parsed.subcommands().stream()
        .anyMatch(p -> p.hasMatchedOption("--debug")) || parsed.hasMatchedOption("--debug");
    env.err.println("scrapyd4j: " + oneLine(ex) + credentialsNote(ex, null, env));
    if (debug) {
      // A cause from outside scrapyd4j (a URISyntaxException, say) may quote a URL whole.
      java.io.StringWriter trace = new java.io.StringWriter();
      ex.printStackTrace(new java.io.PrintWriter(trace));
      env.err.print(Redaction.uri(trace.toString()));
    }
    return exitCode(ex);
  }

  /**
   * For a 401: where the credentials of the node (or of every node, when {@code node} is null)
   * came from, naming the files read; empty for other failures.
   */
  static String credentialsNote(Throwable e, String node, Scrapyd4jCommand.Env env) {
    if (!(e instanceof ScrapydAuthenticationException) || env.credentialNotes.isEmpty()) {
      return "";
    }
    java.util.List<String> notes = new java.util.ArrayList<>();
    for (String n : env.credentialNotes) {
      if (node == null || n.startsWith(node + ": ")) {
        notes.add(node == null && env.credentialNotes.size() > 1 ? n
            : n.substring(n.indexOf(": ") + 2));
      }
    }
    return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
  }

  /** The exit code for a failure. */
  static int exitCode(Throwable e) {
    if (e instanceof CommandFailure) {
      return ((CommandFailure) e).exitCode;
    }
    if (e instanceof ScrapydTransportException || e instanceof NodeUnavailableException
        || e instanceof ScheduleOutcomeUnknownException) {
      return Scrapyd4jCommand.UNREACHABLE;
    }
    if (e instanceof ScrapyConfigException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      return Scrapyd4jCommand.USAGE;
    }
    return Scrapyd4jCommand.FAILED;
  }

  /** The worst exit code of several failures: 3 when a node could not be reached, else 1. */
  static int exitCode(Map<String, ? extends Throwable> failures) {
    int code = Scrapyd4jCommand.OK;
    for (Throwable t : failures.values()) {
      code = Math.max(code, exitCode(t) == Scrapyd4jCommand.UNREACHABLE
          ? Scrapyd4jCommand.UNREACHABLE : Scrapyd4jCommand.FAILED);
    }
    return code;
  }

  /**
   * A failure in one line, without credentials: scrapyd4j's messages carry none, and any URL in
   * the line goes through {@link Redaction#uri(String)} all the same.
   */
  static String oneLine(Throwable e) {
    return Redaction.uri(line(e));
  }

  private static String line(Throwable e) {
    String message;
    if (e instanceof ScrapydAuthenticationException) {
      message = e.getMessage() + " (give --username/--password, SCRAPYD_USERNAME/SCRAPYD_PASSWORD,"
          + " the target's username and password in scrapy.cfg, or a $HOME/.netrc entry)";
    } else if (e instanceof ScrapydApiException) {
      message = e.getMessage();
    } else if (e instanceof ScrapydTransportException) {
      message = e.getMessage() + hint((ScrapydTransportException) e);
    } else if (e instanceof ScrapydException || e instanceof ScrapyConfigException
        || e instanceof EggBuildException || e instanceof VersionException
        || e instanceof CommandFailure
        || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      message = e.getMessage();
    } else {
      message = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    String[] lines = message.strip().split("\\R");
    if (lines.length == 1) {
      return lines[0];
    }
    // Multi-line messages (Python tracebacks) end with the line that matters.
    String last = lines[lines.length - 1].strip();
    return lines[0].strip() + (last.isEmpty() || last.equals(lines[0].strip()) ? "" : " ... " + last);
  }

  /**
   * What to try: starting a Scrapyd only when nothing listens there (the connection was
   * refused, so the request was not sent); nothing when the node did get the request.
   */
  private static String hint(ScrapydTransportException e) {
    if (!e.mayHaveReachedServer() && refused(e)) {
      return " (is Scrapyd running? start one with `pip install scrapyd && scrapyd`)";
    }
    if (untrusted(e)) {
      return " (signed by a private certificate authority? give --truststore FILE, or run java"
          + " with -Djavax.net.ssl.trustStore=FILE)";
    }
    return "";
  }

  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof javax.net.ssl.SSLHandshakeException
          && String.valueOf(t.getMessage()).contains("PKIX")) {
        return true;
      }
    }
    return false;
  }

  private static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }
}
