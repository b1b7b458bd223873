package io.github.scrapyd4j;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * When and how often the client retries a call that got no answer.
 *
 * <p>Only the read-only endpoints ({@code daemonstatus}, {@code listprojects}, {@code
 * listversions}, {@code listspiders}, {@code listjobs}, {@code status}) are ever retried, and only
 * after a {@link ScrapydConnectionException} or a {@link ScrapydTimeoutException}. Calls that
 * change state ({@code schedule}, {@code addversion}, {@code cancel}, {@code delversion}, {@code
 * delproject}) are never retried automatically: a retried {@code schedule} whose first attempt did
 * reach the server would start the crawl twice. Errors Scrapyd reports ({@link
 * ScrapydApiException}) are never retried: the same request gets the same answer.
 *
 * <p>The wait before retry {@code n} (1 for the first retry) is {@code initialBackoff *
 * multiplier^(n-1)}, capped at {@code maxBackoff}, then shortened by a random fraction of up to
 * {@code jitter} so that many clients do not retry in step.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder()
 *     .maxAttempts(5)
 *     .initialBackoff(Duration.ofMillis(500))
 *     .build();
 * ScrapydClient client = ScrapydClient.builder()
 *     .baseUri("http://localhost:6800")
 *     .retryPolicy(patient)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  RetryPolicy() {}

  /**
   * How many times a read-only call is tried in all, the first attempt included.
   *
   * @return attempts, 1 or more; 3 by default
   */
  @Value.Default
  public int maxAttempts() {
    return 3;
  }

  /**
   * The wait before the first retry.
   *
   * @return the first backoff; 200 ms by default
   */
  @Value.Default
  public Duration initialBackoff() {
    return Duration.ofMillis(200);
  }

  /**
   * The longest wait between two attempts.
   *
   * @return the backoff cap; 5 s by default
   */
  @Value.Default
  public Duration maxBackoff() {
    return Duration.ofSeconds(5);
  }

  /**
   * How much longer each wait is than the one before.
   *
   * @return the growth factor, 1 or more; 2 by default
   */
  @Value.Default
  public double multiplier() {
    return 2.0;
  }

  /**
   * The largest fraction by which a wait is randomly shortened.
   *
   * @return a fraction from 0 (no jitter) to 1; 0.5 by default
   */
  @Value.Default
  public double jitter() {
    return 0.5;
  }

  /**
   * The wait before a retry.
   *
   * @param retry which retry, 1 for the first
   * @param random a number in [0, 1), for example from {@code ThreadLocalRandom}
   * @return the wait
   */
  public Duration backoff(int retry, double random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be 1 or more, but was " + retry);
    }
    double base =
        Math.min(
            maxBackoff().toNanos(),
            initialBackoff().toNanos() * Math.pow(multiplier(), retry - 1.0));
    double jittered = base * (1.0 - jitter() * Math.min(Math.max(random, 0.0), 1.0));
    return Duration.ofNanos((long) jittered);
  }

  /**
   * The default policy: 3 attempts, waits from 200 ms doubling up to 5 s, 50% jitter.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A policy that never retries.
   *
   * @return a policy with a single attempt
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Starts a builder; unset values keep their defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    if (maxAttempts() < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more, but was " + maxAttempts());
    }
    if (initialBackoff().isNegative() || maxBackoff().isNegative()) {
      throw new IllegalArgumentException("initialBackoff and maxBackoff must not be negative");
    }
    if (maxBackoff().compareTo(initialBackoff()) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff (" + maxBackoff() + ") must not be shorter than initialBackoff ("
              + initialBackoff() + ")");
    }
    if (!(multiplier() >= 1.0) || Double.isInfinite(multiplier())) {
      throw new IllegalArgumentException("multiplier must be 1 or more, but was " + multiplier());
    }
    if (!(jitter() >= 0.0 && jitter() <= 1.0)) {
      throw new IllegalArgumentException("jitter must be from 0 to 1, but was " + jitter());
    }
  }

  /** Builds {@link RetryPolicy} values. */
  public static final class Builder extends ImmutableRetryPolicy.Builder {
    Builder() {}
  }
}
