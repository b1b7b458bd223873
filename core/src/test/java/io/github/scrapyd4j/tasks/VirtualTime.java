package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.jobs.PollScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A timer and a clock on virtual time, for the scheduler's tests: what the scheduler (and the
 * waits it starts) schedule waits in a queue until the test moves the time, then runs on the test's
 * thread in due order. HTTP answers still arrive on the client's threads, so {@link #runUntil}
 * waits for them (a real-time guard against hangs, not a timing assertion).
 */
final class VirtualTime implements PollScheduler {
  private static final long HANG_GUARD_MILLIS = 20_000;
  private static final long SETTLE_NANOS = 150_000_000L;

  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private Instant now;
  private long seq;
  private long lastScheduled = System.nanoTime();
  private LongSupplier activity = () -> 0;
  private long lastActivity;

  VirtualTime(Instant start) {
    this.now = start;
  }

  private static final class Entry implements Comparable<Entry> {
    final Instant due;
    final long seq;
    final Runnable task;

    Entry(Instant due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Entry o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  @Override
  public synchronized void schedule(Duration delay, Runnable task) {
    queue.add(new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task));
    lastScheduled = System.nanoTime();
    notifyAll();
  }

  /**
   * A count that grows with work on other threads (such as the requests a stand-in node has
   * seen): {@link #runUntil} moves the clock forward only once it stayed the same for a while.
   */
  synchronized void watch(LongSupplier activity) {
    this.activity = activity;
  }

  synchronized Instant now() {
    return now;
  }

  Clock clock() {
    VirtualTime self = this;
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

  /** Runs the earliest task due at or before {@code limit}, moving the clock; false if none. */
  private boolean step(Instant limit) {
    return step(limit, false);
  }

  /**
   * As {@link #step(Instant)}; when {@code settle}, the clock is moved forward only once nothing
   * ran or was scheduled (and the watched
   * activity did not change) for 150 ms of real time (answers on other threads may still schedule earlier
   * work).
   */
  private boolean step(Instant limit, boolean settle) {
    Entry e;
    synchronized (this) {
      e = queue.peek();
      if (e == null || e.due.isAfter(limit)) {
        return false;
      }
      if (settle && e.due.isAfter(now)) {
        long seen = activity.getAsLong();
        if (seen != lastActivity) {
          lastActivity = seen;
          lastScheduled = System.nanoTime();
        }
        if (System.nanoTime() - lastScheduled < SETTLE_NANOS) {
          return false;
        }
      }
      queue.poll();
      if (e.due.isAfter(now)) {
        now = e.due;
      }
    }
    e.task.run();
    synchronized (this) {
      lastScheduled = System.nanoTime(); // what the task started may still be under way
    }
    return true;
  }

  /** Runs everything due up to {@code until} in order, then sets the clock to it. */
  void advanceTo(Instant until) {
    while (step(until)) {
      // keep going
    }
    synchronized (this) {
      if (until.isAfter(now)) {
        now = until;
      }
    }
  }

  void advance(Duration duration) {
    advanceTo(now().plus(duration));
  }

  /**
   * Runs due tasks (never past {@code limit}) until the condition holds, waiting for answers that
   * arrive on other threads.
   */
  void runUntil(BooleanSupplier condition, Instant limit) {
    long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met by " + limit + " (virtual now " + now()
            + ") after " + HANG_GUARD_MILLIS + " ms of real time");
      }
      if (!step(limit, true)) {
        synchronized (this) {
          try {
            wait(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        }
      }
    }
  }
}
