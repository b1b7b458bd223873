package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link AddVersionResult}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new AddVersionResult.Builder()}.
 */
@Generated(from = "AddVersionResult", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableAddVersionResult extends AddVersionResult {
  private final String nodeName;
  private final String project;
  private final String version;
  private final int spiders;

  private ImmutableAddVersionResult(ImmutableAddVersionResult.Builder builder) {
    this.nodeName = builder.nodeName;
    this.project = builder.project;
    this.version = builder.version;
    this.spiders = builder.spiders;
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * @return The value of the {@code project} attribute
   */
  @Override
  public String project() {
    return project;
  }

  /**
   * @return The value of the {@code version} attribute
   */
  @Override
  public String version() {
    return version;
  }

  /**
   * @return The value of the {@code spiders} attribute
   */
  @Override
  public int spiders() {
    return spiders;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableAddVersionResult} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableAddVersionResult
        && equalsByValue((ImmutableAddVersionResult) another);
  }

  private boolean equalsByValue(ImmutableAddVersionResult another) {
    return nodeName.equals(another.nodeName)
        && project.equals(another.project)
        && version.equals(another.version)
        && spiders == another.spiders;
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code project}, {@code version}, {@code spiders}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + project.hashCode();
    h += (h << 5) + version.hashCode();
    h += (h << 5) + spiders;
    return h;
  }

  /**
   * Prints the immutable value {@code AddVersionResult} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "AddVersionResult{"
        + "nodeName=" + nodeName
        + ", project=" + project
        + ", version=" + version
        + ", spiders=" + spiders
        + "}";
  }

  /**
   * Builds instances of type {@link AddVersionResult AddVersionResult}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "AddVersionResult", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private static final long INIT_BIT_PROJECT = 0x2L;
    private static final long INIT_BIT_VERSION = 0x4L;
    private static final long INIT_BIT_SPIDERS = 0x8L;
    private long initBits = 0xfL;

    private String nodeName;
    private String project;
    private String version;
    private int spiders;

    /**
     * Creates a builder for {@link AddVersionResult AddVersionResult} instances.
     * <pre>
     * new AddVersionResult.Builder()
     *    .nodeName(String) // required {@link AddVersionResult#nodeName() nodeName}
     *    .project(String) // required {@link AddVersionResult#project() project}
     *    .version(String) // required {@link AddVersionResult#version() version}
     *    .spiders(int) // required {@link AddVersionResult#spiders() spiders}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof AddVersionResult.Builder)) {
        throw new UnsupportedOperationException("Use: new AddVersionResult.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code AddVersionResult} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final AddVersionResult.Builder from(AddVersionResult instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      this.project(instance.project());
      this.version(instance.version());
      this.spiders(instance.spiders());
      return (AddVersionResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link AddVersionResult#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final AddVersionResult.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (AddVersionResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link AddVersionResult#project() project} attribute.
     * @param project The value for project 
     * @return {@code this} builder for use in a chained invocation
     */
    public final AddVersionResult.Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      initBits &= ~INIT_BIT_PROJECT;
      return (AddVersionResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link AddVersionResult#version() version} attribute.
     * @param version The value for version 
     * @return {@code this} builder for use in a chained invocation
     */
    public final AddVersionResult.Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      initBits &= ~INIT_BIT_VERSION;
      return (AddVersionResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link AddVersionResult#spiders() spiders} attribute.
     * @param spiders The value for spiders 
     * @return {@code this} builder for use in a chained invocation
     */
    public final AddVersionResult.Builder spiders(int spiders) {
      this.spiders = spiders;
      initBits &= ~INIT_BIT_SPIDERS;
      return (AddVersionResult.Builder) this;
    }

    /**
     * Builds a new {@link AddVersionResult AddVersionResult}.
     * @return An immutable instance of AddVersionResult
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public AddVersionResult build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableAddVersionResult(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      if ((initBits & INIT_BIT_PROJECT) != 0) attributes.add("project");
      if ((initBits & INIT_BIT_VERSION) != 0) attributes.add("version");
      if ((initBits & INIT_BIT_SPIDERS) != 0) attributes.add("spiders");
      return "Cannot build AddVersionResult, some of required attributes are not set " + attributes;
    }
  }
}
