package io.github.scrapyd4j.alerts;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert to several sinks in the background, so that the caller never waits for a
 * webhook: {@link #send} only queues the alert and returns. Each sink has its own lane (one
 * thread, started when needed and ended after 30 idle seconds, and a bounded queue), so a slow
 * or failing sink delays and fails only itself. A sink's failure is logged (WARN, logger {@code
 * io.github.scrapyd4j.alerts}) and counted; an alert that finds a sink's queue full is dropped for
 * that sink, logged and counted.
 *
 * <pre>{@code
 * try (AlertFanOut alerts = AlertFanOut.builder()
 *     .sink(LoggingAlertSink.create())
 *     .sink(WebhookAlertSink.builder(slackUrl).format(WebhookAlertSink.Format.SLACK).build())
 *     .build()) {
 *   alerts.send(alert);                 // returns at once
 * }                                     // close() delivers what is queued, for up to 10 s
 * }</pre>
 *
 * <p>Threads: at most one per sink. The fan-out does not close its sinks (they are the caller's).
 */
public final class AlertFanOut implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.alerts");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final List<Lane> lanes = new ArrayList<>();
  private final Duration closeTimeout;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private AlertFanOut(Builder b) {
    this.closeTimeout = b.closeTimeout;
    int instance = INSTANCES.incrementAndGet();
    for (int i = 0; i < b.sinks.size(); i++) {
      String name = "scrapyd4j-alerts-" + instance + "-" + i;
      lanes.add(new Lane(b.sinks.get(i), b.queueCapacity, name));
    }
  }

  /**
   * Starts building a fan-out.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Queues the alert for every sink and returns at once.
   *
   * @param alert the alert
   */
  @Override
  public void send(Alert alert) {
    Checks.notNull("alert", alert);
    for (Lane lane : lanes) {
      lane.offer(alert);
    }
  }

  /**
   * Deliveries that succeeded, over all sinks.
   *
   * @return the count
   */
  public long delivered() {
    return delivered.get();
  }

  /**
   * Deliveries a sink failed (it threw), over all sinks.
   *
   * @return the count
   */
  public long failed() {
    return failed.get();
  }

  /**
   * Deliveries dropped because a sink's queue was full or the fan-out closed.
   *
   * @return the count
   */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Stops taking alerts, delivers what is queued for up to the close timeout, then stops the
   * lanes (an alert still queued is dropped and counted). Does not close the sinks.
   */
  @Override
  public void close() {
    for (Lane lane : lanes) {
      lane.pool.shutdown();
    }
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    for (Lane lane : lanes) {
      try {
        long left = deadline - System.nanoTime();
        if (!lane.pool.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          int lost = lane.pool.shutdownNow().size();
          dropped.addAndGet(lost);
          LOG.warn("{} alert(s) for {} not delivered: the fan-out closed", lost, lane.sink);
        }
      } catch (InterruptedException e) {
        dropped.addAndGet(lane.pool.shutdownNow().size());
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    List<String> sinks = new ArrayList<>();
    for (Lane lane : lanes) {
      sinks.add(lane.sink.toString());
    }
    return "AlertFanOut" + sinks;
  }

  /** One sink, one thread, one bounded queue. */
  private final class Lane {
    final AlertSink sink;
    final ThreadPoolExecutor pool;

    Lane(AlertSink sink, int capacity, String name) {
      this.sink = sink;
      this.pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
    }

    void offer(Alert alert) {
      try {
        pool.execute(() -> deliver(alert));
      } catch (RejectedExecutionException e) {
        dropped.incrementAndGet();
        LOG.warn("alert {} '{}' dropped for {}: {}", alert.kind(), Redaction.uri(alert.title()),
            sink, pool.isShutdown() ? "the fan-out is closed" : "its queue is full");
      }
    }

    private void deliver(Alert alert) {
      try {
        sink.send(alert);
        delivered.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        LOG.warn("alert {} '{}' not delivered to {}: {}", alert.kind(),
            Redaction.uri(alert.title()), sink, Redaction.uri(String.valueOf(e.getMessage())));
      }
    }
  }

  /** Builds an {@link AlertFanOut}. */
  public static final class Builder {
    private final List<AlertSink> sinks = new ArrayList<>();
    private int queueCapacity = 1000;
    private Duration closeTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * Adds a sink.
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder sink(AlertSink sink) {
      sinks.add(Checks.notNull("sink", sink));
      return this;
    }

    /**
     * Adds sinks.
     *
     * @param sinks the sinks
     * @return this builder
     */
    public Builder sinks(List<? extends AlertSink> sinks) {
      Checks.notNull("sinks", sinks);
      for (AlertSink s : sinks) {
        sink(s);
      }
      return this;
    }

    /**
     * How many alerts may wait for one sink; more are dropped (and logged). Default: 1000.
     *
     * @param capacity the capacity, 1 or more
     * @return this builder
     */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be 1 or more, but was " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * How long {@link AlertFanOut#close()} waits for queued alerts. Default: 10 seconds.
     *
     * @param timeout the timeout, zero or more
     * @return this builder
     */
    public Builder closeTimeout(Duration timeout) {
      Checks.notNull("timeout", timeout);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must be zero or more, but was " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Builds.
     *
     * @return the fan-out
     * @throws IllegalStateException if no sink was added
     */
    public AlertFanOut build() {
      if (sinks.isEmpty()) {
        throw new IllegalStateException("an AlertFanOut needs at least one sink: call sink(...)");
      }
      return new AlertFanOut(this);
    }
  }
}
