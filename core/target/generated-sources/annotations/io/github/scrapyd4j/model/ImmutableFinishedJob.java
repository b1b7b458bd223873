package io.github.scrapyd4j.model;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link FinishedJob}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new FinishedJob.Builder()}.
 */
@Generated(from = "FinishedJob", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableFinishedJob extends FinishedJob {
  private final String id;
  private final String project;
  private final String spider;
  private final LocalDateTime startTime;
  private final LocalDateTime endTime;
  private final URI logUrl;
  private final URI itemsUrl;

  private ImmutableFinishedJob(ImmutableFinishedJob.Builder builder) {
    this.id = builder.id;
    this.project = builder.project;
    this.spider = builder.spider;
    this.startTime = builder.startTime;
    this.endTime = builder.endTime;
    this.logUrl = builder.logUrl;
    this.itemsUrl = builder.itemsUrl;
  }

  /**
   * @return The value of the {@code id} attribute
   */
  @Override
  public String id() {
    return id;
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
   * @return The value of the {@code startTime} attribute
   */
  @Override
  public LocalDateTime startTime() {
    return startTime;
  }

  /**
   * @return The value of the {@code endTime} attribute
   */
  @Override
  public LocalDateTime endTime() {
    return endTime;
  }

  /**
   * @return The value of the {@code logUrl} attribute
   */
  @Override
  public Optional<URI> logUrl() {
    return Optional.ofNullable(logUrl);
  }

  /**
   * @return The value of the {@code itemsUrl} attribute
   */
  @Override
  public Optional<URI> itemsUrl() {
    return Optional.ofNullable(itemsUrl);
  }

  /**
   * This instance is equal to all instances of {@code ImmutableFinishedJob} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableFinishedJob
        && equalsByValue((ImmutableFinishedJob) another);
  }

  private boolean equalsByValue(ImmutableFinishedJob another) {
    return id.equals(another.id)
        && project.equals(another.project)
        && spider.equals(another.spider)
        && startTime.equals(another.startTime)
        && endTime.equals(another.endTime)
        && Objects.equals(logUrl, another.logUrl)
        && Objects.equals(itemsUrl, another.itemsUrl);
  }

  /**
   * Computes a hash code from attributes: {@code id}, {@code project}, {@code spider}, {@code startTime}, {@code endTime}, {@code logUrl}, {@code itemsUrl}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + id.hashCode();
    h += (h << 5) + project.hashCode();
    h += (h << 5) + spider.hashCode();
    h += (h << 5) + startTime.hashCode();
    h += (h << 5) + endTime.hashCode();
    h += (h << 5) + Objects.hashCode(logUrl);
    h += (h << 5) + Objects.hashCode(itemsUrl);
    return h;
  }

  /**
   * Prints the immutable value {@code FinishedJob} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("FinishedJob{");
    builder.append("id=").append(id);
    builder.append(", ");
    builder.append("project=").append(project);
    builder.append(", ");
    builder.append("spider=").append(spider);
    builder.append(", ");
    builder.append("startTime=").append(startTime);
    builder.append(", ");
    builder.append("endTime=").append(endTime);
    if (logUrl != null) {
      builder.append(", ");
      builder.append("logUrl=").append(logUrl);
    }
    if (itemsUrl != null) {
      builder.append(", ");
      builder.append("itemsUrl=").append(itemsUrl);
    }
    return builder.append("}").toString();
  }

  /**
   * Builds instances of type {@link FinishedJob FinishedJob}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "FinishedJob", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_ID = 0x1L;
    private static final long INIT_BIT_PROJECT = 0x2L;
    private static final long INIT_BIT_SPIDER = 0x4L;
    private static final long INIT_BIT_START_TIME = 0x8L;
    private static final long INIT_BIT_END_TIME = 0x10L;
    private long initBits = 0x1fL;

    private String id;
    private String project;
    private String spider;
    private LocalDateTime startTime;
    private LocalDateTime endTime;
    private URI logUrl;
    private URI itemsUrl;

    /**
     * Creates a builder for {@link FinishedJob FinishedJob} instances.
     * <pre>
     * new FinishedJob.Builder()
     *    .id(String) // required {@link FinishedJob#id() id}
     *    .project(String) // required {@link FinishedJob#project() project}
     *    .spider(String) // required {@link FinishedJob#spider() spider}
     *    .startTime(java.time.LocalDateTime) // required {@link FinishedJob#startTime() startTime}
     *    .endTime(java.time.LocalDateTime) // required {@link FinishedJob#endTime() endTime}
     *    .logUrl(Optional&lt;java.net.URI&gt;) // optional {@link FinishedJob#logUrl() logUrl}
     *    .itemsUrl(Optional&lt;java.net.URI&gt;) // optional {@link FinishedJob#itemsUrl() itemsUrl}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof FinishedJob.Builder)) {
        throw new UnsupportedOperationException("Use: new FinishedJob.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code io.github.scrapyd4j.model.FinishedJob} instance.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder from(FinishedJob instance) {
      Objects.requireNonNull(instance, "instance");
      mergeInternal(instance);
      return (FinishedJob.Builder) this;
    }

    /**
     * Fill a builder with attribute values from the provided {@code io.github.scrapyd4j.model.Job} instance.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder from(Job instance) {
      Objects.requireNonNull(instance, "instance");
      mergeInternal(instance);
      return (FinishedJob.Builder) this;
    }

    private void mergeInternal(Object object) {
      long bits = 0;
      if (object instanceof FinishedJob) {
        FinishedJob instance = (FinishedJob) object;
        Optional<URI> itemsUrlOptional = instance.itemsUrl();
        if (itemsUrlOptional.isPresent()) {
          itemsUrl(itemsUrlOptional);
        }
        this.startTime(instance.startTime());
        this.endTime(instance.endTime());
        Optional<URI> logUrlOptional = instance.logUrl();
        if (logUrlOptional.isPresent()) {
          logUrl(logUrlOptional);
        }
      }
      if (object instanceof Job) {
        Job instance = (Job) object;
        this.project(instance.project());
        this.spider(instance.spider());
        this.id(instance.id());
      }
    }

    /**
     * Initializes the value for the {@link FinishedJob#id() id} attribute.
     * @param id The value for id 
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      initBits &= ~INIT_BIT_ID;
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link FinishedJob#project() project} attribute.
     * @param project The value for project 
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      initBits &= ~INIT_BIT_PROJECT;
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link FinishedJob#spider() spider} attribute.
     * @param spider The value for spider 
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder spider(String spider) {
      this.spider = Objects.requireNonNull(spider, "spider");
      initBits &= ~INIT_BIT_SPIDER;
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link FinishedJob#startTime() startTime} attribute.
     * @param startTime The value for startTime 
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder startTime(LocalDateTime startTime) {
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      initBits &= ~INIT_BIT_START_TIME;
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link FinishedJob#endTime() endTime} attribute.
     * @param endTime The value for endTime 
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder endTime(LocalDateTime endTime) {
      this.endTime = Objects.requireNonNull(endTime, "endTime");
      initBits &= ~INIT_BIT_END_TIME;
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link FinishedJob#logUrl() logUrl} to logUrl.
     * @param logUrl The value for logUrl
     * @return {@code this} builder for chained invocation
     */
    public final FinishedJob.Builder logUrl(URI logUrl) {
      this.logUrl = Objects.requireNonNull(logUrl, "logUrl");
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link FinishedJob#logUrl() logUrl} to logUrl.
     * @param logUrl The value for logUrl
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder logUrl(Optional<? extends URI> logUrl) {
      this.logUrl = logUrl.orElse(null);
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link FinishedJob#itemsUrl() itemsUrl} to itemsUrl.
     * @param itemsUrl The value for itemsUrl
     * @return {@code this} builder for chained invocation
     */
    public final FinishedJob.Builder itemsUrl(URI itemsUrl) {
      this.itemsUrl = Objects.requireNonNull(itemsUrl, "itemsUrl");
      return (FinishedJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link FinishedJob#itemsUrl() itemsUrl} to itemsUrl.
     * @param itemsUrl The value for itemsUrl
     * @return {@code this} builder for use in a chained invocation
     */
    public final FinishedJob.Builder itemsUrl(Optional<? extends URI> itemsUrl) {
      this.itemsUrl = itemsUrl.orElse(null);
      return (FinishedJob.Builder) this;
    }

    /**
     * Builds a new {@link FinishedJob FinishedJob}.
     * @return An immutable instance of FinishedJob
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public FinishedJob build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableFinishedJob(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_ID) != 0) attributes.add("id");
      if ((initBits & INIT_BIT_PROJECT) != 0) attributes.add("project");
      if ((initBits & INIT_BIT_SPIDER) != 0) attributes.add("spider");
      if ((initBits & INIT_BIT_START_TIME) != 0) attributes.add("startTime");
      if ((initBits & INIT_BIT_END_TIME) != 0) attributes.add("endTime");
      return "Cannot build FinishedJob, some of required attributes are not set " + attributes;
    }
  }
}
