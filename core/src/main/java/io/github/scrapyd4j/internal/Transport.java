package io.github.scrapyd4j.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydMalformedResponseException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.ScrapydTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one Scrapyd node, sync or async, retries read-only calls after transport
 * failures, maps every failure to a typed exception, and logs one DEBUG line per request and per
 * answer. Never logs headers or bodies, so credentials cannot leak.
 */
public final class Transport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.ScrapydClient");
  private static final AtomicInteger POOLS = new AtomicInteger();

  /** What the transport is built from; filled by the client builder. */
  public static final class Config {
    public URI baseUri;
    public Credentials credentials;
    public Duration connectTimeout;
    public Duration requestTimeout;
    public Duration spiderListingTimeout;
    public String userAgent;
    public HttpClient httpClient;
    public SSLContext sslContext;
    public Executor executor;
    public RetryPolicy retryPolicy;
    public int maxConcurrentRequests;
    public long maxResponseBytes;
    public int maxErrorBodyBytes;
    public int maxLineBytes;
  }

  private final URI baseUri;
  private final String base;
  private final String authorization;
  private final String userAgent;
  private final Duration requestTimeout;
  private final Duration spiderListingTimeout;
  private final RetryPolicy retryPolicy;
  private final HttpClient http;
  private final boolean ownsHttp;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final AsyncLimiter limiter;
  private final Parsers parsers;
  private final long maxResponseBytes;
  private final int maxErrorBodyBytes;
  private final int maxLineBytes;
  private volatile boolean closed;

  public Transport(Config config) {
    this.baseUri = config.baseUri;
    this.base = config.baseUri.toString();
    this.authorization =
        config.credentials == null ? null : config.credentials.basicAuthorization();
    this.userAgent = config.userAgent;
    this.requestTimeout = config.requestTimeout;
    this.spiderListingTimeout = config.spiderListingTimeout;
    this.retryPolicy = config.retryPolicy;
    this.limiter = new AsyncLimiter(config.maxConcurrentRequests);
    this.parsers = new Parsers(base);
    this.maxResponseBytes = config.maxResponseBytes;
    this.maxErrorBodyBytes = config.maxErrorBodyBytes;
    this.maxLineBytes = config.maxLineBytes;
    if (config.executor != null) {
      this.executor = config.executor;
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor = newPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
      this.executor = ownedExecutor;
    }
    if (config.httpClient != null) {
      this.http = config.httpClient;
      this.ownsHttp = false;
    } else {
      HttpClient.Builder http = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(config.connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(executor);
      if (config.sslContext != null) {
        http.sslContext(config.sslContext);
      }
      this.http = http.build();
      this.ownsHttp = true;
    }
  }

  private static ExecutorService newPool(int threads) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "scrapyd4j-" + pool + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return newDaemonPool(threads, factory);
  }

  /**
   * A fixed pool that, once shut down, runs late tasks in the submitting thread instead of
   * rejecting them: answers to calls in flight when the client closes still complete their futures.
   */
  public static ExecutorService newDaemonPool(int threads, ThreadFactory factory) {
    return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), factory, (task, pool) -> task.run());
  }

  public URI baseUri() {
    return baseUri;
  }

  public Parsers parsers() {
    return parsers;
  }

  public Executor executor() {
    return executor;
  }

  /** The most bytes of a JSON answer read. */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The most bytes of an error answer's body read. */
  public int maxErrorBodyBytes() {
    return maxErrorBodyBytes;
  }

  /** The longest line of a log or items file buffered. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  // ---------------------------------------------------------------- JSON endpoints

  /** A JSON endpoint call: the answer's envelope is checked, then {@code parse} maps its object. */
  public <T> Exchange<byte[], T> json(
      Endpoint endpoint, List<Param> params, Multipart multipart, Function<ObjectNode, T> parse) {
    return json(endpoint, params, multipart, parse, null);
  }

  /**
   * A JSON endpoint call with a fast path: {@code fastPath} reads a 200 answer's bytes directly and
   * returns null when it cannot (an error, an unexpected shape), and then the envelope check and
   * {@code parse} run as usual, so errors are reported the same way.
   */
  public <T> Exchange<byte[], T> json(
      Endpoint endpoint, List<Param> params, Multipart multipart, Function<ObjectNode, T> parse,
      Function<byte[], T> fastPath) {
    String uri = endpoint.isPost() || params.isEmpty()
        ? base + endpoint.path()
        : base + endpoint.path() + '?' + Param.encode(params);
    checkHead(uri, endpoint.isPost() ? List.of() : params);
    HttpRequest.Builder request = newRequest(uri,
        endpoint.listsSpiders() ? spiderListingTimeout : requestTimeout)
        .header("Accept", "application/json");
    if (multipart != null) {
      request.header("Content-Type", multipart.contentType()).POST(multipart.publisher());
    } else if (endpoint.isPost()) {
      request.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(Param.encode(params)));
    } else {
      request.GET();
    }
    String path = endpoint.path();
    return new Exchange<>(
        path,
        request.build(),
        Bodies.capped(maxResponseBytes, maxErrorBodyBytes, cap -> new ScrapydMalformedResponseException(
            path + " on " + Redaction.uri(baseUri) + " answered more than " + cap + " bytes, the "
                + "cap on a JSON answer (maxResponseBytes); the rest was not read and the "
                + "connection was closed", "", baseUri, path, null, null)),
        response -> {
          if (fastPath != null && response.statusCode() == 200 && response.body() != null
              && response.body().length > 0) {
            T fast = fastPath.apply(response.body());
            if (fast != null) {
              return fast;
            }
          }
          ObjectNode object = Responses.envelope(baseUri, path, response, authorization != null);
          try {
            return parse.apply(object);
          } catch (Malformed e) {
            String body = Responses.text(response.body());
            throw new ScrapydMalformedResponseException(
                path + " on " + baseUri + " answered JSON that does not match Scrapyd's: "
                    + e.getMessage(),
                body, baseUri, path, object.path("node_name").asText(null), null);
          }
        },
        endpoint.isReadOnly());
  }

  /**
   * Refuses, before anything is sent, a request whose request line and headers Scrapyd's web
   * server would not read: Twisted answers more than 16 KiB of them (its {@code
   * totalHeadersSize}, the request line included) by closing the connection, which would look
   * like a network failure. Names the longest query parameter, or the address.
   */
  private void checkHead(String uri, List<Param> query) {
    URI u = URI.create(uri);
    String target = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    long head = "HEAD ".length() + target.length() + " HTTP/1.1".length()
        + "Host: ".length() + u.getRawAuthority().length()
        + "User-Agent: ".length() + userAgent.length()
        + (authorization == null ? 0 : "Authorization: ".length() + authorization.length())
        + 200; // Accept, Content-Type, Content-Length or Range, which a request may also carry
    if (head <= Checks.MAX_REQUEST_HEAD) {
      return;
    }
    Param longest = null;
    for (Param p : query) {
      if (longest == null || p.value.length() > longest.value.length()) {
        longest = p;
      }
    }
    String argument = longest != null && longest.value.length() > 256
        ? longest.name + " (" + longest.value.length() + " characters)" : "the request's address";
    throw new IllegalArgumentException(argument + " is too long: the request line and headers "
        + "would take about " + head + " bytes, and Scrapyd's web server (Twisted) reads at most "
        + Checks.MAX_REQUEST_HEAD + " (it closes the connection instead of answering); nothing "
        + "was sent");
  }

  /** A request builder with the client's headers, for any resource under the base URI. */
  public HttpRequest.Builder newRequest(String uri, Duration timeout) {
    checkHead(uri, List.of());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
        .version(HttpClient.Version.HTTP_1_1)
        .timeout(timeout)
        .header("User-Agent", userAgent);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  public String base() {
    return base;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  // ---------------------------------------------------------------- sending

  /** Sends a call and waits for its value, retrying read-only calls per the retry policy. */
  public <B, T> T execute(Exchange<B, T> exchange) {
    checkOpen();
    for (int attempt = 1; ; attempt++) {
      try {
        return once(exchange);
      } catch (ScrapydTransportException e) {
        if (!exchange.readOnly || attempt >= retryPolicy.maxAttempts()) {
          throw e;
        }
        Duration wait = retryPolicy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        LOG.debug("retrying {} {} in {} ms (attempt {} of {}) after: {}",
            exchange.request.method(), exchange.request.uri(), wait.toMillis(), attempt + 1,
            retryPolicy.maxAttempts(), e.getMessage());
        try {
          Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          e.addSuppressed(interrupted);
          throw e;
        }
      }
    }
  }

  private <B, T> T once(Exchange<B, T> exchange) {
    HttpRequest request = exchange.request;
    long start = System.nanoTime();
    LOG.debug("--> {} {}", request.method(), request.uri());
    HttpResponse<B> response;
    Bodies.Deadline deadline = deadline(exchange);
    try {
      response = http.send(request, deadline.wrap(exchange.bodyHandler));
    } catch (IOException | RuntimeException e) {
      deadline.cancel();
      throw failed(exchange, e, start);
    } catch (InterruptedException e) {
      deadline.cancel();
      Thread.currentThread().interrupt();
      throw new ScrapydException(
          exchange.endpoint + " on " + baseUri + ": interrupted while waiting for the answer",
          baseUri, exchange.endpoint, null, e);
    }
    logResponse(exchange, response, start);
    return exchange.mapper.map(response);
  }

  /**
   * Sends a call without blocking. The future completes with the value, or exceptionally with the
   * same exception types as {@link #execute}; cancelling it abandons the call.
   */
  public <B, T> CompletableFuture<T> executeAsync(Exchange<B, T> exchange) {
    checkOpen();
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(exchange, 1, result);
    return result;
  }

  private <B, T> void attempt(Exchange<B, T> exchange, int attempt, CompletableFuture<T> result) {
    limiter.acquire().thenRun(() -> {
      if (result.isDone()) { // cancelled while waiting for its turn
        limiter.release();
        return;
      }
      HttpRequest request = exchange.request;
      long start = System.nanoTime();
      LOG.debug("--> {} {}", request.method(), request.uri());
      CompletableFuture<HttpResponse<B>> sent;
      Bodies.Deadline deadline = deadline(exchange);
      try {
        sent = http.sendAsync(request, deadline.wrap(exchange.bodyHandler));
      } catch (RuntimeException e) {
        deadline.cancel();
        limiter.release();
        result.completeExceptionally(failed(exchange, e, start));
        return;
      }
      result.whenComplete((value, error) -> {
        if (result.isCancelled()) {
          sent.cancel(true);
        }
      });
      sent.whenCompleteAsync((response, error) -> {
        limiter.release();
        if (error != null) {
          deadline.cancel();
          Error fatal = fatal(error);
          if (fatal != null) {
            result.completeExceptionally(fatal); // never reported as a broken connection
            return;
          }
          ScrapydException failure = failed(exchange, unwrap(error), start);
          if (failure instanceof ScrapydTransportException
              && exchange.readOnly
              && attempt < retryPolicy.maxAttempts()
              && !result.isDone()
              && !closed) {
            Duration wait = retryPolicy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            LOG.debug("retrying {} {} in {} ms (attempt {} of {}) after: {}",
                request.method(), request.uri(), wait.toMillis(), attempt + 1,
                retryPolicy.maxAttempts(), failure.getMessage());
            CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS, executor)
                .execute(() -> attempt(exchange, attempt + 1, result));
          } else {
            result.completeExceptionally(failure);
          }
          return;
        }
        logResponse(exchange, response, start);
        try {
          result.complete(exchange.mapper.map(response));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      }, executor);
    });
  }

  private Bodies.Deadline deadline(Exchange<?, ?> exchange) {
    Duration timeout = exchange.request.timeout().orElse(requestTimeout);
    return Bodies.Deadline.start(timeout, exchange.clock, exchange.clock == Bodies.Clock.WHOLE
        ? "no complete answer within " + describe(timeout)
        : "no byte of the answer for " + describe(timeout));
  }

  /** An Error (such as OutOfMemoryError) in a failure's causes: it is rethrown, never mapped. */
  private static Error fatal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof Error) {
        return (Error) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private void logResponse(Exchange<?, ?> exchange, HttpResponse<?> response, long start) {
    if (LOG.isDebugEnabled()) {
      Object body = response.body();
      String size = body instanceof byte[]
          ? ((byte[]) body).length + " bytes"
          : response.headers().firstValue("Content-Length").map(n -> n + " bytes").orElse("streamed");
      LOG.debug("<-- {} {} {} ({} ms, {})", response.statusCode(), exchange.request.method(),
          exchange.request.uri(), millisSince(start), size);
    }
  }

  /** Maps a failure to send or receive to a typed exception, telling whether the node got it. */
  private ScrapydException failed(Exchange<?, ?> exchange, Throwable error, long start) {
    String endpoint = exchange.endpoint;
    String where = endpoint + " on " + Redaction.uri(baseUri);
    Error fatal = fatal(error);
    if (fatal != null) {
      throw fatal;
    }
    ScrapydException ours = null;
    for (Throwable t = error; t != null && ours == null; t = t.getCause()) {
      if (t instanceof ScrapydException) {
        ours = (ScrapydException) t;
      }
    }
    ScrapydException mapped;
    if (ours != null) {
      mapped = ours;
    } else if (error instanceof HttpConnectTimeoutException) {
      Duration timeout = http.connectTimeout().orElse(null);
      mapped = new ScrapydTimeoutException(
          where + ": could not connect within " + describe(timeout) + " (the request was not sent)",
          true, timeout, baseUri, endpoint, error);
    } else if (error instanceof HttpTimeoutException) {
      Duration timeout = exchange.request.timeout().orElse(null);
      mapped = new ScrapydTimeoutException(
          where + ": " + (error instanceof Bodies.BodyTimeout ? error.getMessage()
              : "no complete answer within " + describe(timeout))
              + "; the connection was closed (the node may still act on the request)",
          false, timeout, baseUri, endpoint, error);
    } else if (isUnresolved(error)) {
      mapped = new ScrapydConnectionException(
          where + ": unknown host '" + baseUri.getHost() + "' (the request was not sent)", false,
          baseUri, endpoint, error);
    } else if (error instanceof ConnectException) {
      mapped = new ScrapydConnectionException(
          where + ": could not connect (" + reason(error, "connection refused")
              + "); is Scrapyd running there? (the request was not sent)",
          false, baseUri, endpoint, error);
    } else if (error instanceof SSLException) {
      mapped = new ScrapydConnectionException(
          where + ": TLS failed (" + reason(error, "handshake") + ") (the request was not sent)",
          false, baseUri, endpoint, error);
    } else if (error instanceof IOException) {
      mapped = new ScrapydConnectionException(
          where + ": the connection broke (" + reason(error, error.getClass().getSimpleName())
              + "); the node may have received the request",
          true, baseUri, endpoint, error);
    } else if (error instanceof CancellationException) {
      mapped = new ScrapydException(where + ": cancelled", baseUri, endpoint, null, error);
    } else {
      mapped = new ScrapydException(
          where + ": " + error, baseUri, endpoint, null, error);
    }
    LOG.debug("<-- {} {} failed after {} ms: {}", exchange.request.method(),
        exchange.request.uri(), millisSince(start), mapped.getMessage());
    return mapped;
  }

  private static boolean isUnresolved(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private static String reason(Throwable error, String fallback) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = error.getCause();
      message = cause == null || cause.getMessage() == null ? null : cause.getMessage();
    }
    return message == null || message.isBlank() ? fallback : message;
  }

  private static String describe(Duration timeout) {
    if (timeout == null) {
      return "the timeout";
    }
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the ScrapydClient for " + baseUri + " is closed");
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Closes what the transport created: its HttpClient (Java 21+) and its thread pool. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownsHttp && http instanceof AutoCloseable) {
      try {
        ((AutoCloseable) http).close();
      } catch (Exception e) {
        LOG.debug("closing the HttpClient failed", e);
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }
}
