package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link ScheduleResult}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new ScheduleResult.Builder()}.
 */
@Generated(from = "ScheduleResult", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableScheduleResult extends ScheduleResult {
  private final String nodeName;
  private final String jobId;
  private final String project;
  private final String spider;

  private ImmutableScheduleResult(ImmutableScheduleResult.Builder builder) {
    this.nodeName = builder.nodeName;
    this.jobId = builder.jobId;
    this.project = builder.project;
    this.spider = builder.spider;
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
   * @return The value of the {@code project} attribute
   */
  @Override
  public String project() {
    return project;
  }

  /**
   * @return The value of the {@code spider} attribute
   */
  @Override
  public String spider() {
    return spider;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableScheduleResult} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableScheduleResult
        && equalsByValue((ImmutableScheduleResult) another);
  }

  private boolean equalsByValue(ImmutableScheduleResult another) {
    return nodeName.equals(another.nodeName)
        && jobId.equals(another.jobId)
        && project.equals(another.project)
        && spider.equals(another.spider);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code jobId}, {@code project}, {@code spider}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + jobId.hashCode();
    h += (h << 5) + project.hashCode();
    h += (h << 5) + spider.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code ScheduleResult} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "ScheduleResult{"
        + "nodeName=" + nodeName
        + ", jobId=" + jobId
        + ", project=" + project
        + ", spider=" + spider
        + "}";
  }

  /**
   * Builds instances of type {@link ScheduleResult ScheduleResult}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "ScheduleResult", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private static final long INIT_BIT_JOB_ID = 0x2L;
    private static final long INIT_BIT_PROJECT = 0x4L;
    private static final long INIT_BIT_SPIDER = 0x8L;
    private long initBits = 0xfL;

    private String nodeName;
    private String jobId;
    private String project;
    private String spider;

    /**
     * Creates a builder for {@link ScheduleResult ScheduleResult} instances.
     * <pre>
     * new ScheduleResult.Builder()
     *    .nodeName(String) // required {@link ScheduleResult#nodeName() nodeName}
     *    .jobId(String) // required {@link ScheduleResult#jobId() jobId}
     *    .project(String) // required {@link ScheduleResult#project() project}
     *    .spider(String) // required {@link ScheduleResult#spider() spider}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof ScheduleResult.Builder)) {
        throw new UnsupportedOperationException("Use: new ScheduleResult.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code ScheduleResult} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleResult.Builder from(ScheduleResult instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      this.jobId(instance.jobId());
      this.project(instance.project());
      this.spider(instance.spider());
      return (ScheduleResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link ScheduleResult#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleResult.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (ScheduleResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link ScheduleResult#jobId() jobId} attribute.
     * @param jobId The value for jobId 
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleResult.Builder jobId(String jobId) {
      this.jobId = Objects.requireNonNull(jobId, "jobId");
      initBits &= ~INIT_BIT_JOB_ID;
      return (ScheduleResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link ScheduleResult#project() project} attribute.
     * @param project The value for project 
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleResult.Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      initBits &= ~INIT_BIT_PROJECT;
      return (ScheduleResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link ScheduleResult#spider() spider} attribute.
     * @param spider The value for spider 
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleResult.Builder spider(String spider) {
      this.spider = Objects.requireNonNull(spider, "spider");
      initBits &= ~INIT_BIT_SPIDER;
      return (ScheduleResult.Builder) this;
    }

    /**
     * Builds a new {@link ScheduleResult ScheduleResult}.
     * @return An immutable instance of ScheduleResult
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public ScheduleResult build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableScheduleResult(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      if ((initBits & INIT_BIT_JOB_ID) != 0) attributes.add("jobId");
      if ((initBits & INIT_BIT_PROJECT) != 0) attributes.add("project");
      if ((initBits & INIT_BIT_SPIDER) != 0) attributes.add("spider");
      return "Cannot build ScheduleResult, some of required attributes are not set " + attributes;
    }
  }
}
