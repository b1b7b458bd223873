package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link PendingJob}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new PendingJob.Builder()}.
 */
@Generated(from = "PendingJob", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutablePendingJob extends PendingJob {
  private final String id;
  private final String project;
  private final String spider;
  private final String version;
  private final Map<String, String> settings;
  private final Map<String, String> args;

  private ImmutablePendingJob(ImmutablePendingJob.Builder builder) {
    this.id = builder.id;
    this.project = builder.project;
    this.spider = builder.spider;
    this.version = builder.version;
    this.settings = createUnmodifiableMap(false, false, builder.settings);
    this.args = createUnmodifiableMap(false, false, builder.args);
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
   * @return The value of the {@code version} attribute
   */
  @Override
  public Optional<String> version() {
    return Optional.ofNullable(version);
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
   * This instance is equal to all instances of {@code ImmutablePendingJob} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutablePendingJob
        && equalsByValue((ImmutablePendingJob) another);
  }

  private boolean equalsByValue(ImmutablePendingJob another) {
    return id.equals(another.id)
        && project.equals(another.project)
        && spider.equals(another.spider)
        && Objects.equals(version, another.version)
        && settings.equals(another.settings)
        && args.equals(another.args);
  }

  /**
   * Computes a hash code from attributes: {@code id}, {@code project}, {@code spider}, {@code version}, {@code settings}, {@code args}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + id.hashCode();
    h += (h << 5) + project.hashCode();
    h += (h << 5) + spider.hashCode();
    h += (h << 5) + Objects.hashCode(version);
    h += (h << 5) + settings.hashCode();
    h += (h << 5) + args.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code PendingJob} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("PendingJob{");
    builder.append("id=").append(id);
    builder.append(", ");
    builder.append("project=").append(project);
    builder.append(", ");
    builder.append("spider=").append(spider);
    if (version != null) {
      builder.append(", ");
      builder.append("version=").append(version);
    }
    builder.append(", ");
    builder.append("settings=").append(settings);
    builder.append(", ");
    builder.append("args=").append(args);
    return builder.append("}").toString();
  }

  /**
   * Builds instances of type {@link PendingJob PendingJob}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "PendingJob", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_ID = 0x1L;
    private static final long INIT_BIT_PROJECT = 0x2L;
    private static final long INIT_BIT_SPIDER = 0x4L;
    private long initBits = 0x7L;

    private String id;
    private String project;
    private String spider;
    private String version;
    private Map<String, String> settings = new LinkedHashMap<String, String>();
    private Map<String, String> args = new LinkedHashMap<String, String>();

    /**
     * Creates a builder for {@link PendingJob PendingJob} instances.
     * <pre>
     * new PendingJob.Builder()
     *    .id(String) // required {@link PendingJob#id() id}
     *    .project(String) // required {@link PendingJob#project() project}
     *    .spider(String) // required {@link PendingJob#spider() spider}
     *    .version(Optional&lt;String&gt;) // optional {@link PendingJob#version() version}
     *    .putSetting|putAllSettings(String =&gt; String) // {@link PendingJob#settings() settings} mappings
     *    .putArg|putAllArgs(String =&gt; String) // {@link PendingJob#args() args} mappings
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof PendingJob.Builder)) {
        throw new UnsupportedOperationException("Use: new PendingJob.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code io.github.scrapyd4j.model.PendingJob} instance.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder from(PendingJob instance) {
      Objects.requireNonNull(instance, "instance");
      mergeInternal(instance);
      return (PendingJob.Builder) this;
    }

    /**
     * Fill a builder with attribute values from the provided {@code io.github.scrapyd4j.model.Job} instance.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder from(Job instance) {
      Objects.requireNonNull(instance, "instance");
      mergeInternal(instance);
      return (PendingJob.Builder) this;
    }

    private void mergeInternal(Object object) {
      long bits = 0;
      if (object instanceof PendingJob) {
        PendingJob instance = (PendingJob) object;
        putAllArgs(instance.args());
        putAllSettings(instance.settings());
        Optional<String> versionOptional = instance.version();
        if (versionOptional.isPresent()) {
          version(versionOptional);
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
     * Initializes the value for the {@link PendingJob#id() id} attribute.
     * @param id The value for id 
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      initBits &= ~INIT_BIT_ID;
      return (PendingJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link PendingJob#project() project} attribute.
     * @param project The value for project 
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      initBits &= ~INIT_BIT_PROJECT;
      return (PendingJob.Builder) this;
    }

    /**
     * Initializes the value for the {@link PendingJob#spider() spider} attribute.
     * @param spider The value for spider 
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder spider(String spider) {
      this.spider = Objects.requireNonNull(spider, "spider");
      initBits &= ~INIT_BIT_SPIDER;
      return (PendingJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link PendingJob#version() version} to version.
     * @param version The value for version
     * @return {@code this} builder for chained invocation
     */
    public final PendingJob.Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return (PendingJob.Builder) this;
    }

    /**
     * Initializes the optional value {@link PendingJob#version() version} to version.
     * @param version The value for version
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder version(Optional<String> version) {
      this.version = version.orElse(null);
      return (PendingJob.Builder) this;
    }

    /**
     * Put one entry to the {@link PendingJob#settings() settings} map.
     * @param key The key in the settings map
     * @param value The associated value in the settings map
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder putSetting(String key, String value) {
      this.settings.put(
          Objects.requireNonNull(key, "settings key"),
          Objects.requireNonNull(value, value == null ? "settings value for key: " + key : null));
      return (PendingJob.Builder) this;
    }

    /**
     * Put one entry to the {@link PendingJob#settings() settings} map. Nulls are not permitted
     * @param entry The key and value entry
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder putSetting(Map.Entry<String, ? extends String> entry) {
      String k = entry.getKey();
      String v = entry.getValue();
      this.settings.put(
          Objects.requireNonNull(k, "settings key"),
          Objects.requireNonNull(v, v == null ? "settings value for key: " + k : null));
      return (PendingJob.Builder) this;
    }

    /**
     * Sets or replaces all mappings from the specified map as entries for the {@link PendingJob#settings() settings} map. Nulls are not permitted
     * @param entries The entries that will be added to the settings map
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder settings(Map<String, ? extends String> entries) {
      this.settings.clear();
      return putAllSettings(entries);
    }

    /**
     * Put all mappings from the specified map as entries to {@link PendingJob#settings() settings} map. Nulls are not permitted
     * @param entries The entries that will be added to the settings map
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder putAllSettings(Map<String, ? extends String> entries) {
      for (Map.Entry<String, ? extends String> e : entries.entrySet()) {
        String k = e.getKey();
        String v = e.getValue();
        this.settings.put(
            Objects.requireNonNull(k, "settings key"),
            Objects.requireNonNull(v, v == null ? "settings value for key: " + k : null));
      }
      return (PendingJob.Builder) this;
    }

    /**
     * Put one entry to the {@link PendingJob#args() args} map.
     * @param key The key in the args map
     * @param value The associated value in the args map
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder putArg(String key, String value) {
      this.args.put(
          Objects.requireNonNull(key, "args key"),
          Objects.requireNonNull(value, value == null ? "args value for key: " + key : null));
      return (PendingJob.Builder) this;
    }

    /**
     * Put one entry to the {@link PendingJob#args() args} map. Nulls are not permitted
     * @param entry The key and value entry
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder putArg(Map.Entry<String, ? extends String> entry) {
      String k = entry.getKey();
      String v = entry.getValue();
      this.args.put(
          Objects.requireNonNull(k, "args key"),
          Objects.requireNonNull(v, v == null ? "args value for key: " + k : null));
      return (PendingJob.Builder) this;
    }

    /**
     * Sets or replaces all mappings from the specified map as entries for the {@link PendingJob#args() args} map. Nulls are not permitted
     * @param entries The entries that will be added to the args map
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder args(Map<String, ? extends String> entries) {
      this.args.clear();
      return putAllArgs(entries);
    }

    /**
     * Put all mappings from the specified map as entries to {@link PendingJob#args() args} map. Nulls are not permitted
     * @param entries The entries that will be added to the args map
     * @return {@code this} builder for use in a chained invocation
     */
    public final PendingJob.Builder putAllArgs(Map<String, ? extends String> entries) {
      for (Map.Entry<String, ? extends String> e : entries.entrySet()) {
        String k = e.getKey();
        String v = e.getValue();
        this.args.put(
            Objects.requireNonNull(k, "args key"),
            Objects.requireNonNull(v, v == null ? "args value for key: " + k : null));
      }
      return (PendingJob.Builder) this;
    }

    /**
     * Builds a new {@link PendingJob PendingJob}.
     * @return An immutable instance of PendingJob
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public PendingJob build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutablePendingJob(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_ID) != 0) attributes.add("id");
      if ((initBits & INIT_BIT_PROJECT) != 0) attributes.add("project");
      if ((initBits & INIT_BIT_SPIDER) != 0) attributes.add("spider");
      return "Cannot build PendingJob, some of required attributes are not set " + attributes;
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
