package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.internal.Checks;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's nodes: each node's client (made from the node's options over the cluster's), adding
 * and removing nodes in use, and DNS discovery. Reads see an immutable snapshot; changes are
 * serialized.
 */
final class Membership {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);

  private final ClientOptions options;
  private final HttpClient sharedHttp;
  private final Executor executor;
  private final HealthPolicy healthPolicy;
  private final Clock clock;
  private final DnsDiscovery discovery;
  private final Object lock = new Object();
  private volatile Map<String, Member> members;

  /**
   * Makes the clients of the given nodes.
   *
   * @param options the cluster's options, every default filled in, the executor included
   * @param sharedHttp the HTTP client of the nodes that need none of their own
   * @param healthPolicy how each node's health is judged
   * @param clock the clock health timing is read from
   * @param discovery the DNS discovery, or null
   * @param nodes the nodes given explicitly
   */
  Membership(ClientOptions options, HttpClient sharedHttp, HealthPolicy healthPolicy, Clock clock,
      DnsDiscovery discovery, List<Node> nodes) {
    this.options = options;
    this.sharedHttp = sharedHttp;
    this.executor = options.executor().orElseThrow();
    this.healthPolicy = healthPolicy;
    this.clock = clock;
    this.discovery = discovery;
    Map<String, Member> initial = new LinkedHashMap<>();
    for (Node node : nodes) {
      initial.put(node.id(), newMember(node, false));
    }
    this.members = Collections.unmodifiableMap(initial);
  }

  private Member newMember(Node node, boolean discovered) {
    ClientOptions own = node.options();
    ClientOptions merged = own.withDefaults(options);
    boolean ownHttp = own.httpClient().isPresent() || own.sslContext().isPresent()
        || (options.httpClient().isEmpty()
            && !merged.connectTimeout().equals(options.connectTimeout()));
    ClientOptions.Builder used = ClientOptions.builder().from(merged);
    if (!ownHttp) {
      used.sslContext(Optional.empty()).httpClient(sharedHttp); // the cluster's, for every node
    }
    if (node.baseUri().getRawUserInfo() != null) {
      used.credentials(Optional.empty()); // those in the URI win
    }
    ScrapydClient client = ScrapydClient.builder()
        .baseUri(node.baseUri())
        .options(used.build())
        .build();
    return new Member(node, client, new NodeHealth(node.id(), healthPolicy, clock.instant()),
        discovered);
  }

  /** The nodes now, in order: an immutable snapshot. */
  Map<String, Member> current() {
    return members;
  }

  boolean hasDiscovery() {
    return discovery != null;
  }

  List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    for (Member member : members.values()) {
      nodes.add(member.node);
    }
    return Collections.unmodifiableList(nodes);
  }

  Optional<Node> node(String nodeId) {
    Member member = members.get(Checks.notBlank("nodeId", nodeId));
    return member == null ? Optional.empty() : Optional.of(member.node);
  }

  Member member(String nodeId) {
    Member member = members.get(Checks.notBlank("nodeId", nodeId));
    if (member == null) {
      throw new IllegalArgumentException(
          "the cluster has no node with id '" + nodeId + "'; its nodes are " + members.keySet());
    }
    return member;
  }

  List<Member> select(NodeFilter filter) {
    Checks.notNull("filter", filter);
    Map<String, Member> current = members;
    for (String id : filter.requiredIds()) {
      if (!current.containsKey(id)) {
        throw new IllegalArgumentException(
            "the cluster has no node with id '" + id + "'; its nodes are " + current.keySet());
      }
    }
    List<Member> selected = new ArrayList<>();
    for (Member member : current.values()) {
      if (filter.matches(member.node)) {
        selected.add(member);
      }
    }
    return selected;
  }

  void add(Node node) {
    synchronized (lock) {
      if (members.containsKey(node.id())) {
        throw new IllegalArgumentException(
            "the cluster already has a node with id '" + node.id() + "'");
      }
      Map<String, Member> next = new LinkedHashMap<>(members);
      next.put(node.id(), newMember(node, false));
      members = Collections.unmodifiableMap(next);
    }
    LOG.info("node {} added ({})", node.id(), Redaction.uri(node.baseUri()));
  }

  boolean remove(String nodeId) {
    Member removed;
    synchronized (lock) {
      removed = members.get(nodeId);
      if (removed == null) {
        return false;
      }
      Map<String, Member> next = new LinkedHashMap<>(members);
      next.remove(nodeId);
      members = Collections.unmodifiableMap(next);
    }
    LOG.info("node {} removed", nodeId);
    closeLater(removed.client);
    return true;
  }

  Set<String> refresh() {
    if (discovery == null) {
      throw new IllegalStateException("the cluster was built without a discovery");
    }
    List<Node> found;
    try {
      found = discovery.discover();
    } catch (UnknownHostException e) {
      throw new NodeUnavailableException(
          "DNS name " + discovery.host() + " does not resolve: " + e.getMessage(), null, e);
    }
    Set<String> ids = new LinkedHashSet<>();
    List<ScrapydClient> toClose = new ArrayList<>();
    synchronized (lock) {
      Map<String, Member> next = new LinkedHashMap<>();
      for (Member member : members.values()) {
        if (!member.discovered) {
          next.put(member.node.id(), member);
        }
      }
      for (Node node : found) {
        Member existing = members.get(node.id());
        if (next.containsKey(node.id())) {
          continue; // an explicit node with the same id wins
        }
        next.put(node.id(),
            existing != null && existing.discovered ? existing : newMember(node, true));
        ids.add(node.id());
      }
      for (Member member : members.values()) {
        if (member.discovered && !next.containsKey(member.node.id())) {
          toClose.add(member.client);
          LOG.info("node {} removed: its address is no longer in DNS", member.node.id());
        }
      }
      members = Collections.unmodifiableMap(next);
    }
    toClose.forEach(this::closeLater);
    return Collections.unmodifiableSet(ids);
  }

  void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("refreshing the cluster's nodes failed; keeping them as they are: {}",
          e.getMessage());
    }
  }

  private void closeLater(ScrapydClient client) {
    // Its calls in flight may still finish; its shared resources stay open.
    CompletableFuture.delayedExecutor(
        options.requestTimeout().orElseThrow().toMillis(), TimeUnit.MILLISECONDS, executor)
        .execute(client::close);
  }

  /** Closes every node's client. */
  void closeAll() {
    for (Member member : members.values()) {
      member.client.close();
    }
  }
}
