package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import org.immutables.value.Value;

/**
 * How a client reaches a Scrapyd node: timeouts, credentials, retries, caps and transport. The one
 * place these options are declared: {@link ScrapydClient.Builder#options(ClientOptions)} takes them
 * for one node, {@code ClusterClient.Builder#options(ClientOptions)} as defaults for every node of
 * a cluster, and {@code Node.Builder#options(ClientOptions)} as one node's overrides.
 *
 * <p>Every option is optional: an unset option takes the value of the options it is merged over
 * ({@link #withDefaults(ClientOptions)}), in the end the documented default ({@link #defaults()}).
 *
 * <pre>{@code
 * ClientOptions slowLinks = ClientOptions.builder()
 *     .connectTimeout(Duration.ofSeconds(5))
 *     .requestTimeout(Duration.ofMinutes(1))
 *     .retryPolicy(RetryPolicy.none())
 *     .build();
 * ScrapydClient client = ScrapydClient.builder()
 *     .baseUri("http://scrapyd-1.internal:6800")
 *     .options(slowLinks)
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows a password.
 */
@Value.Immutable
@ScrapydStyle
public abstract class ClientOptions {
  private static final ClientOptions EMPTY = builder().build();

  ClientOptions() {}

  /**
   * Basic-authentication credentials, sent with every request. Default: none.
   *
   * @return the credentials
   */
  public abstract Optional<Credentials> credentials();

  /**
   * How long to wait for a connection to open; ignored with an {@link #httpClient()} (it has its
   * own). Default: 10 s ({@link ScrapydClient#DEFAULT_CONNECT_TIMEOUT}).
   *
   * @return the connect timeout
   */
  public abstract Optional<Duration> connectTimeout();

  /**
   * How long to wait for the answer to a call, except those of {@link #spiderListingTimeout()}.
   * Default: 30 s ({@link ScrapydClient#DEFAULT_REQUEST_TIMEOUT}).
   *
   * @return the request timeout
   */
  public abstract Optional<Duration> requestTimeout();

  /**
   * How long to wait for the answer to {@code addversion}, {@code schedule} and {@code
   * listspiders}, for which Scrapyd may run {@code scrapy list} first. Default: 3 minutes ({@link
   * ScrapydClient#DEFAULT_SPIDER_LISTING_TIMEOUT}).
   *
   * @return the spider listing timeout
   */
  public abstract Optional<Duration> spiderListingTimeout();

  /**
   * The {@code User-Agent} header. Default: {@code scrapyd4j/<version> (Java <version>)}.
   *
   * @return the user agent
   */
  public abstract Optional<String> userAgent();

  /**
   * When to retry read-only calls. Default: {@link RetryPolicy#defaults()}.
   *
   * @return the retry policy
   */
  public abstract Optional<RetryPolicy> retryPolicy();

  /**
   * The most async requests in flight at once per client. Default: 64 ({@link
   * ScrapydClient#DEFAULT_MAX_CONCURRENT_REQUESTS}); a cluster's default is 256, across the
   * cluster.
   *
   * @return the limit, 1 or more
   */
  public abstract OptionalInt maxConcurrentRequests();

  /**
   * The most bytes of a JSON answer read. Default: {@link
   * ScrapydClient#DEFAULT_MAX_RESPONSE_BYTES}. See {@link
   * ScrapydClient.Builder#maxResponseBytes(long)}.
   *
   * @return the cap, 1 or more
   */
  public abstract OptionalLong maxResponseBytes();

  /**
   * The most bytes read of the body of an answer with an unexpected HTTP status. Default: 64 KiB
   * ({@link ScrapydClient#DEFAULT_MAX_ERROR_BODY_BYTES}).
   *
   * @return the cap, 1 or more
   */
  public abstract OptionalInt maxErrorBodyBytes();

  /**
   * The longest line of a log or items file held in memory. Default: 8 MiB ({@link
   * ScrapydClient#DEFAULT_MAX_LINE_BYTES}). See {@link ScrapydClient.Builder#maxLineBytes(int)}.
   *
   * @return the cap, 1 or more
   */
  public abstract OptionalInt maxLineBytes();

  /**
   * The TLS context for {@code https} nodes, used by the HTTP client the client creates. A client
   * takes it or an {@link #httpClient()}, not both. Default: the JVM's default context.
   *
   * @return the TLS context
   */
  public abstract Optional<SSLContext> sslContext();

  /**
   * An HTTP client of the caller's, never closed by the client; it must not follow redirects.
   * Default: the client (or the cluster) creates its own.
   *
   * @return the HTTP client
   */
  public abstract Optional<HttpClient> httpClient();

  /**
   * The executor for async work, never shut down by the client. Default: a fixed pool of daemon
   * threads, one per processor (at least two), shut down on close.
   *
   * @return the executor
   */
  public abstract Optional<Executor> executor();

  /**
   * Options with nothing set: every option takes its default.
   *
   * @return empty options
   */
  public static ClientOptions empty() {
    return EMPTY;
  }

