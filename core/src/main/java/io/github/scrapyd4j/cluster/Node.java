package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.model.ScrapydStyle;
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
@ScrapydStyle
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
   * The node's credentials; the cluster's default credentials when empty.
   *
   * @return the credentials
   */
  public abstract Optional<Credentials> credentials();

  /**
   * The node's connect timeout; the cluster's default when empty.
   *
   * @return the connect timeout
   */
  public abstract Optional<Duration> connectTimeout();

  /**
   * The node's request timeout; the cluster's default when empty.
   *
   * @return the request timeout
   */
  public abstract Optional<Duration> requestTimeout();

  /**
   * The node's timeout for calls that make Scrapyd list spiders; the cluster's default when empty.
   *
   * @return the spider listing timeout
   */
  public abstract Optional<Duration> spiderListingTimeout();

  /**
   * The node's TLS context, for example one that trusts a private certificate authority; the
   * cluster's ({@link ClusterClient.Builder#sslContext(SSLContext)}) when empty. The node then
   * gets an HTTP client of its own. Give it or {@link #httpClient()}, not both.
   *
   * @return the TLS context
   */
  public abstract Optional<SSLContext> sslContext();

  /**
   * An HTTP client of the caller's for this node only; the cluster's when empty. The cluster does
   * not close it. It must not follow redirects ({@code Redirect.NEVER}); the node's connect
   * timeout is then the HTTP client's own.
   *
   * @return the HTTP client
   */
  public abstract Optional<HttpClient> httpClient();

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
    httpClient().ifPresent(http -> Checks.noRedirects("node " + id() + ": httpClient", http));
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
    credentials().ifPresent(c -> text.append(", credentials=").append(c));
    connectTimeout().ifPresent(t -> text.append(", connectTimeout=").append(t));
    requestTimeout().ifPresent(t -> text.append(", requestTimeout=").append(t));
    spiderListingTimeout().ifPresent(t -> text.append(", spiderListingTimeout=").append(t));
    sslContext().ifPresent(t -> text.append(", sslContext=caller's"));
    httpClient().ifPresent(t -> text.append(", httpClient=caller's"));
    if (!tags().isEmpty()) {
      text.append(", tags=").append(tags());
    }
    capacity().ifPresent(c -> text.append(", capacity=").append(c));
    return text.append('}').toString();
  }

  /** Builds {@link Node} values. */
  public static final class Builder extends ImmutableNode.Builder {
    Builder() {}

    /**
     * Sets where the node is, from text.
     *
     * @param baseUri the base URI
     * @return this builder
     */
    public Builder baseUri(String baseUri) {
      String text = Checks.notBlank("baseUri", baseUri).strip();
      try {
        baseUri(new URI(text));
      } catch (URISyntaxException e) {
        throw Checks.badUri("baseUri", e); // its message quotes the input, password hidden
      }
      return this;
    }
  }
}
