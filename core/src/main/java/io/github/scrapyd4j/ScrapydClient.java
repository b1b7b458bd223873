package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.internal.ClientAccess;
import io.github.scrapyd4j.internal.JobIds;
import io.github.scrapyd4j.internal.Transport;
import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.CancelResult;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.model.DeleteResult;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.JobStatus;
import io.github.scrapyd4j.model.ProjectList;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.model.SpiderList;
import io.github.scrapyd4j.model.VersionList;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * A client for one Scrapyd node: one method per endpoint of Scrapyd's HTTP JSON API, each
 * returning a typed, immutable answer. {@link #async()} gives the same operations returning {@link
 * java.util.concurrent.CompletableFuture}s.
 *
 * <pre>{@code
 * try (ScrapydClient client = ScrapydClient.builder()
 *     .baseUri("https://scrapyd.example.com/scrapyd/")
 *     .credentials("admin", System.getenv("SCRAPYD_PASSWORD"))
 *     .build()) {
 *   client.addVersion("shop", "1700000000", Path.of("shop.egg"));
 *   ScheduleResult job = client.schedule(ScheduleRequest.builder()
 *       .project("shop")
 *       .spider("products")
 *       .putArg("category", "garden")
 *       .build());
 *   JobList jobs = client.listJobs("shop");
 *   System.out.println(jobs.find(job.jobId()));
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> Every method throws a subtype of {@link ScrapydException} (unchecked) when the
 * call fails; see there for which tells what. Scrapyd reports errors with HTTP 200 and {@code
 * "status": "error"}: the client turns those into {@link ScrapydApiException}. Arguments are
 * checked before anything is sent: a null or blank project, spider, version or job id throws
 * {@link IllegalArgumentException} or {@link NullPointerException} naming the argument.
 *
 * <p><b>Retries.</b> Read-only calls are retried after connection failures and timeouts per the
 * {@link RetryPolicy}; calls that change state never are, so a {@code schedule} cannot start a
 * crawl twice.
 *
 * <p><b>Threads.</b> A client is thread-safe and meant to be shared and reused; it holds a
 * connection pool. Close it when done: that closes what it created (its {@link HttpClient} on Java
 * 21 and later, and its thread pool), never an {@code HttpClient} or {@code Executor} that was
 * given to the builder.
 */
public final class ScrapydClient implements AutoCloseable {
  /** The base URI used when none is given: a Scrapyd on this machine with its default port. */
  public static final URI DEFAULT_BASE_URI = URI.create("http://localhost:6800/");
  /** Default time to open a connection: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time for an answer: 30 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Default time for an answer from {@code addversion}, {@code schedule} and {@code listspiders}:
   * 3 minutes. Scrapyd runs {@code scrapy list} for them (always for {@code addversion}, on a cache
   * miss for the other two), and its whole server waits while it does.
   */
  public static final Duration DEFAULT_SPIDER_LISTING_TIMEOUT = Duration.ofMinutes(3);
  /** Default limit of async requests in flight per client: 64. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
  /**
   * Default cap on a JSON answer: 64 MiB, or an eighth of the JVM's maximum heap when that is
   * less (8 MiB with {@code -Xmx64m}), so that an answer at the cap fits the heap it is read into.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES =
      Math.max(1L << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));
  /** Default cap on the body of an error answer (any HTTP status but 2xx): 64 KiB. */
  public static final int DEFAULT_MAX_ERROR_BODY_BYTES = 64 << 10;
  /** Default cap on one line of a log or items file: 8 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 8 << 20;

  static {
    ClientAccess.register(ScrapydClient::transport);
  }

  private final Transport transport;
  private final Calls calls;
  private final ScrapydAsyncClient async;
  private final String description;
  private final ClientOptions options;

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ScrapydClient.class);
  /** The nodes already warned about credentials over plain http (one WARN per node). */
  private static final java.util.Set<URI> WARNED_PLAIN_HTTP =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private ScrapydClient(ClientOptions options, Transport.Config config) {
    this.options = options;
    if (config.credentials != null && "http".equals(config.baseUri.getScheme())
        && !isLoopback(config.baseUri.getHost())
        && (WARNED_PLAIN_HTTP.size() >= 10_000 || WARNED_PLAIN_HTTP.add(config.baseUri))) {
      LOG.warn("credentials for {} are sent over plain http:// to a host that is not this "
          + "machine: anyone on the way can read them; use https:// (a TLS proxy in front of "
          + "Scrapyd)", config.baseUri);
    }
    this.transport = new Transport(config);
    this.calls = new Calls(transport);
    this.async = new ScrapydAsyncClient(transport, calls);
    this.description = "ScrapydClient{baseUri=" + config.baseUri
        + ", credentials=" + (config.credentials == null ? "none" : config.credentials)
        + ", connectTimeout=" + config.connectTimeout
        + ", requestTimeout=" + config.requestTimeout
        + ", spiderListingTimeout=" + config.spiderListingTimeout
        + ", retryPolicy=" + config.retryPolicy
        + ", maxConcurrentRequests=" + config.maxConcurrentRequests
        + ", maxResponseBytes=" + config.maxResponseBytes
        + ", maxErrorBodyBytes=" + config.maxErrorBodyBytes
        + ", maxLineBytes=" + config.maxLineBytes
        + ", userAgent=" + config.userAgent
        + (options.httpClient().isPresent() ? ", httpClient=caller's" : "")
        + (options.sslContext().isPresent() ? ", sslContext=caller's" : "")
        + (options.executor().isPresent() ? ", executor=caller's" : "")
        + '}';
  }

  /**
   * Starts building a client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base URI every endpoint is resolved against, ending with {@code /} and without
   * credentials.
   *
   * @return the base URI
   */
  public URI baseUri() {
    return transport.baseUri();
  }

  /**
   * This node's jobs with the default settings: wait for a job and tell how it went, read its log
   * and items. {@code Jobs.builder(client)} sets polling, scheduler, clock, mapper and policy.
   *
   * @return the jobs of this node
   */
  public io.github.scrapyd4j.jobs.Jobs jobs() {
    return io.github.scrapyd4j.jobs.Jobs.of(this);
  }

  /**
   * The options this client was built with, every default filled in (credentials, TLS context,
   * HTTP client and executor only when given). Credentials given in the base URI are here, and
   * not in {@link #baseUri()}.
   *
   * @return the options
   */
  public ClientOptions options() {
    return options;
  }

  /**
   * The same operations, returning futures instead of blocking. It shares this client's
   * connections and configuration, and is closed with it.
   *
   * @return the async view of this client
   */
  public ScrapydAsyncClient async() {
    return async;
  }

  /**
   * {@code daemonstatus.json}: how many jobs the node has pending, running and finished.
   *
   * @return the node's status
   */
  public DaemonStatus daemonStatus() {
    return transport.execute(calls.daemonStatus());
  }

  /**
   * {@code addversion.json}: uploads a project egg as a new version (or replaces the version of
   * that name), creating the project if it is new. Scrapyd then lists the egg's spiders, which can
   * take a while.
   *
   * <p>Scrapyd stores the egg before it checks it: when it answers with an error (for example
   * {@link ScrapydApiException.Reason#RUNNER_ERROR} because the settings module fails to import),
   * the broken version stays stored and may now be the latest. Delete it with {@link
   * #delVersion}, or deploy with the egg builder's deployer, which does.
   *
   * @param project the project name
   * @param version the version name; Scrapyd stores it with every character outside {@code
   *     [A-Za-z0-9_-]} replaced by {@code _}. Epoch seconds (the scrapyd-deploy default) sort as
   *     expected.
   * @param egg the egg file; it is checked to be a ZIP with {@code EGG-INFO/PKG-INFO} before
   *     anything is sent, and streamed from disk
   * @return what Scrapyd stored, with its spider count
   */
  public AddVersionResult addVersion(String project, String version, Path egg) {
    return transport.execute(calls.addVersion(project, version, egg));
  }

  /**
   * {@code addversion.json} with the egg in memory. See {@link #addVersion(String, String, Path)}.
   *
   * @param project the project name
   * @param version the version name
   * @param egg the egg's bytes (copied)
   * @return what Scrapyd stored, with its spider count
   */
  public AddVersionResult addVersion(String project, String version, byte[] egg) {
    return transport.execute(calls.addVersion(project, version, egg));
  }

  /**
   * {@code schedule.json}: queues a crawl. The job starts when the node has a free slot (Scrapyd
   * polls its queues every few seconds). Never retried automatically. A request without a job id
   * gets one before it is sent (Scrapyd's {@code jobid} parameter, Scrapyd 1.2 and later), so a
   * job whose schedule got no answer can still be looked up.
   *
   * @param request the project, spider and the run's arguments and settings
   * @return the job id
   * @throws ScrapydScheduleOutcomeUnknownException when the request was sent but no answer came
   *     back: the job may be queued, under {@link ScrapydScheduleOutcomeUnknownException#jobId()}
   */
  public ScheduleResult schedule(ScheduleRequest request) {
    ScheduleRequest withId = JobIds.ensure(Checks.notNull("request", request));
    try {
      return transport.execute(calls.schedule(withId));
    } catch (ScrapydTransportException e) {
      throw outcomeUnknown(withId, e);
    }
  }

  /** A transport failure of a schedule that may have reached the node carries the job id. */
  static ScrapydTransportException outcomeUnknown(
      ScheduleRequest sent, ScrapydTransportException e) {
    if (!e.mayHaveReachedServer() || e instanceof ScrapydScheduleOutcomeUnknownException) {
      return e;
    }
    return new ScrapydScheduleOutcomeUnknownException(sent.jobId().orElseThrow(), e);
  }

  /**
   * {@code cancel.json} with the node's default signal: removes a pending job from its queue, or
   * asks a running one to stop gracefully (Scrapy finishes requests in flight first).
   *
   * @param project the project name
   * @param jobId the job id
   * @return the job's state before the cancel, empty if it was unknown or already finished
   */
  public CancelResult cancel(String project, String jobId) {
    return transport.execute(calls.cancel(project, jobId, null));
  }

  /**
   * {@code cancel.json} with a chosen signal, such as {@link Signal#KILL} to stop a crawl at once
   * or a second {@link Signal#INT} to force a graceful stop that takes too long.
   *
   * @param project the project name
   * @param jobId the job id
   * @param signal the signal to send to a running job
   * @return the job's state before the cancel, empty if it was unknown or already finished
   */
  public CancelResult cancel(String project, String jobId, Signal signal) {
    Checks.notNull("signal", signal);
    return transport.execute(calls.cancel(project, jobId, signal));
  }

  /**
   * {@code status.json} (Scrapyd 1.5 and later): the state of a job in any project. Older servers
   * answer 404, which throws {@link ScrapydHttpException}; use {@link #listJobs(String)} there.
   *
   * @param jobId the job id
   * @return the job's state, empty if the node does not know it
   */
  public JobStatus status(String jobId) {
    return transport.execute(calls.status(null, jobId));
  }

  /**
   * {@code status.json} (Scrapyd 1.5 and later) for a job of one project.
   *
   * @param project the project name; an unknown project is an error
   * @param jobId the job id
   * @return the job's state, empty if the node does not know it
   */
  public JobStatus status(String project, String jobId) {
    Checks.notNull("project", project);
    return transport.execute(calls.status(project, jobId));
  }

  /**
   * {@code listprojects.json}: the projects on the node.
   *
   * @return the project names
   */
  public ProjectList listProjects() {
    return transport.execute(calls.listProjects());
  }

  /**
   * {@code listversions.json}: a project's stored versions, the default (latest) last. An unknown
   * project has none.
   *
   * @param project the project name
   * @return the versions
   */
  public VersionList listVersions(String project) {
    return transport.execute(calls.listVersions(project));
  }

  /**
   * {@code listspiders.json}: the spiders of a project's latest version.
   *
   * @param project the project name
   * @return the spider names
   */
  public SpiderList listSpiders(String project) {
    return transport.execute(calls.listSpiders(project, null));
  }

  /**
   * {@code listspiders.json} for one version of a project.
   *
   * @param project the project name
   * @param version the version, as uploaded or as stored
   * @return the spider names
   */
  public SpiderList listSpiders(String project, String version) {
    Checks.notNull("version", version);
    return transport.execute(calls.listSpiders(project, version));
  }

  /**
   * {@code listjobs.json} for every project (Scrapyd 1.3 and later).
   *
   * @return pending, running and finished jobs
   */
  public JobList listJobs() {
    return transport.execute(calls.listJobs(null));
  }

  /**
   * {@code listjobs.json} for one project.
   *
   * @param project the project name
   * @return the project's pending, running and finished jobs
   */
  public JobList listJobs(String project) {
    Checks.notNull("project", project);
    return transport.execute(calls.listJobs(project));
  }

  /**
   * {@code delversion.json}: deletes a stored version. Deleting the last version deletes the
   * project.
   *
   * @param project the project name
   * @param version the version, as uploaded or as stored
   * @return the node's acknowledgement
   */
  public DeleteResult delVersion(String project, String version) {
    return transport.execute(calls.delVersion(project, version));
  }

  /**
   * {@code delproject.json}: deletes a project and all its versions.
   *
   * @param project the project name
   * @return the node's acknowledgement
   */
  public DeleteResult delProject(String project) {
    return transport.execute(calls.delProject(project));
  }

  /**
   * Closes what the client created; calls made after this throw {@link IllegalStateException}.
   */
  @Override
  public void close() {
    transport.close();
  }

  /** The configuration, with the password masked. */
  @Override
  public String toString() {
    return description;
  }

  Transport transport() {
    return transport;
  }

  /** Whether a host is this machine by its name alone (no DNS lookup): localhost or loopback. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
        || h.equals("::1") || h.matches("(0{1,4}:){7}0{0,3}1") || h.equals("0:0:0:0:0:0:0:1");
  }

  static String defaultUserAgent() {
    String version = "unknown";
    try (InputStream in = ScrapydClient.class.getResourceAsStream("scrapyd4j.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        version = properties.getProperty("version", version);
      }
    } catch (IOException ignored) {
      // keep "unknown"
    }
    return "scrapyd4j/" + version + " (Java " + System.getProperty("java.version") + ")";
  }

  /**
   * Builds a {@link ScrapydClient}. Every option has a default; {@link #build()} checks them all.
   *
   * <pre>{@code
   * ScrapydClient client = ScrapydClient.builder()
   *     .baseUri("http://scrapyd-1.internal:6800")
   *     .credentials("scrapyd", password)
   *     .connectTimeout(Duration.ofSeconds(3))
   *     .requestTimeout(Duration.ofSeconds(20))
   *     .build();
   * }</pre>
   */
  public static final class Builder extends ClientOptions.Setters<Builder> {
    private URI baseUri = DEFAULT_BASE_URI;

    private Builder() {}

    /**
     * Where Scrapyd is: {@code http} or {@code https}, host, optional port and optional path
     * prefix (for a Scrapyd behind a reverse proxy). With or without a trailing slash, {@code
     * https://host/scrapyd} reaches {@code https://host/scrapyd/listjobs.json}. Credentials in the
     * URI ({@code http://user:password@host:6800}) are taken out of it and used as {@link
     * #credentials(String, String)}. Default: {@code http://localhost:6800/}.
     *
     * @param baseUri the base URI
     * @return this builder
     */
    public Builder baseUri(String baseUri) {
      Checks.notBlank("baseUri", baseUri);
      try {
        return baseUri(new URI(baseUri.strip()));
      } catch (URISyntaxException e) {
        throw Checks.badUri("baseUri", e); // its message quotes the input, password hidden
      }
    }

    /**
     * Where Scrapyd is. See {@link #baseUri(String)}.
     *
     * @param baseUri the base URI
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Checks.notNull("baseUri", baseUri);
      return this;
    }

    /**
     * Checks the options and builds the client.
     *
     * @return a new client
     * @throws IllegalArgumentException if the base URI is not an http or https URI with a host,
     *     or has a query or fragment
     */
    public ScrapydClient build() {
      ClientOptions options = clientOptions();
      ClientOptions resolved = options.withDefaults(ClientOptions.defaults());
      if (resolved.httpClient().isPresent() && resolved.sslContext().isPresent()) {
        throw new IllegalArgumentException(
            "sslContext and httpClient are both given: give the SSLContext to the HttpClient's "
                + "builder, or give only sslContext");
      }
      Transport.Config config = new Transport.Config();
      URI uri = baseUri;
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException(
            "baseUri must start with http:// or https://, but was '" + Redaction.uri(uri) + "'");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("baseUri has no host: '" + Redaction.uri(uri) + "'");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "baseUri must not have a query or fragment: '" + Redaction.uri(uri) + "'");
      }
      Credentials fromUri = null;
      if (uri.getRawUserInfo() != null) {
        String info = uri.getRawUserInfo();
        int colon = info.indexOf(':');
        fromUri = Credentials.of(
            decode(colon < 0 ? info : info.substring(0, colon)),
            colon < 0 ? "" : decode(info.substring(colon + 1)));
        if (options.credentials().isPresent() && !options.credentials().get().equals(fromUri)) {
          throw new IllegalArgumentException(
              "baseUri carries credentials and credentials(...) gives others: give them once");
        }
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (!path.endsWith("/")) {
        path = path + '/';
      }
      config.baseUri = URI.create(
          scheme + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
              + path);
      if (fromUri != null) {
        resolved = ClientOptions.builder().from(resolved).credentials(fromUri).build();
      }
      config.credentials = resolved.credentials().orElse(null);
      config.connectTimeout = resolved.connectTimeout().get();
      config.requestTimeout = resolved.requestTimeout().get();
      config.spiderListingTimeout = resolved.spiderListingTimeout().get();
      config.userAgent = resolved.userAgent().get();
      config.httpClient = resolved.httpClient().orElse(null);
      config.sslContext = resolved.sslContext().orElse(null);
      config.executor = resolved.executor().orElse(null);
      config.retryPolicy = resolved.retryPolicy().get();
      config.maxConcurrentRequests = resolved.maxConcurrentRequests().getAsInt();
      config.maxResponseBytes = resolved.maxResponseBytes().getAsLong();
      config.maxErrorBodyBytes = resolved.maxErrorBodyBytes().getAsInt();
      config.maxLineBytes = resolved.maxLineBytes().getAsInt();
      return new ScrapydClient(resolved, config);
    }


    private static String decode(String text) {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
