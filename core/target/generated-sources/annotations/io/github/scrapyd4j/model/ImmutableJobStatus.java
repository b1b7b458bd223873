package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link JobStatus}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new JobStatus.Builder()}.
 */
@Generated(from = "JobStatus", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableJobStatus extends JobStatus {
  private final String nodeName;
  private final String jobId;
  private final JobState state;

  private ImmutableJobStatus(ImmutableJobStatus.Builder builder) {
    this.nodeName = builder.nodeName;
    this.jobId = builder.jobId;
    this.state = builder.state;
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
   * @return The value of the {@code state} attribute
   */
  @Override
  public Optional<JobState> state() {
    return Optional.ofNullable(state);
  }

  /**
   * This instance is equal to all instances of {@code ImmutableJobStatus} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableJobStatus
        && equalsByValue((ImmutableJobStatus) another);
  }

  private boolean equalsByValue(ImmutableJobStatus another) {
    return nodeName.equals(another.nodeName)
        && jobId.equals(another.jobId)
        && Objects.equals(state, another.state);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code jobId}, {@code state}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + jobId.hashCode();
    h += (h << 5) + Objects.hashCode(state);
    return h;
  }

  /**
   * Prints the immutable value {@code JobStatus} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("JobStatus{");
    builder.append("nodeName=").append(nodeName);
    builder.append(", ");
    builder.append("jobId=").append(jobId);
    if (state != null) {
      builder.append(", ");
      builder.append("state=").append(state);
    }
    return builder.append("}").toString();
  }

  /**
   * Builds instances of type {@link JobStatus JobStatus}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "JobStatus", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private static final long INIT_BIT_JOB_ID = 0x2L;
    private long initBits = 0x3L;

    private String nodeName;
    private String jobId;
    private JobState state;

    /**
     * Creates a builder for {@link JobStatus JobStatus} instances.
     * <pre>
     * new JobStatus.Builder()
     *    .nodeName(String) // required {@link JobStatus#nodeName() nodeName}
     *    .jobId(String) // required {@link JobStatus#jobId() jobId}
     *    .state(Optional&lt;io.github.scrapyd4j.model.JobState&gt;) // optional {@link JobStatus#state() state}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof JobStatus.Builder)) {
        throw new UnsupportedOperationException("Use: new JobStatus.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code JobStatus} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobStatus.Builder from(JobStatus instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      this.jobId(instance.jobId());
      Optional<JobState> stateOptional = instance.state();
      if (stateOptional.isPresent()) {
        state(stateOptional);
      }
      return (JobStatus.Builder) this;
    }

    /**
     * Initializes the value for the {@link JobStatus#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobStatus.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (JobStatus.Builder) this;
    }

    /**
     * Initializes the value for the {@link JobStatus#jobId() jobId} attribute.
     * @param jobId The value for jobId 
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobStatus.Builder jobId(String jobId) {
      this.jobId = Objects.requireNonNull(jobId, "jobId");
      initBits &= ~INIT_BIT_JOB_ID;
      return (JobStatus.Builder) this;
    }

    /**
     * Initializes the optional value {@link JobStatus#state() state} to state.
     * @param state The value for state
     * @return {@code this} builder for chained invocation
     */
    public final JobStatus.Builder state(JobState state) {
      this.state = Objects.requireNonNull(state, "state");
      return (JobStatus.Builder) this;
    }

    /**
     * Initializes the optional value {@link JobStatus#state() state} to state.
     * @param state The value for state
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobStatus.Builder state(Optional<? extends JobState> state) {
      this.state = state.orElse(null);
      return (JobStatus.Builder) this;
    }

    /**
     * Builds a new {@link JobStatus JobStatus}.
     * @return An immutable instance of JobStatus
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public JobStatus build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableJobStatus(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      if ((initBits & INIT_BIT_JOB_ID) != 0) attributes.add("jobId");
      return "Cannot build JobStatus, some of required attributes are not set " + attributes;
    }
  }
}
