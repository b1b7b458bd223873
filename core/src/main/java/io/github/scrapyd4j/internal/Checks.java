package io.github.scrapyd4j.internal;

/**
 * Argument checks at the public boundary: each failure names the argument and what is wrong with
 * it, and happens before any request is sent. Not part of the public API.
 */
public final class Checks {
  private Checks() {}

  /**
   * Checks a value is not null.
   *
   * @param <T> the value type
   * @param argument the argument's name
   * @param value the value
   * @return the value
   */
  public static <T> T notNull(String argument, T value) {
    if (value == null) {
      throw new NullPointerException(argument + " must not be null");
    }
    return value;
  }

  /**
   * Checks a name is not null, empty or only white space.
   *
   * @param argument the argument's name
   * @param value the value
   * @return the value
   */
  public static String notBlank(String argument, String value) {
    notNull(argument, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          argument + " must not be blank" + (value.isEmpty() ? "" : ", but was '" + value + "'"));
    }
    return value;
  }

  /**
   * Checks a duration is positive.
   *
   * @param argument the argument's name
   * @param value the value
   * @return the value
   */
  public static java.time.Duration positive(String argument, java.time.Duration value) {
    notNull(argument, value);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(argument + " must be positive, but was " + value);
    }
    return value;
  }

  /**
   * Checks a project name: not blank, and usable as the folder name Scrapyd stores it under.
   *
   * @param value the project name
   * @return the value
   */
  public static String project(String value) {
    return pathSafe("project", value);
  }

  /**
   * Checks a job id: not blank, and usable as the file name of its log.
   *
   * @param value the job id
   * @return the value
   */
  public static String jobId(String value) {
    return pathSafe("jobId", value);
  }

  /**
   * Checks a spider name is not blank.
   *
   * @param value the spider name
   * @return the value
   */
  public static String spider(String value) {
    return notBlank("spider", value);
  }

  /**
   * Checks a version name is not blank.
   *
   * @param value the version
   * @return the value
   */
  public static String version(String value) {
    return notBlank("version", value);
  }

  /**
   * Scrapyd uses project names as folder names and job ids as file names; a slash or {@code ..}
   * makes it fail (1.5+ rejects such a job only when it starts, after {@code schedule} said ok).
   */
  private static String pathSafe(String argument, String value) {
    notBlank(argument, value);
    if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          argument
              + " must not contain '/', '\\' or NUL (Scrapyd uses it as a file name), but was '"
              + value
              + "'");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(
          argument + " must not be '.' or '..' (Scrapyd uses it as a file name)");
    }
    return value;
  }

  /**
   * Refuses an HTTP client that follows redirects: the preemptive {@code Authorization} header
   * would go along to whatever origin the redirect names.
   *
   * @param argument the argument's name
   * @param httpClient the HTTP client
   * @return the HTTP client
   */
  public static java.net.http.HttpClient noRedirects(
      String argument, java.net.http.HttpClient httpClient) {
    notNull(argument, httpClient);
    if (httpClient.followRedirects() != java.net.http.HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException(argument + " must not follow redirects, but its "
          + "followRedirects() is " + httpClient.followRedirects() + ": a redirect would carry the "
          + "credentials to another address; build it with followRedirects(Redirect.NEVER)");
    }
    return httpClient;
  }

  /**
   * The exception for text that is not a valid URI, quoting it with the password of its user
   * information hidden, white space included (a password may hold a space, which would end the
   * user information for {@link io.github.scrapyd4j.Redaction#uri(String)}).
   *
   * @param argument the argument's name
   * @param e why the text is not a URI
   * @return the exception to throw
   */
  public static IllegalArgumentException badUri(
      String argument, java.net.URISyntaxException e) {
    String quoted = io.github.scrapyd4j.Redaction.uri(e.getInput().replaceAll("\\s", "%20"));
    return new IllegalArgumentException(argument + " is not a valid URI (" + e.getReason()
        + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + "): '" + quoted + "'");
  }

  /**
   * Checks the name of a project about to be created or uploaded to. Besides {@link
   * #project(String)}: Scrapyd 1.6 stores and runs a project whatever its name, but it writes the
   * name unescaped into each job's {@code log_url} and {@code items_url}, so a {@code ?} (a
   * query), {@code #} (a fragment), {@code %} (an escape), white space or a control character
   * makes the job's log and items unreachable. Dots, dashes, underscores and letters of any
   * script are fine.
   *
   * @param value the project name
   * @return the value
   */
  public static String newProject(String value) {
    project(value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '?' || c == '#' || c == '%' || Character.isWhitespace(c)
          || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        String shown = Character.isISOControl(c) || Character.isWhitespace(c)
            || Character.isSpaceChar(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
        throw new IllegalArgumentException("project must not contain " + shown + ", but was '"
            + value.replaceAll("\\p{Cntrl}", "?") + "': Scrapyd puts the project name unescaped "
            + "in the URLs of its jobs' logs and items (log_url, items_url), where it would "
            + "break them; use letters, digits, '.', '-' or '_'");
      }
    }
    return value;
  }

  /** The most bytes of a request line plus headers Twisted reads (its totalHeadersSize). */
  public static final int MAX_REQUEST_HEAD = 16384;
}
