package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.FanOut;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/** One Scrapyd node (a {@link ScrapydClient}) or several (a {@link ClusterClient}). */
final class Connection implements AutoCloseable {
  final List<ConnectionOptions.Endpoint> endpoints;
  final ScrapydClient single;
  final ClusterClient cluster;
  /** How long one call may take in all, retries included (--call-timeout). */
  final Duration callTimeout;

  Connection(List<ConnectionOptions.Endpoint> endpoints, ScrapydClient single,
      ClusterClient cluster, Duration callTimeout) {
    this.endpoints = endpoints;
    this.single = single;
    this.cluster = cluster;
    this.callTimeout = callTimeout;
  }

  /**
   * Runs a call on one node within {@link #callTimeout}, its retries included: the client's
   * timeouts are per try, so a node that accepts connections but never answers would otherwise
   * take a timeout for each of its tries. On time, the call's thread is interrupted (which ends
   * the client's wait) and the call ends with a {@link ScrapydTimeoutException}.
   */
  <T> T bounded(ScrapydClient client, Function<ScrapydClient, T> call) {
    return bounded(client.baseUri(), callTimeout, " (--call-timeout)", () -> call.apply(client));
  }

  /**
   * {@link #bounded(ScrapydClient, Function)} for any call on the node at {@code uri};
   * {@code option} names what sets the timeout, for the message.
   */
  static <T> T bounded(URI uri, Duration timeout, String option, Supplier<T> call) {
    FutureTask<T> task = new FutureTask<>(call::get);
    Thread worker = new Thread(task, "scrapyd4j-call");
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new ScrapydTimeoutException(Redaction.uri(uri) + ": no answer within "
          + describe(timeout)
          + ", retries included" + option + "; the node may still act on the request",
          false, timeout, uri, null, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted", Scrapyd4jCommand.FAILED);
    }
  }

  /** 30s, 1.5s, 250ms. */
  static String describe(Duration d) {
    long millis = d.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis >= 1000 ? millis / 1000.0 + "s" : millis + "ms";
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
      result.values.put(endpoints.get(0).id, bounded(single, one));
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
        result.values.put(e.getKey(), bounded(e.getValue(), call));
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
