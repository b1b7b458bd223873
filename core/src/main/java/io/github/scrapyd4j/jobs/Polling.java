package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How a wait or a follow polls a node: the first interval, how it grows while nothing changes, its
 * cap, how long a job may stay unknown to the node before the wait gives up, and how many failed
 * polls in a row are tolerated.
 *
 * <pre>{@code
 * Polling quick = Polling.builder()
 *     .initialInterval(Duration.ofMillis(500))
 *     .maxInterval(Duration.ofSeconds(5))
 *     .build();
 * Jobs jobs = Jobs.builder(client).polling(quick).build();   // waits, follows
 * }</pre>
 *
 * <p>The interval starts at {@link #initialInterval()}, is multiplied by {@link #multiplier()}
 * after each poll that saw no change, never exceeds {@link #maxInterval()}, and starts over when
 * the job changes state (or, when following a log, when new bytes arrive).
 */
@Value.Immutable
@ScrapydStyle
public abstract class Polling {
  private static final Polling DEFAULTS = builder().build();

  Polling() {}

  /**
   * The wait before the second poll, and after any change.
   *
   * @return the first interval; 1 s by default
   */
  @Value.Default
  public Duration initialInterval() {
    return Duration.ofSeconds(1);
  }

  /**
   * The longest wait between two polls.
   *
   * @return the cap; 15 s by default
   */
  @Value.Default
  public Duration maxInterval() {
    return Duration.ofSeconds(15);
  }

  /**
   * How much longer each interval is than the one before while nothing changes.
   *
   * @return the growth factor, 1 or more; 1.5 by default
   */
  @Value.Default
  public double multiplier() {
    return 1.5;
  }

  /**
   * How long a job may stay unknown to its node (no state in {@code status.json}, not in {@code
   * listjobs.json}) before a wait ends with {@link JobVanishedException}. A job is pending from
   * the moment {@code schedule} answers, so an unknown job is gone: the node restarted with memory
   * job storage, the finished job aged out of {@code finished_to_keep}, or it was cancelled while
   * pending. At least two polls must find it unknown.
   *
   * @return the grace period; 15 s by default
   */
  @Value.Default
  public Duration vanishGrace() {
    return Duration.ofSeconds(15);
  }

  /**
   * How many polls in a row may fail with a {@link io.github.scrapyd4j.ScrapydTransportException}
   * (after the client's own retries) before the wait or follow fails with it. Other errors
   * (authentication, unexpected HTTP status) end it at once.
   *
   * @return failed polls tolerated, 0 or more; 3 by default
   */
  @Value.Default
  public int failureTolerance() {
    return 3;
  }

  /**
   * The interval after {@code current} when nothing changed.
   *
   * @param current the interval just used
   * @return the next interval, capped at {@link #maxInterval()}
   */
  public Duration next(Duration current) {
    double nanos = current.toNanos() * multiplier();
    long max = maxInterval().toNanos();
    return nanos >= max ? maxInterval() : Duration.ofNanos((long) nanos);
  }

  /**
   * The defaults: 1 s growing by 1.5 up to 15 s, 15 s of grace, 3 failures tolerated.
   *
   * @return the default polling
   */
  public static Polling defaults() {
    return DEFAULTS;
  }

  @Value.Check
  void check() {
    positive("initialInterval", initialInterval());
    positive("maxInterval", maxInterval());
    if (maxInterval().compareTo(initialInterval()) < 0) {
      throw new IllegalArgumentException("maxInterval (" + maxInterval()
          + ") must not be shorter than initialInterval (" + initialInterval() + ")");
    }
    if (!(multiplier() >= 1.0) || Double.isInfinite(multiplier())) {
      throw new IllegalArgumentException("multiplier must be 1 or more, but was " + multiplier());
    }
    if (vanishGrace().isNegative()) {
      throw new IllegalArgumentException("vanishGrace must not be negative, but was " + vanishGrace());
    }
    if (failureTolerance() < 0) {
      throw new IllegalArgumentException(
          "failureTolerance must be 0 or more, but was " + failureTolerance());
    }
  }

  private static void positive(String name, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Polling} values. */
  public static final class Builder extends ImmutablePolling.Builder {
    Builder() {}
  }
}
