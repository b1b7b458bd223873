package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link ScheduleRequest}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new ScheduleRequest.Builder()}.
 */
@Generated(from = "ScheduleRequest", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableScheduleRequest extends ScheduleRequest {
  private final String project;
  private final String spider;
  private final String version;
  private final String jobId;
  private final Double priority;
  private final Map<String, String> settings;
  private final Map<String, String> args;

  private ImmutableScheduleRequest(ImmutableScheduleRequest.Builder builder) {
    this.project = builder.project;
    this.spider = builder.spider;
    this.version = builder.version;
    this.jobId = builder.jobId;
    this.priority = builder.priority;
    this.settings = createUnmodifiableMap(false, false, builder.settings);
    this.args = createUnmodifiableMap(false, false, builder.args);
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
   * @return The value of the {@code version} attribute
   */
  @Override
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * @return The value of the {@code jobId} attribute
   */
  @Override
  public Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }

  /**
   * @return The value of the {@code priority} attribute
   */
  @Override
  public OptionalDouble priority() {
    return priority != null
        ? OptionalDouble.of(priority)
        : OptionalDouble.empty();
  }

  /**
   * @return The value of the {@code settings} attribute
   */
  @Override
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * @return The value of the {@code args} attribute
   */
  @Override
  public Map<String, String> args() {
    return args;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableScheduleRequest} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableScheduleRequest
        && equalsByValue((ImmutableScheduleRequest) another);
  }

  private boolean equalsByValue(ImmutableScheduleRequest another) {
    return project.equals(another.project)
        && spider.equals(another.spider)
        && Objects.equals(version, another.version)
        && Objects.equals(jobId, another.jobId)
        && Objects.equals(priority, another.priority)
        && settings.equals(another.settings)
        && args.equals(another.args);
  }

  /**
   * Computes a hash code from attributes: {@code project}, {@code spider}, {@code version}, {@code jobId}, {@code priority}, {@code settings}, {@code args}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + project.hashCode();
    h += (h << 5) + spider.hashCode();
    h += (h << 5) + Objects.hashCode(version);
    h += (h << 5) + Objects.hashCode(jobId);
    h += (h << 5) + Objects.hashCode(priority);
    h += (h << 5) + settings.hashCode();
    h += (h << 5) + args.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code ScheduleRequest} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("ScheduleRequest{");
    builder.append("project=").append(project);
    builder.append(", ");
    builder.append("spider=").append(spider);
    if (version != null) {
      builder.append(", ");
      builder.append("version=").append(version);
    }
    if (jobId != null) {
      builder.append(", ");
      builder.append("jobId=").append(jobId);
    }
    if (priority != null) {
      builder.append(", ");
      builder.append("priority=").append(priority);
    }
    builder.append(", ");
    builder.append("settings=").append(settings);
    builder.append(", ");
    builder.append("args=").append(args);
    return builder.append("}").toString();
  }

  private static ImmutableScheduleRequest validate(ImmutableScheduleRequest instance) {
    instance.check();
    return instance;
  }

  /**
   * Builds instances of type {@link ScheduleRequest ScheduleRequest}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "ScheduleRequest", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_PROJECT = 0x1L;
    private static final long INIT_BIT_SPIDER = 0x2L;
    private long initBits = 0x3L;

    private String project;
    private String spider;
    private String version;
    private String jobId;
    private Double priority;
    private Map<String, String> settings = new LinkedHashMap<String, String>();
    private Map<String, String> args = new LinkedHashMap<String, String>();

    /**
     * Creates a builder for {@link ScheduleRequest ScheduleRequest} instances.
     * <pre>
     * new ScheduleRequest.Builder()
     *    .project(String) // required {@link ScheduleRequest#project() project}
     *    .spider(String) // required {@link ScheduleRequest#spider() spider}
     *    .version(Optional&lt;String&gt;) // optional {@link ScheduleRequest#version() version}
     *    .jobId(Optional&lt;String&gt;) // optional {@link ScheduleRequest#jobId() jobId}
     *    .priority(OptionalDouble) // optional {@link ScheduleRequest#priority() priority}
     *    .putSetting|putAllSettings(String =&gt; String) // {@link ScheduleRequest#settings() settings} mappings
     *    .putArg|putAllArgs(String =&gt; String) // {@link ScheduleRequest#args() args} mappings
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof ScheduleRequest.Builder)) {
        throw new UnsupportedOperationException("Use: new ScheduleRequest.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code ScheduleRequest} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * Collection elements and entries will be added, not replaced.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder from(ScheduleRequest instance) {
      Objects.requireNonNull(instance, "instance");
      this.project(instance.project());
      this.spider(instance.spider());
      Optional<String> versionOptional = instance.version();
      if (versionOptional.isPresent()) {
        version(versionOptional);
      }
      Optional<String> jobIdOptional = instance.jobId();
      if (jobIdOptional.isPresent()) {
        jobId(jobIdOptional);
      }
      OptionalDouble priorityOptional = instance.priority();
      if (priorityOptional.isPresent()) {
        priority(priorityOptional);
      }
      putAllSettings(instance.settings());
      putAllArgs(instance.args());
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the value for the {@link ScheduleRequest#project() project} attribute.
     * @param project The value for project 
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      initBits &= ~INIT_BIT_PROJECT;
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the value for the {@link ScheduleRequest#spider() spider} attribute.
     * @param spider The value for spider 
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder spider(String spider) {
      this.spider = Objects.requireNonNull(spider, "spider");
      initBits &= ~INIT_BIT_SPIDER;
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the optional value {@link ScheduleRequest#version() version} to version.
     * @param version The value for version
     * @return {@code this} builder for chained invocation
     */
    public final ScheduleRequest.Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the optional value {@link ScheduleRequest#version() version} to version.
     * @param version The value for version
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder version(Optional<String> version) {
      this.version = version.orElse(null);
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the optional value {@link ScheduleRequest#jobId() jobId} to jobId.
     * @param jobId The value for jobId
     * @return {@code this} builder for chained invocation
     */
    public final ScheduleRequest.Builder jobId(String jobId) {
      this.jobId = Objects.requireNonNull(jobId, "jobId");
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the optional value {@link ScheduleRequest#jobId() jobId} to jobId.
     * @param jobId The value for jobId
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder jobId(Optional<String> jobId) {
      this.jobId = jobId.orElse(null);
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the optional value {@link ScheduleRequest#priority() priority} to priority.
     * @param priority The value for priority
     * @return {@code this} builder for chained invocation
     */
    public final ScheduleRequest.Builder priority(double priority) {
      this.priority = priority;
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Initializes the optional value {@link ScheduleRequest#priority() priority} to priority.
     * @param priority The value for priority
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder priority(OptionalDouble priority) {
      this.priority = priority.isPresent() ? priority.getAsDouble() : null;
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Put one entry to the {@link ScheduleRequest#settings() settings} map.
     * @param key The key in the settings map
     * @param value The associated value in the settings map
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder putSetting(String key, String value) {
      this.settings.put(
          Objects.requireNonNull(key, "settings key"),
          Objects.requireNonNull(value, value == null ? "settings value for key: " + key : null));
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Put one entry to the {@link ScheduleRequest#settings() settings} map. Nulls are not permitted
     * @param entry The key and value entry
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder putSetting(Map.Entry<String, ? extends String> entry) {
      String k = entry.getKey();
      String v = entry.getValue();
      this.settings.put(
          Objects.requireNonNull(k, "settings key"),
          Objects.requireNonNull(v, v == null ? "settings value for key: " + k : null));
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Sets or replaces all mappings from the specified map as entries for the {@link ScheduleRequest#settings() settings} map. Nulls are not permitted
     * @param entries The entries that will be added to the settings map
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder settings(Map<String, ? extends String> entries) {
      this.settings.clear();
      return putAllSettings(entries);
    }

    /**
     * Put all mappings from the specified map as entries to {@link ScheduleRequest#settings() settings} map. Nulls are not permitted
     * @param entries The entries that will be added to the settings map
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder putAllSettings(Map<String, ? extends String> entries) {
      for (Map.Entry<String, ? extends String> e : entries.entrySet()) {
        String k = e.getKey();
        String v = e.getValue();
        this.settings.put(
            Objects.requireNonNull(k, "settings key"),
            Objects.requireNonNull(v, v == null ? "settings value for key: " + k : null));
      }
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Put one entry to the {@link ScheduleRequest#args() args} map.
     * @param key The key in the args map
     * @param value The associated value in the args map
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder putArg(String key, String value) {
      this.args.put(
          Objects.requireNonNull(key, "args key"),
          Objects.requireNonNull(value, value == null ? "args value for key: " + key : null));
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Put one entry to the {@link ScheduleRequest#args() args} map. Nulls are not permitted
     * @param entry The key and value entry
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder putArg(Map.Entry<String, ? extends String> entry) {
      String k = entry.getKey();
      String v = entry.getValue();
      this.args.put(
          Objects.requireNonNull(k, "args key"),
          Objects.requireNonNull(v, v == null ? "args value for key: " + k : null));
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Sets or replaces all mappings from the specified map as entries for the {@link ScheduleRequest#args() args} map. Nulls are not permitted
     * @param entries The entries that will be added to the args map
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder args(Map<String, ? extends String> entries) {
      this.args.clear();
      return putAllArgs(entries);
    }

    /**
     * Put all mappings from the specified map as entries to {@link ScheduleRequest#args() args} map. Nulls are not permitted
     * @param entries The entries that will be added to the args map
     * @return {@code this} builder for use in a chained invocation
     */
    public final ScheduleRequest.Builder putAllArgs(Map<String, ? extends String> entries) {
      for (Map.Entry<String, ? extends String> e : entries.entrySet()) {
        String k = e.getKey();
        String v = e.getValue();
        this.args.put(
            Objects.requireNonNull(k, "args key"),
            Objects.requireNonNull(v, v == null ? "args value for key: " + k : null));
      }
      return (ScheduleRequest.Builder) this;
    }

    /**
     * Builds a new {@link ScheduleRequest ScheduleRequest}.
     * @return An immutable instance of ScheduleRequest
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public ScheduleRequest build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return ImmutableScheduleRequest.validate(new ImmutableScheduleRequest(this));
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_PROJECT) != 0) attributes.add("project");
      if ((initBits & INIT_BIT_SPIDER) != 0) attributes.add("spider");
      return "Cannot build ScheduleRequest, some of required attributes are not set " + attributes;
    }
  }

  private static <K, V> Map<K, V> createUnmodifiableMap(boolean checkNulls, boolean skipNulls, Map<? extends K, ? extends V> map) {
    switch (map.size()) {
    case 0: return Collections.emptyMap();
    case 1: {
      Map.Entry<? extends K, ? extends V> e = map.entrySet().iterator().next();
      K k = e.getKey();
      V v = e.getValue();
      if (checkNulls) {
        Objects.requireNonNull(k, "key");
        Objects.requireNonNull(v, v == null ? "value for key: " + k : null);
      }
      if (skipNulls && (k == null || v == null)) {
        return Collections.emptyMap();
      }
      return Collections.singletonMap(k, v);
    }
    default: {
      Map<K, V> linkedMap = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
      if (skipNulls || checkNulls) {
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
          K k = e.getKey();
          V v = e.getValue();
          if (skipNulls) {
            if (k == null || v == null) continue;
          } else if (checkNulls) {
            Objects.requireNonNull(k, "key");
            Objects.requireNonNull(v, v == null ? "value for key: " + k : null);
          }
          linkedMap.put(k, v);
        }
      } else {
        linkedMap.putAll(map);
      }
      return Collections.unmodifiableMap(linkedMap);
    }
    }
  }
}
