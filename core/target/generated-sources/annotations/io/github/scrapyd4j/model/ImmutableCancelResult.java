package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link CancelResult}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new CancelResult.Builder()}.
 */
@Generated(from = "CancelResult", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableCancelResult extends CancelResult {
  private final String nodeName;
  private final String jobId;
  private final JobState previousState;

  private ImmutableCancelResult(ImmutableCancelResult.Builder builder) {
    this.nodeName = builder.nodeName;
    this.jobId = builder.jobId;
    this.previousState = builder.previousState;
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * @return The value of the {@code jobId} attribute
   */
  @Override
  public String jobId() {
    return jobId;
  }

  /**
   * @return The value of the {@code previousState} attribute
   */
  @Override
  public Optional<JobState> previousState() {
    return Optional.ofNullable(previousState);
  }

  /**
   * This instance is equal to all instances of {@code ImmutableCancelResult} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableCancelResult
        && equalsByValue((ImmutableCancelResult) another);
  }

  private boolean equalsByValue(ImmutableCancelResult another) {
    return nodeName.equals(another.nodeName)
        && jobId.equals(another.jobId)
        && Objects.equals(previousState, another.previousState);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code jobId}, {@code previousState}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + jobId.hashCode();
    h += (h << 5) + Objects.hashCode(previousState);
    return h;
  }

  /**
   * Prints the immutable value {@code CancelResult} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("CancelResult{");
    builder.append("nodeName=").append(nodeName);
    builder.append(", ");
    builder.append("jobId=").append(jobId);
    if (previousState != null) {
      builder.append(", ");
      builder.append("previousState=").append(previousState);
    }
    return builder.append("}").toString();
  }

  /**
   * Builds instances of type {@link CancelResult CancelResult}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "CancelResult", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private static final long INIT_BIT_JOB_ID = 0x2L;
    private long initBits = 0x3L;

    private String nodeName;
    private String jobId;
    private JobState previousState;

    /**
     * Creates a builder for {@link CancelResult CancelResult} instances.
     * <pre>
     * new CancelResult.Builder()
     *    .nodeName(String) // required {@link CancelResult#nodeName() nodeName}
     *    .jobId(String) // required {@link CancelResult#jobId() jobId}
     *    .previousState(Optional&lt;io.github.scrapyd4j.model.JobState&gt;) // optional {@link CancelResult#previousState() previousState}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof CancelResult.Builder)) {
        throw new UnsupportedOperationException("Use: new CancelResult.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code CancelResult} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final CancelResult.Builder from(CancelResult instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      this.jobId(instance.jobId());
      Optional<JobState> previousStateOptional = instance.previousState();
      if (previousStateOptional.isPresent()) {
        previousState(previousStateOptional);
      }
      return (CancelResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link CancelResult#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final CancelResult.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (CancelResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link CancelResult#jobId() jobId} attribute.
     * @param jobId The value for jobId 
     * @return {@code this} builder for use in a chained invocation
     */
    public final CancelResult.Builder jobId(String jobId) {
      this.jobId = Objects.requireNonNull(jobId, "jobId");
      initBits &= ~INIT_BIT_JOB_ID;
      return (CancelResult.Builder) this;
    }

    /**
     * Initializes the optional value {@link CancelResult#previousState() previousState} to previousState.
     * @param previousState The value for previousState
     * @return {@code this} builder for chained invocation
     */
    public final CancelResult.Builder previousState(JobState previousState) {
      this.previousState = Objects.requireNonNull(previousState, "previousState");
      return (CancelResult.Builder) this;
    }

    /**
     * Initializes the optional value {@link CancelResult#previousState() previousState} to previousState.
     * @param previousState The value for previousState
     * @return {@code this} builder for use in a chained invocation
     */
    public final CancelResult.Builder previousState(Optional<? extends JobState> previousState) {
      this.previousState = previousState.orElse(null);
      return (CancelResult.Builder) this;
    }

    /**
     * Builds a new {@link CancelResult CancelResult}.
     * @return An immutable instance of CancelResult
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public CancelResult build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableCancelResult(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      if ((initBits & INIT_BIT_JOB_ID) != 0) attributes.add("jobId");
      return "Cannot build CancelResult, some of required attributes are not set " + attributes;
    }
  }
}
