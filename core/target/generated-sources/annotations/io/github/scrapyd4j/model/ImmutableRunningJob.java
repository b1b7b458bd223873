package io.github.scrapyd4j.model;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link RunningJob}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new RunningJob.Builder()}.
 */
@Generated(from = "RunningJob", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableRunningJob extends RunningJob {
  private final String id;
  private final String project;
  private final String spider;
  private final Integer pid;
  private final LocalDateTime startTime;
  private final URI logUrl;
  private final URI itemsUrl;

  private ImmutableRunningJob(ImmutableRunningJob.Builder builder) {
    this.id = builder.id;
    this.project = builder.project;
    this.spider = builder.spider;
    this.pid = builder.pid;
    this.startTime = builder.startTime;
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
   * @return The value of the {@code pid} attribute
   */
  @Override
  public OptionalInt pid() {
    return pid != null
        ? OptionalInt.of(pid)
        : OptionalInt.empty();
  }

  /**
   * @return The value of the {@code startTime} attribute
   */
  @Override
  public LocalDateTime startTime() {
    return startTime;
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
   * This instance is equal to all instances of {@code ImmutableRunningJob} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableRunningJob
        && equalsByValue((ImmutableRunningJob) another);
  }

  private boolean equalsByValue(ImmutableRunningJob another) {
    return id.equals(another.id)
        && project.equals(another.project)
        && spider.equals(another.spider)
        && Objects.equals(pid, another.pid)
        && startTime.equals(another.startTime)
        && Objects.equals(logUrl, another.logUrl)
        && Objects.equals(itemsUrl, another.itemsUrl);
  }

  /**
   * Computes a hash code from attributes: {@code id}, {@code project}, {@code spider}, {@code pid}, {@code startTime}, {@code logUrl}, {@code itemsUrl}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + id.hashCode();
    h += (h << 5) + project.hashCode();
    h += (h << 5) + spider.hashCode();
    h += (h << 5) + Objects.hashCode(pid);
    h += (h << 5) + startTime.hashCode();
    h += (h << 5) + Objects.hashCode(logUrl);
    h += (h << 5) + Objects.hashCode(itemsUrl);
    return h;
  }

  /**
   * Prints the immutable value {@code RunningJob} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("RunningJob{");
    builder.append("id=").append(id);
    builder.append(", ");
    builder.append("project=").append(project);
    builder.append(", ");
    builder.append("spider=").append(spider);
    if (pid != null) {
      builder.append(", ");
      builder.append("pid=").append(pid);
    }
    builder.append(", ");
    builder.append("startTime=").append(startTime);
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
   * Builds instances of type {@link RunningJob RunningJob}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "RunningJob", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_ID = 0x1L;
    private static final long INIT_BIT_PROJECT = 0x2L;
    private static final long INIT_BIT_SPIDER = 0x4L;
    private static final long INIT_BIT_START_TIME = 0x8L;
    private long initBits = 0xfL;

    private String id;
    private String project;
    private String spider;
    private Integer pid;
    private LocalDateTime startTime;
    private URI logUrl;
    private URI itemsUrl;

    /**
     * Creates a builder for {@link RunningJob RunningJob} instances.
     * <pre>
     * new RunningJob.Builder()
     *    .id(String) // required {@link RunningJob#id() id}
     *    .project(String) // required {@link RunningJob#project() project}
     *    .spider(String) // required {@link RunningJob#spider() spider}
     *    .pid(OptionalInt) // optional {@link RunningJob#pid() pid}
     *    .startTime(java.time.LocalDateTime) // required {@link RunningJob#startTime() startTime}
     *    .logUrl(Optional&lt;java.net.URI&gt;) // optional {@link RunningJob#logUrl() logUrl}
     *    .itemsUrl(Optional&lt;java.net.URI&gt;) // optional {@link RunningJob#itemsUrl() itemsUrl}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof RunningJob.Builder)) {
        throw new UnsupportedOperationException("Use: new RunningJob.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code io.github.scrapyd4j.model.RunningJob} instance.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder from(RunningJob instance) {
      Objects.requireNonNull(instance, "instance");
      mergeInternal(instance);
      return (RunningJob.Builder) this;
    }

    /**
     * Fill a builder with attribute values from the provided {@code io.github.scrapyd4j.model.Job} instance.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder from(Job instance) {
      Objects.requireNonNull(instance, "instance");
      mergeInternal(instance);
      return (RunningJob.Builder) this;
    }

    private void mergeInternal(Object object) {
      long bits = 0;
      if (object instanceof RunningJob) {
        RunningJob instance = (RunningJob) object;
        OptionalInt pidOptional = instance.pid();
        if (pidOptional.isPresent()) {
          pid(pidOptional);
        }
        Optional<URI> itemsUrlOptional = instance.itemsUrl();
        if (itemsUrlOptional.isPresent()) {
          itemsUrl(itemsUrlOptional);
        }
        this.startTime(instance.startTime());
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
     * Initializes the value for the {@link RunningJob#id() id} attribute.
     * @param id The value for id 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      initBits &= ~INIT_BIT_ID;
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link RunningJob#project() project} attribute.
     * @param project The value for project 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      initBits &= ~INIT_BIT_PROJECT;
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link RunningJob#spider() spider} attribute.
     * @param spider The value for spider 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder spider(String spider) {
      this.spider = Objects.requireNonNull(spider, "spider");
      initBits &= ~INIT_BIT_SPIDER;
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link RunningJob#pid() pid} to pid.
     * @param pid The value for pid
     * @return {@code this} builder for chained invocation
     */
    public final RunningJob.Builder pid(int pid) {
      this.pid = pid;
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link RunningJob#pid() pid} to pid.
     * @param pid The value for pid
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder pid(OptionalInt pid) {
      this.pid = pid.isPresent() ? pid.getAsInt() : null;
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link RunningJob#startTime() startTime} attribute.
     * @param startTime The value for startTime 
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder startTime(LocalDateTime startTime) {
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      initBits &= ~INIT_BIT_START_TIME;
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link RunningJob#logUrl() logUrl} to logUrl.
     * @param logUrl The value for logUrl
     * @return {@code this} builder for chained invocation
     */
    public final RunningJob.Builder logUrl(URI logUrl) {
      this.logUrl = Objects.requireNonNull(logUrl, "logUrl");
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link RunningJob#logUrl() logUrl} to logUrl.
     * @param logUrl The value for logUrl
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder logUrl(Optional<? extends URI> logUrl) {
      this.logUrl = logUrl.orElse(null);
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link RunningJob#itemsUrl() itemsUrl} to itemsUrl.
     * @param itemsUrl The value for itemsUrl
     * @return {@code this} builder for chained invocation
     */
    public final RunningJob.Builder itemsUrl(URI itemsUrl) {
      this.itemsUrl = Objects.requireNonNull(itemsUrl, "itemsUrl");
      return (RunningJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link RunningJob#itemsUrl() itemsUrl} to itemsUrl.
     * @param itemsUrl The value for itemsUrl
     * @return {@code this} builder for use in a chained invocation
     */
    public final RunningJob.Builder itemsUrl(Optional<? extends URI> itemsUrl) {
      this.itemsUrl = itemsUrl.orElse(null);
      return (RunningJob.Builder) this;
    }

    /**
     * Builds a new {@link RunningJob RunningJob}.
     * @return An immutable instance of RunningJob
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public RunningJob build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableRunningJob(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_ID) != 0) attributes.add("id");
      if ((initBits & INIT_BIT_PROJECT) != 0) attributes.add("project");
      if ((initBits & INIT_BIT_SPIDER) != 0) attributes.add("spider");
      if ((initBits & INIT_BIT_START_TIME) != 0) attributes.add("startTime");
      return "Cannot build RunningJob, some of required attributes are not set " + attributes;
    }
  }
}
