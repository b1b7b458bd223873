package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.immutables.value.Value;

/**
 * One Scrapyd node of a cluster: an explicit, stable id (never its position in a list), where it
 * is, how to reach it, and tags to select it by.
 *
 * <pre>{@code
 * Node node = Node.builder()
 *     .id("eu-1")
 *     .baseUri("https://eu-1.example.com/scrapyd/")
 *     .credentials(Credentials.of("scrapyd", password))
 *     .requestTimeout(Duration.ofSeconds(10))
 *     .addTag("eu", "big")
 *     .capacity(8)
 *     .build();
 * }</pre>
 *
 * <p>Options left unset take the cluster's defaults ({@link ClusterClient.Builder}).
 */
@Value.Immutable
@Value.Style( // ScrapydStyle's, with a hand-written Builder that the generated one must not extend
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false),
    get = {"is*", "get*"},
    init = "*",
    allParameters = false,
    typeInnerBuilder = "GeneratedBuilder",
    builder = "generatedBuilder",
    allowedClasspathAnnotations = {Override.class})
public abstract class Node {
  Node() {}

  /**
   * The node's id, unique in its cluster: letters, digits and {@code . _ : @ [ ] -}.
   *
   * @return the id
   */
  public abstract String id();

  /**
   * Where the node's Scrapyd is, as for {@link io.github.scrapyd4j.ScrapydClient.Builder#baseUri(URI)}.
   *
   * @return the base URI
   */
  public abstract URI baseUri();

  /**
   * The node's own client options, over the cluster's ({@link
   * ClusterClient.Builder#options(ClientOptions)}) by {@link
   * ClientOptions#withDefaults(ClientOptions)}: an option set here wins, an unset one is the
   * cluster's. A TLS context or an HTTP client set here gives the node an HTTP client of its own.
   * Default: empty (everything from the cluster).
   *
   * @return the node's options
   */
  @Value.Default
  public ClientOptions options() {
    return ClientOptions.empty();
  }

  /**
   * The node's credentials; the cluster's default credentials when empty. Same as {@code
   * options().credentials()}.
   *
   * @return the credentials
   */
  public Optional<Credentials> credentials() {
    return options().credentials();
  }

  /**
   * The node's connect timeout; the cluster's default when empty. Same as {@code
   * options().connectTimeout()}.
   *
   * @return the connect timeout
   */
  public Optional<Duration> connectTimeout() {
    return options().connectTimeout();
  }

  /**
   * The node's request timeout; the cluster's default when empty. Same as {@code
   * options().requestTimeout()}.
   *
   * @return the request timeout
   */
  public Optional<Duration> requestTimeout() {
    return options().requestTimeout();
  }

  /**
   * The node's timeout for calls that make Scrapyd list spiders; the cluster's default when empty.
   * Same as {@code options().spiderListingTimeout()}.
   *
   * @return the spider listing timeout
   */
  public Optional<Duration> spiderListingTimeout() {
    return options().spiderListingTimeout();
  }

  /**
   * The node's TLS context, for example one that trusts a private certificate authority; the
   * cluster's ({@link ClientOptions.Setters#sslContext(SSLContext)}) when empty. The node then
   * gets an HTTP client of its own. Give it or {@link #httpClient()}, not both. Same as {@code
   * options().sslContext()}.
   *
   * @return the TLS context
   */
  public Optional<SSLContext> sslContext() {
    return options().sslContext();
  }

  /**
   * An HTTP client of the caller's for this node only; the cluster's when empty. The cluster does
   * not close it. It must not follow redirects ({@code Redirect.NEVER}); the node's connect
   * timeout is then the HTTP client's own. Same as {@code options().httpClient()}.
   *
   * @return the HTTP client
   */
  public Optional<HttpClient> httpClient() {
    return options().httpClient();
  }

  /**
   * Labels to select the node by, such as a region or a role.
   *
   * @return the tags
   */
  public abstract Set<String> tags();

  /**
   * How many jobs (running plus pending) the node should hold at most, for least-loaded placement;
   * without one, only the load is compared.
   *
   * @return the capacity, 1 or more
   */
  public abstract OptionalInt capacity();

