package io.github.scrapyd4j.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Bounds the async requests in flight without blocking a thread: past the limit, a request waits
 * in a FIFO queue until one in flight ends.
 */
public final class AsyncLimiter {
  private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);

  private final int max;
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int inFlight;

  public AsyncLimiter(int max) {
    this.max = max;
  }

  /** A future that completes when the caller may send; it must call {@link #release()} after. */
  public CompletableFuture<Void> acquire() {
    synchronized (this) {
      if (inFlight < max) {
        inFlight++;
        return GRANTED;
      }
      CompletableFuture<Void> turn = new CompletableFuture<>();
      waiting.add(turn);
      return turn;
    }
  }

  public void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    next.complete(null); // the permit passes straight to the next in line
  }

  public synchronized int inFlight() {
    return inFlight;
  }
}