  /**
   * The documented defaults, with every option that has a value set: timeouts, user agent, retry
   * policy, request limit and caps. Credentials, TLS context, HTTP client and executor stay unset
   * (none, or created by the client).
   *
   * @return the defaults
   */
  public static ClientOptions defaults() {
    return builder()
        .connectTimeout(ScrapydClient.DEFAULT_CONNECT_TIMEOUT)
        .requestTimeout(ScrapydClient.DEFAULT_REQUEST_TIMEOUT)
        .spiderListingTimeout(ScrapydClient.DEFAULT_SPIDER_LISTING_TIMEOUT)
        .userAgent(ScrapydClient.defaultUserAgent())
        .retryPolicy(RetryPolicy.defaults())
        .maxConcurrentRequests(ScrapydClient.DEFAULT_MAX_CONCURRENT_REQUESTS)
        .maxResponseBytes(ScrapydClient.DEFAULT_MAX_RESPONSE_BYTES)
        .maxErrorBodyBytes(ScrapydClient.DEFAULT_MAX_ERROR_BODY_BYTES)
        .maxLineBytes(ScrapydClient.DEFAULT_MAX_LINE_BYTES)
        .build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * These options over defaults: each option set here, else the one of {@code defaults}. The TLS
   * context and the HTTP client go together: when either is set here, neither is taken from
   * {@code defaults} (a node with its own TLS context does not use the cluster's HTTP client).
   *
   * <pre>{@code
   * ClientOptions node = ClientOptions.builder().requestTimeout(Duration.ofSeconds(5)).build();
   * ClientOptions cluster = ClientOptions.builder().retryPolicy(RetryPolicy.none()).build();
   * ClientOptions used = node.withDefaults(cluster); // 5 s, no retries
   * }</pre>
   *
   * @param defaults the options for what is unset here
   * @return the merged options
   */
  public ClientOptions withDefaults(ClientOptions defaults) {
    Checks.notNull("defaults", defaults);
    Builder merged = builder().from(defaults);
    if (sslContext().isPresent() || httpClient().isPresent()) {
      merged.sslContext(Optional.empty()).httpClient(Optional.empty());
    }
    return merged.from(this).build();
  }

  @Value.Check
  void check() {
    connectTimeout().ifPresent(t -> Checks.positive("connectTimeout", t));
    requestTimeout().ifPresent(t -> Checks.positive("requestTimeout", t));
    spiderListingTimeout().ifPresent(t -> Checks.positive("spiderListingTimeout", t));
    userAgent().ifPresent(u -> Checks.notBlank("userAgent", u));
    httpClient().ifPresent(h -> Checks.noRedirects("httpClient", h));
    atLeastOne("maxConcurrentRequests", maxConcurrentRequests());
    if (maxResponseBytes().isPresent() && maxResponseBytes().getAsLong() < 1) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be 1 or more, but was " + maxResponseBytes().getAsLong());
    }
    atLeastOne("maxErrorBodyBytes", maxErrorBodyBytes());
    atLeastOne("maxLineBytes", maxLineBytes());
  }

  private static void atLeastOne(String argument, OptionalInt value) {
    if (value.isPresent() && value.getAsInt() < 1) {
      throw new IllegalArgumentException(
          argument + " must be 1 or more, but was " + value.getAsInt());
    }
  }

  /**
   * The options that are set; never a password.
   *
   * @return a description of the options
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ClientOptions{");
    credentials().ifPresent(c -> text.append("credentials=").append(c).append(", "));
    connectTimeout().ifPresent(t -> text.append("connectTimeout=").append(t).append(", "));
    requestTimeout().ifPresent(t -> text.append("requestTimeout=").append(t).append(", "));
    spiderListingTimeout().ifPresent(
        t -> text.append("spiderListingTimeout=").append(t).append(", "));
    userAgent().ifPresent(u -> text.append("userAgent=").append(u).append(", "));
    retryPolicy().ifPresent(r -> text.append("retryPolicy=").append(r).append(", "));
    maxConcurrentRequests().ifPresent(
        n -> text.append("maxConcurrentRequests=").append(n).append(", "));
    maxResponseBytes().ifPresent(n -> text.append("maxResponseBytes=").append(n).append(", "));
    maxErrorBodyBytes().ifPresent(n -> text.append("maxErrorBodyBytes=").append(n).append(", "));
    maxLineBytes().ifPresent(n -> text.append("maxLineBytes=").append(n).append(", "));
    sslContext().ifPresent(s -> text.append("sslContext=caller's, "));
    httpClient().ifPresent(h -> text.append("httpClient=caller's, "));
    executor().ifPresent(e -> text.append("executor=caller's, "));
    if (text.charAt(text.length() - 1) == ' ') {
      text.setLength(text.length() - 2);
    }
    return text.append('}').toString();
  }

  /** Builds {@link ClientOptions} values; options not given stay unset. */
  public static final class Builder extends ImmutableClientOptions.Builder {
    Builder() {}
  }
}
