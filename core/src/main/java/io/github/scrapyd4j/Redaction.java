package io.github.scrapyd4j;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule by which scrapyd4j turns an address into text: the password of a URL's user
 * information never appears, whatever the text is for ({@code toString()}, a log line, an exception
 * message, the command line's output).
 *
 * <p>{@code http://scrapy:secret@host:6800/} becomes {@code http://scrapy:***@host:6800/}; user
 * information without a colon, which can be a token, becomes {@code ***}:
 * {@code https://***@host/}. The rule also holds for text that is not a valid URI (a mistyped
 * {@code --url}, a malformed {@code scrapy.cfg} value), so an error about bad input never quotes
 * the secret it carries:
 *
 * <pre>{@code
 * Redaction.uri("http://scrapy:pw@x@host/");   // "http://scrapy:***@host/"
 * Redaction.uri(URI.create("http://u:p@h/"));  // "http://u:***@h/"
 * }</pre>
 */
public final class Redaction {

  /** What stands in for a hidden secret. */
  public static final String MASK = "***";

  /**
   * A scheme and {@code ://}, then everything up to the last {@code @} before whitespace, a quote
   * or an angle bracket: a password may hold a slash in malformed input, so the rule errs on the
   * side of hiding.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^\\s'\"<>]*)@");

  private Redaction() {}

  /**
   * The URI as text with its password hidden.
   *
   * @param uri a URI, or null
   * @return the URI's text with the password of its user information masked; "null" for null
   */
  public static String uri(URI uri) {
    return uri == null ? "null" : uri(uri.toString());
  }

  /**
   * Any text with the password of every URL in it hidden; the text need not be a valid URI.
   *
   * @param text text that may hold URLs with user information, or null
   * @return the text with each URL's password masked; "null" for null
   */
  public static String uri(String text) {
    if (text == null) {
      return "null";
    }
    if (text.indexOf('@') < 0) {
      return text;
    }
    Matcher m = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String info = m.group(2);
      int colon = info.indexOf(':');
      String shown = colon < 0 ? MASK : info.substring(0, colon) + ':' + MASK;
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown + '@'));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A URL quoted for an error message about it: {@link #uri(String)} in single quotes, or a note
   * instead of the text when it holds an {@code @} the rule cannot place (no {@code scheme://}
   * before it, or white space in the user information), since what comes before that {@code @}
   * may be a password.
   *
   * <pre>{@code
   * Redaction.quote("http://u:p@host/");   // "'http://u:***@host/'"
   * Redaction.quote("u:p@host");           // "(not quoted: it holds an '@' that may follow a password)"
   * }</pre>
   *
   * @param text the URL as given, or null
   * @return the quoted, redacted URL, or the note
   */
  public static String quote(String text) {
    String shown = uri(text);
    if (shown.replace(MASK + "@", "").indexOf('@') >= 0) {
      return "(not quoted: it holds an '@' that may follow a password)";
    }
    return "'" + shown + "'";
  }
}
