package io.github.scrapyd4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link RetryPolicy}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new RetryPolicy.Builder()}.
 */
@Generated(from = "RetryPolicy", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableRetryPolicy extends RetryPolicy {
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final double jitter;

  private ImmutableRetryPolicy(ImmutableRetryPolicy.Builder builder) {
    if (builder.maxAttemptsIsSet()) {
      initShim.maxAttempts(builder.maxAttempts);
    }
    if (builder.initialBackoff != null) {
      initShim.initialBackoff(builder.initialBackoff);
    }
    if (builder.maxBackoff != null) {
      initShim.maxBackoff(builder.maxBackoff);
    }
    if (builder.multiplierIsSet()) {
      initShim.multiplier(builder.multiplier);
    }
    if (builder.jitterIsSet()) {
      initShim.jitter(builder.jitter);
    }
    this.maxAttempts = initShim.maxAttempts();
    this.initialBackoff = initShim.initialBackoff();
    this.maxBackoff = initShim.maxBackoff();
    this.multiplier = initShim.multiplier();
    this.jitter = initShim.jitter();
    this.initShim = null;
  }

  private static final byte STAGE_INITIALIZING = -1;
  private static final byte STAGE_UNINITIALIZED = 0;
  private static final byte STAGE_INITIALIZED = 1;
  private transient volatile InitShim initShim = new InitShim();

  @Generated(from = "RetryPolicy", generator = "Immutables")
  private final class InitShim {
    private byte maxAttemptsBuildStage = STAGE_UNINITIALIZED;
    private int maxAttempts;

    int maxAttempts() {
      if (maxAttemptsBuildStage == STAGE_INITIALIZING) throw new IllegalStateException(formatInitCycleMessage());
      if (maxAttemptsBuildStage == STAGE_UNINITIALIZED) {
        maxAttemptsBuildStage = STAGE_INITIALIZING;
        int computedValue = ImmutableRetryPolicy.super.maxAttempts();
        this.maxAttempts = computedValue;
        maxAttemptsBuildStage = STAGE_INITIALIZED;
      }
      return this.maxAttempts;
    }

    void maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      maxAttemptsBuildStage = STAGE_INITIALIZED;
    }

    private byte initialBackoffBuildStage = STAGE_UNINITIALIZED;
    private Duration initialBackoff;

    Duration initialBackoff() {
      if (initialBackoffBuildStage == STAGE_INITIALIZING) throw new IllegalStateException(formatInitCycleMessage());
      if (initialBackoffBuildStage == STAGE_UNINITIALIZED) {
        initialBackoffBuildStage = STAGE_INITIALIZING;
        Duration computedValue = ImmutableRetryPolicy.super.initialBackoff();
        this.initialBackoff = Objects.requireNonNull(computedValue, "initialBackoff");
        initialBackoffBuildStage = STAGE_INITIALIZED;
      }
      return this.initialBackoff;
    }

    void initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      initialBackoffBuildStage = STAGE_INITIALIZED;
    }

    private byte maxBackoffBuildStage = STAGE_UNINITIALIZED;
    private Duration maxBackoff;

    Duration maxBackoff() {
      if (maxBackoffBuildStage == STAGE_INITIALIZING) throw new IllegalStateException(formatInitCycleMessage());
      if (maxBackoffBuildStage == STAGE_UNINITIALIZED) {
        maxBackoffBuildStage = STAGE_INITIALIZING;
        Duration computedValue = ImmutableRetryPolicy.super.maxBackoff();
        this.maxBackoff = Objects.requireNonNull(computedValue, "maxBackoff");
        maxBackoffBuildStage = STAGE_INITIALIZED;
      }
      return this.maxBackoff;
    }

    void maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      maxBackoffBuildStage = STAGE_INITIALIZED;
    }

    private byte multiplierBuildStage = STAGE_UNINITIALIZED;
    private double multiplier;

    double multiplier() {
      if (multiplierBuildStage == STAGE_INITIALIZING) throw new IllegalStateException(formatInitCycleMessage());
      if (multiplierBuildStage == STAGE_UNINITIALIZED) {
        multiplierBuildStage = STAGE_INITIALIZING;
        double computedValue = ImmutableRetryPolicy.super.multiplier();
        this.multiplier = computedValue;
        multiplierBuildStage = STAGE_INITIALIZED;
      }
      return this.multiplier;
    }

    void multiplier(double multiplier) {
      this.multiplier = multiplier;
      multiplierBuildStage = STAGE_INITIALIZED;
    }

    private byte jitterBuildStage = STAGE_UNINITIALIZED;
    private double jitter;

    double jitter() {
      if (jitterBuildStage == STAGE_INITIALIZING) throw new IllegalStateException(formatInitCycleMessage());
      if (jitterBuildStage == STAGE_UNINITIALIZED) {
        jitterBuildStage = STAGE_INITIALIZING;
        double computedValue = ImmutableRetryPolicy.super.jitter();
        this.jitter = computedValue;
        jitterBuildStage = STAGE_INITIALIZED;
      }
      return this.jitter;
    }

    void jitter(double jitter) {
      this.jitter = jitter;
      jitterBuildStage = STAGE_INITIALIZED;
    }

    private String formatInitCycleMessage() {
      List<String> attributes = new ArrayList<>();
      if (maxAttemptsBuildStage == STAGE_INITIALIZING) attributes.add("maxAttempts");
      if (initialBackoffBuildStage == STAGE_INITIALIZING) attributes.add("initialBackoff");
      if (maxBackoffBuildStage == STAGE_INITIALIZING) attributes.add("maxBackoff");
      if (multiplierBuildStage == STAGE_INITIALIZING) attributes.add("multiplier");
      if (jitterBuildStage == STAGE_INITIALIZING) attributes.add("jitter");
      return "Cannot build RetryPolicy, attribute initializers form cycle " + attributes;
    }
  }

  /**
   * @return The value of the {@code maxAttempts} attribute
   */
  @Override
  public int maxAttempts() {
    InitShim shim = this.initShim;
    return shim != null
        ? shim.maxAttempts()
        : this.maxAttempts;
  }

  /**
   * @return The value of the {@code initialBackoff} attribute
   */
  @Override
  public Duration initialBackoff() {
    InitShim shim = this.initShim;
    return shim != null
        ? shim.initialBackoff()
        : this.initialBackoff;
  }

  /**
   * @return The value of the {@code maxBackoff} attribute
   */
  @Override
  public Duration maxBackoff() {
    InitShim shim = this.initShim;
    return shim != null
        ? shim.maxBackoff()
        : this.maxBackoff;
  }

  /**
   * @return The value of the {@code multiplier} attribute
   */
  @Override
  public double multiplier() {
    InitShim shim = this.initShim;
    return shim != null
        ? shim.multiplier()
        : this.multiplier;
  }

  /**
   * @return The value of the {@code jitter} attribute
   */
  @Override
  public double jitter() {
    InitShim shim = this.initShim;
    return shim != null
        ? shim.jitter()
        : this.jitter;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableRetryPolicy} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableRetryPolicy
        && equalsByValue((ImmutableRetryPolicy) another);
  }

  private boolean equalsByValue(ImmutableRetryPolicy another) {
    return maxAttempts == another.maxAttempts
        && initialBackoff.equals(another.initialBackoff)
        && maxBackoff.equals(another.maxBackoff)
        && Double.doubleToLongBits(multiplier) == Double.doubleToLongBits(another.multiplier)
        && Double.doubleToLongBits(jitter) == Double.doubleToLongBits(another.jitter);
  }

  /**
   * Computes a hash code from attributes: {@code maxAttempts}, {@code initialBackoff}, {@code maxBackoff}, {@code multiplier}, {@code jitter}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + maxAttempts;
    h += (h << 5) + initialBackoff.hashCode();
    h += (h << 5) + maxBackoff.hashCode();
    h += (h << 5) + Double.hashCode(multiplier);
    h += (h << 5) + Double.hashCode(jitter);
    return h;
  }

  /**
   * Prints the immutable value {@code RetryPolicy} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "RetryPolicy{"
        + "maxAttempts=" + maxAttempts
        + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff
        + ", multiplier=" + multiplier
        + ", jitter=" + jitter
        + "}";
  }

  private static ImmutableRetryPolicy validate(ImmutableRetryPolicy instance) {
    instance.check();
    return instance;
  }

  /**
   * Builds instances of type {@link RetryPolicy RetryPolicy}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "RetryPolicy", generator = "Immutables")
  public static class Builder {
    private static final long OPT_BIT_MAX_ATTEMPTS = 0x1L;
    private static final long OPT_BIT_MULTIPLIER = 0x2L;
    private static final long OPT_BIT_JITTER = 0x4L;
    private long optBits;

    private int maxAttempts;
    private Duration initialBackoff;
    private Duration maxBackoff;
    private double multiplier;
    private double jitter;

    /**
     * Creates a builder for {@link RetryPolicy RetryPolicy} instances.
     * <pre>
     * new RetryPolicy.Builder()
     *    .maxAttempts(int) // optional {@link RetryPolicy#maxAttempts() maxAttempts}
     *    .initialBackoff(java.time.Duration) // optional {@link RetryPolicy#initialBackoff() initialBackoff}
     *    .maxBackoff(java.time.Duration) // optional {@link RetryPolicy#maxBackoff() maxBackoff}
     *    .multiplier(double) // optional {@link RetryPolicy#multiplier() multiplier}
     *    .jitter(double) // optional {@link RetryPolicy#jitter() jitter}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof RetryPolicy.Builder)) {
        throw new UnsupportedOperationException("Use: new RetryPolicy.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code RetryPolicy} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final RetryPolicy.Builder from(RetryPolicy instance) {
      Objects.requireNonNull(instance, "instance");
      this.maxAttempts(instance.maxAttempts());
      this.initialBackoff(instance.initialBackoff());
      this.maxBackoff(instance.maxBackoff());
      this.multiplier(instance.multiplier());
      this.jitter(instance.jitter());
      return (RetryPolicy.Builder) this;
    }

    /**
     * Initializes the value for the {@link RetryPolicy#maxAttempts() maxAttempts} attribute.
     * <p><em>If not set, this attribute will have a default value as returned by the initializer of {@link RetryPolicy#maxAttempts() maxAttempts}.</em>
     * @param maxAttempts The value for maxAttempts 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RetryPolicy.Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      optBits |= OPT_BIT_MAX_ATTEMPTS;
      return (RetryPolicy.Builder) this;
    }

    /**
     * Initializes the value for the {@link RetryPolicy#initialBackoff() initialBackoff} attribute.
     * <p><em>If not set, this attribute will have a default value as returned by the initializer of {@link RetryPolicy#initialBackoff() initialBackoff}.</em>
     * @param initialBackoff The value for initialBackoff 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RetryPolicy.Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
      return (RetryPolicy.Builder) this;
    }

    /**
     * Initializes the value for the {@link RetryPolicy#maxBackoff() maxBackoff} attribute.
     * <p><em>If not set, this attribute will have a default value as returned by the initializer of {@link RetryPolicy#maxBackoff() maxBackoff}.</em>
     * @param maxBackoff The value for maxBackoff 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RetryPolicy.Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
      return (RetryPolicy.Builder) this;
    }

    /**
     * Initializes the value for the {@link RetryPolicy#multiplier() multiplier} attribute.
     * <p><em>If not set, this attribute will have a default value as returned by the initializer of {@link RetryPolicy#multiplier() multiplier}.</em>
     * @param multiplier The value for multiplier 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RetryPolicy.Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      optBits |= OPT_BIT_MULTIPLIER;
      return (RetryPolicy.Builder) this;
    }

    /**
     * Initializes the value for the {@link RetryPolicy#jitter() jitter} attribute.
     * <p><em>If not set, this attribute will have a default value as returned by the initializer of {@link RetryPolicy#jitter() jitter}.</em>
     * @param jitter The value for jitter 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RetryPolicy.Builder jitter(double jitter) {
      this.jitter = jitter;
      optBits |= OPT_BIT_JITTER;
      return (RetryPolicy.Builder) this;
    }

    /**
     * Builds a new {@link RetryPolicy RetryPolicy}.
     * @return An immutable instance of RetryPolicy
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public RetryPolicy build() {
      return ImmutableRetryPolicy.validate(new ImmutableRetryPolicy(this));
    }

    private boolean maxAttemptsIsSet() {
      return (optBits & OPT_BIT_MAX_ATTEMPTS) != 0;
    }

    private boolean multiplierIsSet() {
      return (optBits & OPT_BIT_MULTIPLIER) != 0;
    }

    private boolean jitterIsSet() {
      return (optBits & OPT_BIT_JITTER) != 0;
    }
  }
}