  /**
   * A node with an id and a base URI and every other option from the cluster's defaults.
   *
   * @param id the node id
   * @param baseUri where the node's Scrapyd is
   * @return the node
   */
  public static Node of(String id, String baseUri) {
    return builder().id(id).baseUri(baseUri).build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    if (id().isEmpty() || !id().matches("[A-Za-z0-9._:@\\[\\]-]+")) {
      throw new IllegalArgumentException(
          "node id must be non-empty letters, digits and . _ : @ [ ] -, but was '" + id() + "'");
    }
    String scheme = baseUri().getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || baseUri().getHost() == null) {
      throw new IllegalArgumentException(
          "node " + id() + ": baseUri must be an http or https URI with a host, but was '"
              + Redaction.uri(baseUri()) + "'");
    }
    if (sslContext().isPresent() && httpClient().isPresent()) {
      throw new IllegalArgumentException("node " + id() + ": sslContext and httpClient are both "
          + "given: give the SSLContext to the HttpClient's builder, or give only sslContext");
    }
    if (capacity().isPresent() && capacity().getAsInt() < 1) {
      throw new IllegalArgumentException(
          "node " + id() + ": capacity must be 1 or more, but was " + capacity().getAsInt());
    }
    for (String tag : tags()) {
      if (tag.isBlank()) {
        throw new IllegalArgumentException("node " + id() + ": tags must not be blank");
      }
    }
  }

  /**
   * The node's id, base URI (its password hidden, by {@link Redaction#uri(URI)}), tags and
   * options that are set; never a password.
   *
   * @return a description of the node
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Node{id=").append(id())
        .append(", baseUri=").append(Redaction.uri(baseUri()));
    String options = options().toString();
    if (!options.equals("ClientOptions{}")) {
      text.append(", ").append(options, "ClientOptions{".length(), options.length() - 1);
    }
    if (!tags().isEmpty()) {
      text.append(", tags=").append(tags());
    }
    capacity().ifPresent(c -> text.append(", capacity=").append(c));
    return text.append('}').toString();
  }

  /**
   * Builds {@link Node} values. The client options (the setters of {@link ClientOptions.Setters},
   * or {@link #options(ClientOptions)}) override the cluster's for this node; a value they refuse
   * is thrown by {@link #build()}, naming the node.
   */
  public static final class Builder extends ClientOptions.Setters<Builder> {
    private final ImmutableNode.Builder node = ImmutableNode.generatedBuilder();
    private IllegalArgumentException invalid;

    Builder() {}

    @Override
    protected void refused(IllegalArgumentException refused) {
      invalid = invalid == null ? refused : invalid; // thrown by build(), naming the node
    }

    /**
     * Copies every attribute of a node; tags are added to those already given, its options set
     * over those set so far.
     *
     * @param instance the node to copy
     * @return this builder
     */
    public Builder from(Node instance) {
      node.from(instance);
      options(instance.options());
      return this;
    }

    /**
     * Sets the node id; see {@link Node#id()}.
     *
     * @param id the id
     * @return this builder
     */
    public Builder id(String id) {
      node.id(Checks.notNull("id", id));
      return this;
    }

    /**
     * Sets where the node is.
     *
     * @param baseUri the base URI
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      node.baseUri(Checks.notNull("baseUri", baseUri));
      return this;
    }

    /**
     * Sets where the node is, from text.
     *
     * @param baseUri the base URI
     * @return this builder
     */
    public Builder baseUri(String baseUri) {
      String text = Checks.notBlank("baseUri", baseUri).strip();
      try {
        return baseUri(new URI(text));
      } catch (URISyntaxException e) {
        throw Checks.badUri("baseUri", e); // its message quotes the input, password hidden
      }
    }

    /**
     * Adds a tag.
     *
     * @param tag the tag
     * @return this builder
     */
    public Builder addTag(String tag) {
      node.addTag(Checks.notNull("tag", tag));
      return this;
    }

    /**
     * Adds tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder addTags(String... tags) {
      Checks.notNull("tags", (Object) tags);
      node.addTags(tags);
      return this;
    }

    /**
     * Adds tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder addAllTags(Iterable<String> tags) {
      node.addAllTags(Checks.notNull("tags", tags));
      return this;
    }

    /**
     * Replaces the tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(Iterable<String> tags) {
      node.tags(Checks.notNull("tags", tags));
      return this;
    }

    /**
     * Sets the capacity; see {@link Node#capacity()}.
     *
     * @param capacity 1 or more
     * @return this builder
     */
    public Builder capacity(int capacity) {
      node.capacity(capacity);
      return this;
    }

    /**
     * Checks the attributes and builds the node.
     *
     * @return the node
     * @throws IllegalArgumentException if an attribute is invalid
     * @throws IllegalStateException if the id or base URI is missing
     */
    public Node build() {
      Node built = node.options(clientOptions()).build();
      if (invalid != null) {
        throw new IllegalArgumentException(
            "node " + built.id() + ": " + invalid.getMessage(), invalid);
      }
      return built;
    }
  }
}
