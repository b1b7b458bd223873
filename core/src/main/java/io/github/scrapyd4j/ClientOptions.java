package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
   * ScrapydClient#DEFAULT_MAX_RESPONSE_BYTES}. See {@link Setters#maxResponseBytes(long)}.
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
   * ScrapydClient#DEFAULT_MAX_LINE_BYTES}). See {@link Setters#maxLineBytes(int)}.
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

  /**
   * The fluent client-option setters, declared once and shared by {@link ScrapydClient.Builder},
   * {@code ClusterClient.Builder} and {@code Node.Builder}: each sets one option of the {@link
   * ClientOptions} the builder holds, so a new option is one accessor above and one setter here,
   * and every builder has it. What a value means depends on the builder: on {@code
   * ScrapydClient.Builder} it is the client's; on {@code ClusterClient.Builder} the default of
   * every node without its own; on {@code Node.Builder} that node's own, over the cluster's.
   *
   * <pre>{@code
   * ScrapydClient client = ScrapydClient.builder()
   *     .baseUri("http://scrapyd-1.internal:6800")
   *     .credentials("scrapyd", password)
   *     .requestTimeout(Duration.ofSeconds(20))
   *     .build();
   * ClusterClient cluster = ClusterClient.builder()
   *     .requestTimeout(Duration.ofSeconds(20))              // every node's default
   *     .node(Node.builder().id("far").baseUri("http://far:6800")
   *         .requestTimeout(Duration.ofMinutes(1)).build())  // this node's own
   *     .build();
   * }</pre>
   *
   * <p>A value a setter refuses throws {@link IllegalArgumentException} naming the option, and
   * {@code null} throws {@link NullPointerException} naming it (credentials aside: {@code null} is
   * none); a {@code Node.Builder} throws the former from {@code build()}, naming the node too.
   * Not meant to be extended outside scrapyd4j.
   *
   * @param <B> the builder type
   */
  public abstract static class Setters<B extends Setters<B>> {
    private ClientOptions options = EMPTY;

    /** For scrapyd4j's builders. */
    protected Setters() {}

    /**
     * Basic-authentication credentials, sent with every request (not only after a challenge).
     * Over plain {@code http://} to a host other than this machine they can be read on the way:
     * the client logs one WARN per node then. Default: none.
     *
     * @param username the user name
     * @param password the password
     * @return this builder
     */
    public B credentials(String username, String password) {
      return credentials(Credentials.of(username, password));
    }

    /**
     * Basic-authentication credentials, or {@code null} for none. See {@link
     * #credentials(String, String)}.
     *
     * @param credentials the credentials
     * @return this builder
     */
    public B credentials(Credentials credentials) {
      return set(o -> o.credentials(Optional.ofNullable(credentials)));
    }

    /**
     * How long to wait for a connection to open. Ignored when an {@link #httpClient(HttpClient)}
     * is given (it has its own). Default: 10 s ({@link ScrapydClient#DEFAULT_CONNECT_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B connectTimeout(Duration timeout) {
      return set(o -> o.connectTimeout(Checks.notNull("connectTimeout", timeout)));
    }

    /**
     * How long to wait for the answer to a call, except those of {@link
     * #spiderListingTimeout(Duration)}. Default: 30 s ({@link
     * ScrapydClient#DEFAULT_REQUEST_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B requestTimeout(Duration timeout) {
      return set(o -> o.requestTimeout(Checks.notNull("requestTimeout", timeout)));
    }

    /**
     * How long to wait for the answer to {@code addversion}, {@code schedule} and {@code
     * listspiders}, for which Scrapyd may run {@code scrapy list} first. Default: 3 minutes
     * ({@link ScrapydClient#DEFAULT_SPIDER_LISTING_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B spiderListingTimeout(Duration timeout) {
      return set(o -> o.spiderListingTimeout(Checks.notNull("spiderListingTimeout", timeout)));
    }

    /**
     * The {@code User-Agent} header. Default: {@code scrapyd4j/<version> (Java <version>)}.
     *
     * @param userAgent the user agent, not blank
     * @return this builder
     */
    public B userAgent(String userAgent) {
      return set(o -> o.userAgent(Checks.notNull("userAgent", userAgent)));
    }

    /**
     * An {@link HttpClient} to send requests with, for example one with a proxy. It is not
     * closed. Requests are still sent as HTTP/1.1. It must not follow redirects ({@link
     * HttpClient#followRedirects()} {@code NEVER}): a redirect would carry the credentials to
     * whatever address it names. Connect timeouts are then the HTTP client's own. Default: the
     * client (or the cluster, for its nodes) creates its own.
     *
     * @param httpClient the HTTP client
     * @return this builder
     */
    public B httpClient(HttpClient httpClient) {
      return set(o -> o.httpClient(Checks.notNull("httpClient", httpClient)));
    }

    /**
     * The TLS context for {@code https} nodes, for example one that trusts a private certificate
     * authority, without changing the JVM-wide trust settings:
     *
     * <pre>{@code
     * KeyStore trusted = KeyStore.getInstance("PKCS12");
     * try (InputStream in = Files.newInputStream(Path.of("ca.p12"))) {
     *   trusted.load(in, storePassword);
     * }
     * TrustManagerFactory trust =
     *     TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
     * trust.init(trusted);
     * SSLContext tls = SSLContext.getInstance("TLS");
     * tls.init(null, trust.getTrustManagers(), null);
     * ScrapydClient client = ScrapydClient.builder().baseUri("https://scrapyd.internal/")
     *     .sslContext(tls).build();
     * }</pre>
     *
     * <p>Used by the HTTP client the client (or the cluster) creates; give it or {@link
     * #httpClient(HttpClient)}, not both (a caller's HTTP client has its own). Default: the JVM's
     * default context.
     *
     * @param sslContext the TLS context
     * @return this builder
     */
    public B sslContext(SSLContext sslContext) {
      return set(o -> o.sslContext(Checks.notNull("sslContext", sslContext)));
    }

    /**
     * The executor for async work: reading answers and completing futures (and the HTTP client's
     * own tasks, when the client creates it). It is not shut down. Default: a fixed pool of daemon
     * threads, one per processor (at least two), shut down on close.
     *
     * @param executor the executor
     * @return this builder
     */
    public B executor(Executor executor) {
      return set(o -> o.executor(Checks.notNull("executor", executor)));
    }

    /**
     * When to retry read-only calls. Default: {@link RetryPolicy#defaults()}; {@link
     * RetryPolicy#none()} turns retries off.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public B retryPolicy(RetryPolicy retryPolicy) {
      return set(o -> o.retryPolicy(Checks.notNull("retryPolicy", retryPolicy)));
    }

    /**
     * The most async requests in flight at once; more wait in a queue, without holding a thread.
     * Default: 64 per client ({@link ScrapydClient#DEFAULT_MAX_CONCURRENT_REQUESTS}); for a
     * cluster, 256 across the cluster during a fan-out.
     *
     * @param max 1 or more
     * @return this builder
     */
    public B maxConcurrentRequests(int max) {
      return set(o -> o.maxConcurrentRequests(max));
    }

    /**
     * The most bytes of a JSON answer read. A longer answer fails the call with {@link
     * ScrapydMalformedResponseException} naming the cap, after reading no more than the cap; the
     * connection is closed. An answer whose {@code Content-Length} is over the cap fails before
     * any of it is read. The cap is per call: a fan-out over many nodes may hold one answer per
     * node at once (a node over it fails alone). Default: 64 MiB, or an eighth of the maximum heap
     * when that is less ({@link ScrapydClient#DEFAULT_MAX_RESPONSE_BYTES}); 64 MiB is room for a
     * {@code listjobs} of some 200,000 jobs.
     *
     * @param bytes 1 or more
     * @return this builder
     */
    public B maxResponseBytes(long bytes) {
      return set(o -> o.maxResponseBytes(bytes));
    }

    /**
     * The most bytes read of the body of an answer with an unexpected HTTP status (a proxy's error
     * page, for example); the rest is not read, and the exception quotes what was. Default: 64 KiB
     * ({@link ScrapydClient#DEFAULT_MAX_ERROR_BODY_BYTES}).
     *
     * @param bytes 1 or more
     * @return this builder
     */
    public B maxErrorBodyBytes(int bytes) {
      return set(o -> o.maxErrorBodyBytes(bytes));
    }

    /**
     * The longest line of a job's log or items file that is held in memory, for reading lines
     * ({@code JobLogs.tailLines}, {@code LogConsumer.lines} when following or reading a log) and
     * items. A longer line is never buffered whole: it is skipped, and reported (an item line to
     * the items' {@code MalformedItemHandler} with its offset, a log line with a WARN log naming
     * its offset). Default: 8 MiB ({@link ScrapydClient#DEFAULT_MAX_LINE_BYTES}).
     *
     * @param bytes 1 or more
     * @return this builder
     */
    public B maxLineBytes(int bytes) {
      return set(o -> o.maxLineBytes(bytes));
    }

    /**
     * Sets every option that {@code options} sets; the others keep their values. A TLS context or
     * an HTTP client in {@code options} replaces both of this builder's (see {@link
     * ClientOptions#withDefaults(ClientOptions)}).
     *
     * <pre>{@code
     * ScrapydClient client = ScrapydClient.builder()
     *     .baseUri("http://scrapyd-1.internal:6800")
     *     .options(sharedOptions)
     *     .requestTimeout(Duration.ofSeconds(5)) // overrides sharedOptions' request timeout
     *     .build();
     * }</pre>
     *
     * @param options the options to set
     * @return this builder
     */
    public B options(ClientOptions options) {
      this.options = Checks.notNull("options", options).withDefaults(this.options);
      return self();
    }

    /**
     * The options set so far.
     *
     * @return the options
     */
    protected final ClientOptions clientOptions() {
      return options;
    }

    /**
     * A value {@link ClientOptions} refused; by default it is thrown at once.
     *
     * @param refused the exception naming the option
     */
    protected void refused(IllegalArgumentException refused) {
      throw refused;
    }

    private B set(Consumer<ClientOptions.Builder> change) {
      ClientOptions.Builder next = builder().from(options);
      change.accept(next);
      try {
        options = next.build(); // checks the value (check() below)
      } catch (IllegalArgumentException e) {
        refused(e);
      }
      return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }
  }

  /** Builds {@link ClientOptions} values; options not given stay unset. */
  public static final class Builder extends ImmutableClientOptions.Builder {
    Builder() {}
  }
}
