package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydAsyncClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.internal.AsyncLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one async call on many nodes: at most the cluster's request limit in flight, each node's
 * call bounded by a per-node timeout and the whole by a deadline, down nodes not called, every
 * outcome recorded in the nodes' health.
 */
final class FanOutRunner {
  private final Membership membership;
  private final HealthTracker health;
  private final AsyncLimiter limiter;
  private final Executor executor;
  private final Runnable checkOpen;

  FanOutRunner(Membership membership, HealthTracker health, int maxConcurrentRequests,
      Executor executor, Runnable checkOpen) {
    this.membership = membership;
    this.health = health;
    this.limiter = new AsyncLimiter(maxConcurrentRequests);
    this.executor = executor;
    this.checkOpen = checkOpen;
  }

  <T> CompletableFuture<ClusterResult<T>> run(NodeFilter filter,
      Function<ScrapydAsyncClient, CompletableFuture<T>> operation, Duration perNode,
      Duration overall) {
    return runPerNode(filter, (node, async) -> operation.apply(async), perNode, overall);
  }

  /** The same, the operation also given the node it runs on. */
  <T> CompletableFuture<ClusterResult<T>> runPerNode(NodeFilter filter,
      BiFunction<Node, ScrapydAsyncClient, CompletableFuture<T>> operation, Duration perNode,
      Duration overall) {
    checkOpen.run();
    List<Member> targets = membership.select(filter);
    int n = targets.size();
    AtomicReferenceArray<NodeResult<T>> results = new AtomicReferenceArray<>(n);
    List<CompletableFuture<T>> calls = new ArrayList<>(Collections.nCopies(n, null));
    CompletableFuture<ClusterResult<T>> done = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(n);
    Runnable finish = () -> {
      List<NodeResult<T>> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(results.get(i));
      }
      done.complete(new ClusterResult<>(list));
    };
    if (n == 0) {
      finish.run();
      return done;
    }
    for (int i = 0; i < n; i++) {
      Member member = targets.get(i);
      int index = i;
      if (member.health.state() == NodeState.DOWN) {
        results.set(i, NodeResult.failure(member.node.id(), new NodeUnavailableException(
            "node " + member.node.id() + " is down; it is probed again after a cool-down",
            member.client.baseUri(), null)));
        if (remaining.decrementAndGet() == 0) {
          finish.run();
        }
        continue;
      }
      CompletableFuture<T> call = limiter.acquire().thenCompose(granted -> {
        if (done.isDone()) {
          limiter.release();
          return CompletableFuture.failedFuture(new CancellationException("deadline passed"));
        }
        CompletableFuture<T> sent;
        try {
          sent = java.util.Objects.requireNonNull(
              operation.apply(member.node, member.client.async()), "the call returned null");
        } catch (RuntimeException e) {
          limiter.release();
          return CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((value, error) -> limiter.release());
        return sent.orTimeout(perNode.toMillis(), TimeUnit.MILLISECONDS)
            .whenComplete((value, error) -> {
              if (unwrap(error) instanceof TimeoutException) {
                sent.cancel(true);
              }
            });
      });
      calls.set(i, call);
      call.whenComplete((value, error) -> {
        NodeResult<T> result = error == null
            ? NodeResult.success(member.node.id(), value)
            : NodeResult.failure(member.node.id(), asScrapyd(member, unwrap(error), perNode));
        if (results.compareAndSet(index, null, result)) {
          if (!(unwrap(error) instanceof CancellationException)) {
            health.record(member, error == null ? null : result.failure().get());
          }
          if (remaining.decrementAndGet() == 0) {
            finish.run();
          }
        }
      });
    }
    CompletableFuture.delayedExecutor(overall.toMillis(), TimeUnit.MILLISECONDS, executor)
        .execute(() -> {
          if (done.isDone()) {
            return;
          }
          for (int i = 0; i < n; i++) {
            Member member = targets.get(i);
            ScrapydTimeoutException late = new ScrapydTimeoutException(
                "node " + member.node.id() + " did not answer before the call's deadline of "
                    + overall.toMillis() + " ms", false, overall, member.client.baseUri(), null,
                null);
            if (results.compareAndSet(i, null, NodeResult.failure(member.node.id(), late))) {
              health.record(member, late);
              CompletableFuture<T> pending = calls.get(i);
              if (pending != null) {
                pending.cancel(true);
              }
            }
          }
          finish.run();
        });
    return done;
  }

  private static ScrapydException asScrapyd(Member member, Throwable error, Duration perNode) {
    if (error instanceof ScrapydException) {
      return (ScrapydException) error;
    }
    if (error instanceof TimeoutException) {
      return new ScrapydTimeoutException(
          "node " + member.node.id() + " did not answer within its fan-out timeout of "
              + perNode.toMillis() + " ms", false, perNode, member.client.baseUri(), null, error);
    }
    return new ScrapydException("node " + member.node.id() + " failed: " + error,
        member.client.baseUri(), null, null, error);
  }

  /** Waits for a future, throwing its failure as it is (not wrapped). */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw e;
    }
  }

  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
