package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.ScrapydTransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns each node's health from call outcomes and probes, and tells the listeners of changes.
 */
final class HealthTracker {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);

  private final Clock clock;
  private final Duration probeTimeout;
  private final List<NodeStateListener> listeners = new CopyOnWriteArrayList<>();

  HealthTracker(Clock clock, Duration probeTimeout, List<NodeStateListener> listeners) {
    this.clock = clock;
    this.probeTimeout = probeTimeout;
    this.listeners.addAll(listeners);
  }

  void addListener(NodeStateListener listener) {
    listeners.add(listener);
  }

  static Map<String, NodeState> states(Map<String, Member> members) {
    Map<String, NodeState> states = new LinkedHashMap<>();
    members.forEach((id, member) -> states.put(id, member.health.state()));
    return Collections.unmodifiableMap(states);
  }

  /** Probes the nodes whose probe is due and waits for the answers. */
  Set<String> check(Collection<Member> members) {
    Instant now = clock.instant();
    Set<String> probed = new LinkedHashSet<>();
    List<CompletableFuture<?>> probes = new ArrayList<>();
    for (Member member : members) {
      if (member.health.probeDue(now)) {
        probed.add(member.node.id());
        member.health.probing(now, probeTimeout);
        probes.add(member.client.async().daemonStatus()
            .handle((status, error) -> {
              record(member, error);
              return null;
            }));
      }
    }
    CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0])).join();
    return Collections.unmodifiableSet(probed);
  }

  /** Learns from a call's outcome: an answer means up, not reaching the node counts against it. */
  void record(Member member, Throwable error) {
    Throwable cause = FanOutRunner.unwrap(error);
    NodeStateChange change;
    if (cause == null || !countsAgainstHealth(cause)) {
      change = member.health.succeeded(clock.instant());
    } else {
      change = member.health.failed(clock.instant(), cause);
    }
    if (change != null) {
      if (change.current() == NodeState.UP) {
        LOG.info("node {} is up again", change.nodeId());
      } else {
        LOG.warn("node {} is {}: {}", change.nodeId(), change.current().name().toLowerCase(),
            change.cause().map(Throwable::getMessage).orElse(""));
      }
      for (NodeStateListener listener : listeners) {
        try {
          listener.onStateChange(change);
        } catch (RuntimeException e) {
          LOG.warn("a node state listener failed", e);
        }
      }
    }
  }

  private static boolean countsAgainstHealth(Throwable cause) {
    if (cause instanceof ScrapydTransportException) {
      return true;
    }
    return cause instanceof ScrapydHttpException
        && ((ScrapydHttpException) cause).statusCode() >= 500;
  }
}
