package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.FanOut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** One Scrapyd node (a {@link ScrapydClient}) or several (a {@link ClusterClient}). */
final class Connection implements AutoCloseable {
  final List<ConnectionOptions.Endpoint> endpoints;
  final ScrapydClient single;
  final ClusterClient cluster;

  Connection(List<ConnectionOptions.Endpoint> endpoints, ScrapydClient single,
      ClusterClient cluster) {
    this.endpoints = endpoints;
    this.single = single;
    this.cluster = cluster;
  }

  boolean isCluster() {
    return cluster != null;
  }

  /** The project named by the first target, used when -p is not given. */
  Optional<String> targetProject() {
    return endpoints.get(0).project;
  }

  /**
   * The project to act on: the one given, else the target's.
   *
   * @throws IllegalArgumentException when there is neither
   */
  String project(String given) {
    if (given != null) {
      return given;
    }
    return targetProject().orElseThrow(() -> new IllegalArgumentException(
        "no project: give -p PROJECT (or set project = ... in the scrapy.cfg target)"));
  }

  /**
   * A read call on every node. On one node a failure is thrown; on several each node answers or
   * fails on its own.
   */
  <T> PerNode<T> read(Function<ScrapydClient, T> one, Function<FanOut, ClusterResult<T>> many) {
    PerNode<T> result = new PerNode<>();
    if (single != null) {
      result.values.put(endpoints.get(0).id, one.apply(single));
      return result;
    }
    ClusterResult<T> r = many.apply(cluster.fanOut());
    for (ConnectionOptions.Endpoint e : endpoints) {
      r.get(e.id).ifPresent(v -> result.values.put(e.id, v));
      ScrapydException f = r.failures().get(e.id);
      if (f != null) {
        result.failures.put(e.id, f);
      }
    }
    return result;
  }

  /** A call run on each node in turn (for calls the cluster does not fan out). */
  <T> PerNode<T> each(Function<ScrapydClient, T> call) {
    if (single != null) {
      return read(call, null);
    }
    PerNode<T> result = new PerNode<>();
    for (Map.Entry<String, ScrapydClient> e : cluster.clients().entrySet()) {
      try {
        result.values.put(e.getKey(), call.apply(e.getValue()));
      } catch (ScrapydException ex) {
        result.failures.put(e.getKey(), ex);
      }
    }
    return result;
  }

  @Override
  public void close() {
    if (single != null) {
      single.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Answers by node id, and failures by node id. */
  static final class PerNode<T> {
    final Map<String, T> values = new LinkedHashMap<>();
    final Map<String, ScrapydException> failures = new LinkedHashMap<>();
  }
}
