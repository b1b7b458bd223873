package io.github.scrapyd4j;

import java.net.URI;

/**
 * Scrapyd answered the call with {@code "status": "error"}. Scrapyd reports application errors
 * with HTTP 200 and this envelope, so this exception, not the HTTP status, is what tells a
 * rejected call.
 *
 * <pre>{@code
 * try {
 *   client.schedule(ScheduleRequest.of("myproject", "myspider"));
 * } catch (ScrapydApiException e) {
 *   if (e.reason() == ScrapydApiException.Reason.SPIDER_NOT_FOUND) {
 *     // deploy the project first
 *   }
 *   log.warn("Scrapyd said: {}", e.serverMessage());
 * }
 * }</pre>
 */
public class ScrapydApiException extends ScrapydException {
  private static final long serialVersionUID = 1L;

  /** What kind of error Scrapyd reported, recognised from its message. */
  public enum Reason {
    /** The project is not known to the node ({@code project 'x' not found}). */
    PROJECT_NOT_FOUND,
    /** The project has no such version ({@code version 'x' not found}). */
    VERSION_NOT_FOUND,
    /** The project (at that version) has no such spider ({@code spider 'x' not found}). */
    SPIDER_NOT_FOUND,
    /** A required parameter was missing ({@code 'x' parameter is required}). */
    MISSING_PARAMETER,
    /**
     * A parameter was rejected: a priority that is not a number, a signal the node does not know,
     * a name that would leave Scrapyd's data folder, a value that is not UTF-8.
     */
    INVALID_PARAMETER,
    /**
     * The uploaded egg is unusable: not a ZIP file, or not a Python distribution (no
     * {@code EGG-INFO/PKG-INFO}).
     */
    BAD_EGG,
    /**
     * Scrapyd could not load the project to list its spiders ({@code RunnerError}): the settings
     * module or a spider fails to import, an entry point is missing, a dependency is not
     * installed on the node. The server message holds the Python traceback.
     */
    RUNNER_ERROR,
    /** The endpoint was called with an HTTP method it does not take. */
    UNSUPPORTED_METHOD,
    /** Any other error message. */
    OTHER
  }

  /** The recognised kind of error. */
  private final Reason reason;
  /** Scrapyd's message, unchanged. */
  private final String serverMessage;

  /**
   * Creates an exception for a {@code status: error} answer.
   *
   * @param reason the recognised kind of error
   * @param serverMessage the {@code message} Scrapyd sent, unchanged
   * @param baseUri the base URI of the node
   * @param endpoint the endpoint called, such as {@code schedule.json}
   * @param nodeName the node name Scrapyd reported, or {@code null} (servers before 1.5 omit it
   *     on some errors)
   */
  public ScrapydApiException(
      Reason reason, String serverMessage, URI baseUri, String endpoint, String nodeName) {
    super(
        endpoint
            + " on "
            + ScrapydTransportException.describeNode(baseUri, nodeName)
            + " failed: "
            + firstLines(serverMessage),
        baseUri,
        endpoint,
        nodeName,
        null);
    this.reason = reason;
    this.serverMessage = serverMessage;
  }

  /**
   * The kind of error, recognised from Scrapyd's message (1.5 and later word them clearly; older
   * servers send Python exception texts, which are recognised where they are unambiguous).
   *
   * @return the reason, {@link Reason#OTHER} when not recognised
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The error message exactly as Scrapyd sent it. For {@link Reason#RUNNER_ERROR} and {@link
   * Reason#BAD_EGG} it is usually a multi-line Python traceback.
   *
   * @return the server's message
   */
  public String serverMessage() {
    return serverMessage;
  }

  /**
   * Whether the error says a project, version or spider does not exist.
   *
   * @return true for the three not-found reasons
   */
  public boolean isNotFound() {
    return reason == Reason.PROJECT_NOT_FOUND
        || reason == Reason.VERSION_NOT_FOUND
        || reason == Reason.SPIDER_NOT_FOUND;
  }

  /** Keeps a traceback's message readable: its last line says what went wrong. */
  private static String firstLines(String message) {
    String trimmed = message.strip();
    if (!trimmed.contains("\n")) {
      return trimmed;
    }
    String[] lines = trimmed.split("\n");
    String first = lines[0].strip();
    String last = lines[lines.length - 1].strip();
    return first.equals(last) ? first : first + " ... " + last;
  }
}
