package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.internal.Checks;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Nodes from a DNS name that resolves to many addresses (every A and AAAA record), as a
 * Kubernetes headless service gives: one node per address, with the id {@code address:port}.
 *
 * <pre>{@code
 * ClusterClient cluster = ClusterClient.builder()
 *     .discovery(DnsDiscovery.builder("scrapyd.crawl.svc.cluster.local")
 *         .port(6800)
 *         .refreshInterval(Duration.ofMinutes(1))
 *         .tags("k8s")
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>The name is resolved when the cluster is built, on {@link ClusterClient#refreshNodes()}, and
 * every {@code refreshInterval} if one is set. Addresses that appear become nodes; nodes whose
 * address is gone are removed. Nodes given explicitly are never touched. Note that TLS host-name
 * checks fail against bare addresses: use {@code http} inside the cluster network, or a resolver
 * that returns names.
 */
public final class DnsDiscovery {
  /** Resolves a host name to its addresses; replaceable for tests. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * All addresses of a host.
     *
     * @param host the host name
     * @return its addresses
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private final String host;
  private final String scheme;
  private final int port;
  private final String pathPrefix;
  private final Set<String> tags;
  private final Duration refreshInterval;
  private final Resolver resolver;

  private DnsDiscovery(Builder builder) {
    this.host = builder.host;
    this.scheme = builder.scheme;
    this.port = builder.port;
    this.pathPrefix = builder.pathPrefix;
    this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
    this.refreshInterval = builder.refreshInterval;
    this.resolver = builder.resolver;
  }

  /**
   * Starts a discovery of the nodes behind a DNS name.
   *
   * @param host the DNS name
   * @return a builder
   */
  public static Builder builder(String host) {
    return new Builder(Checks.notBlank("host", host));
  }

  /**
   * The DNS name.
   *
   * @return the host name
   */
  public String host() {
    return host;
  }

  /**
   * How often the cluster resolves the name again on its own.
   *
   * @return the interval, zero for only on {@link ClusterClient#refreshNodes()}
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * Resolves the name now.
   *
   * @return one node per address, ids {@code address:port}, in address order
   * @throws UnknownHostException when the name does not resolve
   */
  public List<Node> discover() throws UnknownHostException {
    List<InetAddress> addresses = new ArrayList<>(resolver.resolve(host));
    addresses.sort((a, b) -> Arrays.compare(a.getAddress(), b.getAddress()));
    List<Node> nodes = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (InetAddress address : addresses) {
      String literal = address instanceof Inet6Address
          ? "[" + address.getHostAddress().replaceAll("%.*$", "") + "]"
          : address.getHostAddress();
      String id = literal + ":" + port;
      if (seen.add(id)) {
        nodes.add(Node.builder()
            .id(id)
            .baseUri(URI.create(scheme + "://" + literal + ":" + port + pathPrefix))
            .tags(tags)
            .build());
      }
    }
    return nodes;
  }

  @Override
  public String toString() {
    return "DnsDiscovery{" + scheme + "://" + host + ":" + port + pathPrefix + "}";
  }

  /** Builds {@link DnsDiscovery} values. */
  public static final class Builder {
    private final String host;
    private String scheme = "http";
    private int port = 6800;
    private String pathPrefix = "/";
    private final List<String> tags = new ArrayList<>();
    private Duration refreshInterval = Duration.ZERO;
    private Resolver resolver = name -> Arrays.asList(InetAddress.getAllByName(name));

    private Builder(String host) {
      this.host = host;
    }

    /**
     * {@code http} (default) or {@code https}.
     *
     * @param scheme the scheme
     * @return this builder
     */
    public Builder scheme(String scheme) {
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("scheme must be http or https, but was '" + scheme + "'");
      }
      this.scheme = scheme;
      return this;
    }

    /**
     * The port Scrapyd listens on; 6800 by default.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be from 1 to 65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * A path prefix in front of Scrapyd's endpoints; {@code /} by default.
     *
     * @param pathPrefix the prefix, such as {@code /scrapyd/}
     * @return this builder
     */
    public Builder pathPrefix(String pathPrefix) {
      Checks.notNull("pathPrefix", pathPrefix);
      String prefix = pathPrefix.startsWith("/") ? pathPrefix : "/" + pathPrefix;
      this.pathPrefix = prefix.endsWith("/") ? prefix : prefix + "/";
      return this;
    }

    /**
     * Tags given to every discovered node.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(String... tags) {
      for (String tag : tags) {
        this.tags.add(Checks.notBlank("tag", tag));
      }
      return this;
    }

    /**
     * How often to resolve the name again; zero (the default) for only on request.
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder refreshInterval(Duration interval) {
      Checks.notNull("refreshInterval", interval);
      if (interval.isNegative()) {
        throw new IllegalArgumentException("refreshInterval must not be negative");
      }
      this.refreshInterval = interval;
      return this;
    }

    /**
     * How names are resolved; {@link InetAddress#getAllByName(String)} by default.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder resolver(Resolver resolver) {
      this.resolver = Checks.notNull("resolver", resolver);
      return this;
    }

    /**
     * Builds the discovery.
     *
     * @return the discovery
     */
    public DnsDiscovery build() {
      return new DnsDiscovery(this);
    }
  }
}
