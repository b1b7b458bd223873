package io.github.scrapyd4j.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.internal.Bodies;
import io.github.scrapyd4j.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert to a webhook, as a generic JSON document or as a Slack-compatible {@code
 * {"text": ...}} body (which Slack, Mattermost, Microsoft Teams connectors and ntfy accept).
 *
 * <pre>{@code
 * try (WebhookAlertSink slack = WebhookAlertSink.builder(System.getenv("SLACK_WEBHOOK"))
 *     .format(WebhookAlertSink.Format.SLACK)
 *     .timeout(Duration.ofSeconds(5))
 *     .build()) {
 *   slack.send(alert);        // throws AlertDeliveryException if the hook did not take it
 * }
 * }</pre>
 *
 * <p>The generic JSON body:
 *
 * <pre>{@code
 * {"kind": "RULE_FIRED", "title": "...", "text": "...", "time": "2026-12-06T19:33:07Z",
 *  "taskId": "nightly", "node": "node-a", "project": "shop", "spider": "products",
 *  "jobId": "6f1c...", "fields": {"rule": "errors>=10", "ERROR": "12"}}
 * }</pre>
 * Absent values are left out.
 *
 * <p><b>Bounds.</b> Each {@link #send} ends within its {@linkplain Builder#timeout timeout}
 * (connection, request and the whole answer); at most {@linkplain Builder#maxResponseBytes
 * maxResponseBytes} of the answer are read; redirects are not followed (a 3xx is a failure); the
 * sink's own HTTP client runs on two daemon threads, released by {@link #close()}. {@code send}
 * blocks its caller for up to the timeout: give the sink to an {@link AlertFanOut} to deliver
 * alerts in the background.
 *
 * <p><b>The URL is a secret.</b> A webhook URL carries its token in its path or query, so the
 * sink shows it only as its scheme and host ({@code https://hooks.slack.com/***}) in {@link
 * #toString()}, its logs and its exceptions. Every text of an alert goes through {@link
 * Redaction#uri(String)} before it is sent.
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUOTED = 200;

  /** The body a webhook gets. */
  public enum Format {
    /** The alert as a JSON document with all its fields (see the class description). */
    JSON,
    /**
     * {@code {"text": "title\ntext"}}: what Slack's incoming webhooks, Mattermost, Microsoft Teams
     * connectors and ntfy's JSON publishing accept.
     */
    SLACK
  }

  private final URI uri;
  private final String shown;
  private final Format format;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final HttpClient http;
  private final ExecutorService ownedExecutor;

  private WebhookAlertSink(Builder b) {
    this.uri = b.uri;
    this.shown = b.shown;
    this.format = b.format;
    this.timeout = b.timeout;
    this.maxResponseBytes = b.maxResponseBytes;
    if (b.httpClient != null) {
      this.http = b.httpClient;
      this.ownedExecutor = null;
    } else {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "scrapyd4j-webhook");
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      this.ownedExecutor = pool;
      this.http = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(timeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(pool)
          .build();
    }
  }

  /**
   * Starts building a sink for a webhook URL.
   *
   * @param url the webhook's URL, http or https; a secret, never shown whole
   * @return a builder
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL (the message shows
   *     only its scheme and host)
   */
  public static Builder builder(String url) {
    Checks.notNull("url", url);
    try {
      return builder(new URI(url.trim()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URI (" + e.getReason()
          + "); it is not shown, since a webhook URL holds a secret");
    }
  }

  /**
   * Starts building a sink for a webhook URL.
   *
   * @param url the webhook's URL, http or https; a secret, never shown whole
   * @return a builder
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public static Builder builder(URI url) {
    Checks.notNull("url", url);
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute http or https URL with a host,"
          + " but was " + redacted(url) + " (the rest is not shown: a webhook URL holds a secret)");
    }
    return new Builder(url);
  }

  /** Scheme and host (and port) of a URL, the rest masked. */
  static String redacted(URI url) {
    if (url.getScheme() == null || url.getHost() == null) {
      return Redaction.MASK;
    }
    return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
        + "/" + Redaction.MASK;
  }

  /**
   * Posts the alert and waits for a 2xx answer.
   *
   * @param alert the alert
   * @throws AlertDeliveryException if the webhook answered with another status, did not answer
   *     within the timeout, or could not be reached
   */
  @Override
  public void send(Alert alert) {
    Checks.notNull("alert", alert);
    byte[] body = body(alert, format);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "scrapyd4j-alerts")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    String late = "webhook " + shown + " did not answer within " + timeout;
    Bodies.Deadline deadline = Bodies.Deadline.start(timeout, Bodies.Clock.WHOLE, late);
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(
        request, deadline.wrap(Bodies.capped(maxResponseBytes, maxResponseBytes, null)));
    HttpResponse<byte[]> response;
    try {
      response = sent.get(timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(250),
          TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw new AlertDeliveryException(late, null);
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new AlertDeliveryException("interrupted while posting to webhook " + shown, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new AlertDeliveryException(late, null);
      }
      throw new AlertDeliveryException("webhook " + shown + " could not be reached: "
          + cause.getClass().getSimpleName() + scrub(": " + cause.getMessage()), null);
    } finally {
      deadline.cancel();
    }
    int status = response.statusCode();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (status >= 200 && status < 300) {
      LOG.debug("alert {} posted to {}: HTTP {} in {} ms", alert.kind(), shown, status, millis);
      return;
    }
    if (status >= 300 && status < 400) {
      throw new AlertDeliveryException("webhook " + shown + " answered with a redirect (HTTP "
          + status + "), which is not followed: use the final URL", null);
    }
    String answer = new String(response.body(), StandardCharsets.UTF_8);
    if (answer.length() > MAX_QUOTED) {
      answer = answer.substring(0, MAX_QUOTED) + "...";
    }
    throw new AlertDeliveryException("webhook " + shown + " answered HTTP " + status
        + (answer.isBlank() ? "" : ": " + scrub(answer.strip())), null);
  }

  /** Text about the exchange with every trace of the URL's secret parts masked. */
  private String scrub(String text) {
    String out = Redaction.uri(text);
    String whole = uri.toString();
    out = out.replace(whole, shown);
    String path = uri.getRawPath();
    if (path != null && path.length() > 1) {
      out = out.replace(path, "/" + Redaction.MASK);
    }
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      out = out.replace(query, Redaction.MASK);
    }
    return out;
  }

  /** The body of an alert in a format. */
  static byte[] body(Alert alert, Format format) {
    ObjectNode root = JSON.createObjectNode();
    if (format == Format.SLACK) {
      root.put("text", Redaction.uri(alert.title()) + "\n" + Redaction.uri(alert.text()));
    } else {
      root.put("kind", alert.kind().name());
      root.put("title", Redaction.uri(alert.title()));
      root.put("text", Redaction.uri(alert.text()));
      root.put("time", alert.time().toString());
      alert.taskId().ifPresent(t -> root.put("taskId", t));
      alert.node().ifPresent(n -> root.put("node", n));
      alert.job().ifPresent(j -> {
        root.put("project", j.project());
        root.put("spider", j.spider());
        root.put("jobId", j.jobId());
        if (alert.node().isEmpty()) {
          j.node().ifPresent(n -> root.put("node", n));
        }
      });
      ObjectNode fields = root.putObject("fields");
      for (Map.Entry<String, String> f : alert.fields().entrySet()) {
        fields.put(f.getKey(), Redaction.uri(f.getValue()));
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write an alert as JSON", e);
    }
  }

  /** Releases the sink's own HTTP client threads; a caller's HTTP client is left alone. */
  @Override
  public void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  /**
   * The sink, with its URL shown as scheme and host only.
   *
   * @return a description without the secret
   */
  @Override
  public String toString() {
    return "WebhookAlertSink{" + shown + ", " + format + ", timeout " + timeout + "}";
  }

  /** Builds a {@link WebhookAlertSink}. */
  public static final class Builder {
    private final URI uri;
    private final String shown;
    private Format format = Format.JSON;
    private Duration timeout = Duration.ofSeconds(10);
    private int maxResponseBytes = 64 * 1024;
    private HttpClient httpClient;

    private Builder(URI uri) {
      this.uri = uri;
      this.shown = redacted(uri);
    }

    /**
     * The body format. Default: {@link Format#JSON}.
     *
     * @param format the format
     * @return this builder
     */
    public Builder format(Format format) {
      this.format = Checks.notNull("format", format);
      return this;
    }

    /**
     * How long one {@link WebhookAlertSink#send} may take at most, connection and whole answer
     * included. Default: 10 seconds.
     *
     * @param timeout the timeout, positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.positive("timeout", timeout);
      return this;
    }

    /**
     * The most bytes of a webhook's answer read (the rest is not read). Default: 64 KiB.
     *
     * @param bytes the cap, 1 or more
     * @return this builder
     */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be 1 or more, but was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * An HTTP client of the caller's (a proxy, TLS settings), which the sink does not close. It
     * must not follow redirects.
     *
     * @param httpClient the HTTP client
     * @return this builder
     * @throws IllegalArgumentException if it follows redirects
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Checks.noRedirects("httpClient", httpClient);
      return this;
    }

    /**
     * Builds.
     *
     * @return the sink
     */
    public WebhookAlertSink build() {
      return new WebhookAlertSink(this);
    }
  }
}
