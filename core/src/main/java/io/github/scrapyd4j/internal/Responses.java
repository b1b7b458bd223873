package io.github.scrapyd4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydApiException.Reason;
import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.ScrapydMalformedResponseException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The one place where an HTTP answer becomes a JSON object or a typed exception. It reads the body
 * before the status code matters: Scrapyd reports its errors with HTTP 200.
 */
public final class Responses {
  private static final int SNIPPET = 300;
  private static final Pattern NOT_FOUND = Pattern.compile("^(project|version|spider) '.*' not found$", Pattern.DOTALL);
  private static final Pattern MISSING = Pattern.compile("^'[^']+' parameter is required$");
  private static final Pattern INVALID = Pattern.compile("^\\S+ is invalid: .*", Pattern.DOTALL);

  /** One shared, thread-safe mapper; strict about trailing garbage so truncation is caught. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);

  private Responses() {}

  /**
   * Checks an answer of a JSON endpoint and returns its object when {@code status} is {@code ok}.
   *
   * @throws ScrapydAuthenticationException on 401
   * @throws ScrapydHttpException on any status other than 200
   * @throws ScrapydMalformedResponseException when the body is not a Scrapyd JSON envelope
   * @throws ScrapydApiException when Scrapyd answered {@code status: error}
   */
  public static ObjectNode envelope(
      URI baseUri, String endpoint, HttpResponse<byte[]> response, boolean sentCredentials) {
    int status = response.statusCode();
    byte[] body = response.body() == null ? new byte[0] : response.body();
    if (status != 200) {
      throw unexpectedStatus(baseUri, endpoint, response, text(body), sentCredentials);
    }
    if (body.length == 0) {
      throw new ScrapydMalformedResponseException(
          endpoint + " on " + baseUri + " answered HTTP 200 with an empty body instead of JSON",
          "", baseUri, endpoint, null, null);
    }
    JsonNode tree;
    try {
      tree = TREE_READER.readTree(body);
    } catch (JsonProcessingException e) {
      String text = text(body);
      throw new ScrapydMalformedResponseException(
          endpoint + " on " + baseUri + " answered " + describeNonJson(text, e), text, baseUri,
          endpoint, null, e);
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
    if (tree == null || !tree.isObject()) {
      String text = text(body);
      throw new ScrapydMalformedResponseException(
          endpoint + " on " + baseUri + " answered JSON that is not an object: " + snippet(text),
          text, baseUri, endpoint, null, null);
    }
    ObjectNode object = (ObjectNode) tree;
    String nodeName = object.path("node_name").isTextual() ? object.get("node_name").asText() : null;
    JsonNode statusField = object.get("status");
    String outcome = statusField != null && statusField.isTextual() ? statusField.asText() : null;
    if ("ok".equals(outcome)) {
      return object;
    }
    if ("error".equals(outcome)) {
      JsonNode message = object.get("message");
      String serverMessage =
          message == null || message.isNull() ? "" : message.isTextual() ? message.asText() : message.toString();
      throw new ScrapydApiException(
          classify(endpoint, serverMessage), serverMessage, baseUri, endpoint, nodeName);
    }
    String text = text(body);
    throw new ScrapydMalformedResponseException(
        endpoint + " on " + baseUri + " answered JSON without status ok or error: " + snippet(text),
        text, baseUri, endpoint, nodeName, null);
  }

  static ScrapydHttpException unexpectedStatus(
      URI baseUri, String endpoint, HttpResponse<?> response, String body, boolean sentCredentials) {
    return unexpectedStatus(
        baseUri, endpoint, response.statusCode(), response.headers(), body, sentCredentials);
  }

  /**
   * The exception for an HTTP status Scrapyd does not use for its answers: 401 becomes {@link
   * ScrapydAuthenticationException} saying whether credentials were sent; a redirect names its
   * target; a 404 hints at the base URI; the body is capped in the message.
   */
  public static ScrapydHttpException unexpectedStatus(URI baseUri, String endpoint, int status,
      java.net.http.HttpHeaders headers, String body, boolean sentCredentials) {
    if (status == 401) {
      String hint =
          sentCredentials
              ? "the username or password is wrong"
              : "the node requires a username and password, and none were sent";
      return new ScrapydAuthenticationException(
          endpoint + " on " + baseUri + " was refused with HTTP 401 Unauthorized: " + hint, body,
          baseUri, endpoint);
    }
    String hint = "";
    if (status == 404) {
      hint = " (is the base URI right? Scrapyd serves its API at the root of its site, such as "
          + "http://host:6800/, and an operator can disable endpoints)";
    } else if (status >= 300 && status < 400) {
      hint = headers.firstValue("Location")
          .map(location -> " (redirected to " + location + "; use that address as the base URI)")
          .orElse(" (a redirect, which the client does not follow)");
    }
    return new ScrapydHttpException(
        endpoint + " on " + baseUri + " answered HTTP " + status + hint + ": " + snippet(body),
        status, body, baseUri, endpoint);
  }

  /** Recognises the common error messages of Scrapyd 1.5+ and the unambiguous older ones. */
  static Reason classify(String endpoint, String message) {
    String m = message.strip();
    if (NOT_FOUND.matcher(m).matches()) {
      return m.startsWith("project") ? Reason.PROJECT_NOT_FOUND
          : m.startsWith("version") ? Reason.VERSION_NOT_FOUND : Reason.SPIDER_NOT_FOUND;
    }
    if (MISSING.matcher(m).matches()) {
      return Reason.MISSING_PARAMETER;
    }
    if (m.startsWith("egg is not a ZIP file") || m.contains("BadEggError")
        || m.contains("Unknown or corrupt egg")) {
      return Reason.BAD_EGG;
    }
    if (m.startsWith("RunnerError")) {
      return Reason.RUNNER_ERROR;
    }
    if (m.contains("UnsupportedMethod") || m.startsWith("Expected one of")) {
      return Reason.UNSUPPORTED_METHOD;
    }
    if (INVALID.matcher(m).matches() || m.startsWith("DirectoryTraversalError")
        || m.startsWith("TypeError: 'str' object cannot be interpreted as an integer")) {
      return Reason.INVALID_PARAMETER;
    }
    // Scrapyd 1.4 and older: raw Python exception texts.
    if (m.contains("no active project")) {
      return Reason.PROJECT_NOT_FOUND;
    }
    if (m.contains("[Errno 2] No such file or directory")) {
      if (endpoint.equals(Endpoint.DEL_VERSION.path())) {
        return Reason.VERSION_NOT_FOUND;
      }
      if (endpoint.equals(Endpoint.DEL_PROJECT.path())) {
        return Reason.PROJECT_NOT_FOUND;
      }
    }
    if (m.startsWith("Traceback (most recent call last)")) {
      return Reason.RUNNER_ERROR;
    }
    return Reason.OTHER;
  }

  private static String describeNonJson(String text, JsonProcessingException e) {
    String trimmed = text.strip();
    if (trimmed.startsWith("Traceback (most recent call last)")) {
      String[] lines = trimmed.split("\n");
      return "a Python traceback instead of JSON (Scrapyd runs with debug = on): "
          + lines[lines.length - 1].strip();
    }
    if (trimmed.startsWith("<")) {
      return "an HTML page instead of JSON: " + snippet(trimmed);
    }
    String problem = e.getOriginalMessage();
    return "invalid JSON (" + problem + "): " + snippet(trimmed);
  }

  /** The most of a body an exception keeps: a 64 MiB answer is not worth 64 MiB of message. */
  static final int KEPT = 64 << 10;

  /** A body as text for an exception: its first 64 KiB. */
  static String text(byte[] body) {
    return new String(body, 0, Math.min(body.length, KEPT), StandardCharsets.UTF_8);
  }

  static String snippet(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET) + "...";
  }
}
