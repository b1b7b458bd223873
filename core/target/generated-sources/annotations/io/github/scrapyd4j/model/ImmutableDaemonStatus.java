package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link DaemonStatus}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new DaemonStatus.Builder()}.
 */
@Generated(from = "DaemonStatus", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableDaemonStatus extends DaemonStatus {
  private final String nodeName;
  private final int pending;
  private final int running;
  private final int finished;

  private ImmutableDaemonStatus(ImmutableDaemonStatus.Builder builder) {
    this.nodeName = builder.nodeName;
    this.pending = builder.pending;
    this.running = builder.running;
    this.finished = builder.finished;
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * @return The value of the {@code pending} attribute
   */
  @Override
  public int pending() {
    return pending;
  }

  /**
   * @return The value of the {@code running} attribute
   */
  @Override
  public int running() {
    return running;
  }

  /**
   * @return The value of the {@code finished} attribute
   */
  @Override
  public int finished() {
    return finished;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableDaemonStatus} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableDaemonStatus
        && equalsByValue((ImmutableDaemonStatus) another);
  }

  private boolean equalsByValue(ImmutableDaemonStatus another) {
    return nodeName.equals(another.nodeName)
        && pending == another.pending
        && running == another.running
        && finished == another.finished;
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code pending}, {@code running}, {@code finished}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + pending;
    h += (h << 5) + running;
    h += (h << 5) + finished;
    return h;
  }

  /**
   * Prints the immutable value {@code DaemonStatus} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "DaemonStatus{"
        + "nodeName=" + nodeName
        + ", pending=" + pending
        + ", running=" + running
        + ", finished=" + finished
        + "}";
  }

  /**
   * Builds instances of type {@link DaemonStatus DaemonStatus}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "DaemonStatus", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private static final long INIT_BIT_PENDING = 0x2L;
    private static final long INIT_BIT_RUNNING = 0x4L;
    private static final long INIT_BIT_FINISHED = 0x8L;
    private long initBits = 0xfL;

    private String nodeName;
    private int pending;
    private int running;
    private int finished;

    /**
     * Creates a builder for {@link DaemonStatus DaemonStatus} instances.
     * <pre>
     * new DaemonStatus.Builder()
     *    .nodeName(String) // required {@link DaemonStatus#nodeName() nodeName}
     *    .pending(int) // required {@link DaemonStatus#pending() pending}
     *    .running(int) // required {@link DaemonStatus#running() running}
     *    .finished(int) // required {@link DaemonStatus#finished() finished}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof DaemonStatus.Builder)) {
        throw new UnsupportedOperationException("Use: new DaemonStatus.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code DaemonStatus} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final DaemonStatus.Builder from(DaemonStatus instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      this.pending(instance.pending());
      this.running(instance.running());
      this.finished(instance.finished());
      return (DaemonStatus.Builder) this;
    }

    /**
     * Initializes the value for the {@link DaemonStatus#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final DaemonStatus.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (DaemonStatus.Builder) this;
    }

    /**
     * Initializes the value for the {@link DaemonStatus#pending() pending} attribute.
     * @param pending The value for pending 
     * @return {@code this} builder for use in a chained invocation
     */
    public final DaemonStatus.Builder pending(int pending) {
      this.pending = pending;
      initBits &= ~INIT_BIT_PENDING;
      return (DaemonStatus.Builder) this;
    }

    /**
     * Initializes the value for the {@link DaemonStatus#running() running} attribute.
     * @param running The value for running 
     * @return {@code this} builder for use in a chained invocation
     */
    public final DaemonStatus.Builder running(int running) {
      this.running = running;
      initBits &= ~INIT_BIT_RUNNING;
      return (DaemonStatus.Builder) this;
    }

    /**
     * Initializes the value for the {@link DaemonStatus#finished() finished} attribute.
     * @param finished The value for finished 
     * @return {@code this} builder for use in a chained invocation
     */
    public final DaemonStatus.Builder finished(int finished) {
      this.finished = finished;
      initBits &= ~INIT_BIT_FINISHED;
      return (DaemonStatus.Builder) this;
    }

    /**
     * Builds a new {@link DaemonStatus DaemonStatus}.
     * @return An immutable instance of DaemonStatus
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public DaemonStatus build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableDaemonStatus(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      if ((initBits & INIT_BIT_PENDING) != 0) attributes.add("pending");
      if ((initBits & INIT_BIT_RUNNING) != 0) attributes.add("running");
      if ((initBits & INIT_BIT_FINISHED) != 0) attributes.add("finished");
      return "Cannot build DaemonStatus, some of required attributes are not set " + attributes;
    }
  }
}
