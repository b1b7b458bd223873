package io.github.scrapyd4j.jobs.support;

import io.github.scrapyd4j.jobs.PollScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link PollScheduler} on a virtual clock: tasks wait in a queue until the test runs them, and
 * running one moves the clock to its due time. Polling and backoff can so be checked exactly,
 * without waiting. HTTP answers still arrive on the client's threads: {@link #drive} waits (with a
 * real-time guard against hangs, not a timing assertion) until the expected number of tasks is
 * queued before running the earliest.
 */
public final class ManualScheduler implements PollScheduler {
  private static final long HANG_GUARD_MILLIS = 20_000;

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final List<Duration> delays = new ArrayList<>();
  private Instant now = Instant.parse("2026-11-23T18:00:00Z");
  private long seq;
  private int ran;

  private static final class Task implements Comparable<Task> {
    final Instant due;
    final long seq;
    final Runnable runnable;

    Task(Instant due, long seq, Runnable runnable) {
      this.due = due;
      this.seq = seq;
      this.runnable = runnable;
    }

    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  @Override
  public synchronized void schedule(Duration delay, Runnable task) {
    delays.add(delay);
    queue.add(new Task(now.plus(delay), seq++, task));
    notifyAll();
  }

  /** The delays asked for, in order. */
  public synchronized List<Duration> delays() {
    return new ArrayList<>(delays);
  }

  public synchronized int queued() {
    return queue.size();
  }

  public synchronized int ran() {
    return ran;
  }

  public synchronized Instant now() {
    return now;
  }

  /** A clock that reads the virtual time. */
  public Clock clock() {
    ManualScheduler self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return self.now();
      }
    };
  }

  /**
   * Waits until at least {@code minQueued} tasks are queued (or {@code until} is done), then runs
   * the earliest on this thread. Returns false when {@code until} completed first.
   */
  public boolean step(CompletableFuture<?> until, int minQueued) {
    Task task;
    synchronized (this) {
      long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
      while (queue.size() < minQueued && !until.isDone()) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("nothing was scheduled: " + queue.size() + " of " + minQueued
              + " tasks queued after " + HANG_GUARD_MILLIS + " ms");
        }
        try {
          wait(Math.min(left, 50));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      if (until.isDone()) {
        return false;
      }
      task = queue.poll();
      if (task.due.isAfter(now)) {
        now = task.due;
      }
      ran++;
    }
    task.runnable.run();
    return true;
  }

  /** Runs tasks until the future completes (at most {@code maxSteps}), keeping {@code minQueued}. */
  public <T> CompletableFuture<T> drive(CompletableFuture<T> future, int minQueued, int maxSteps) {
    future.whenComplete((v, e) -> {
      synchronized (this) {
        notifyAll();
      }
    });
    for (int i = 0; i < maxSteps; i++) {
      if (!step(future, minQueued)) {
        return future;
      }
    }
    throw new AssertionError("not done after " + maxSteps + " scheduled tasks");
  }

  /** {@link #drive(CompletableFuture, int, int)} with one task queued at a time. */
  public <T> CompletableFuture<T> drive(CompletableFuture<T> future) {
    return drive(future, 1, 500);
  }

  /** Runs the tasks queued now (not those they schedule), advancing the clock. */
  public void runQueued() {
    List<Task> tasks = new ArrayList<>();
    synchronized (this) {
      while (!queue.isEmpty()) {
        Task t = queue.poll();
        if (t.due.isAfter(now)) {
          now = t.due;
        }
        tasks.add(t);
        ran++;
      }
    }
    tasks.forEach(t -> t.runnable.run());
  }

  /** Waits until {@code n} tasks are queued (guarded against hangs). */
  public synchronized void awaitQueued(int n) {
    long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
    while (queue.size() < n) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("only " + queue.size() + " of " + n + " tasks queued");
      }
      try {
        wait(Math.min(left, 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
