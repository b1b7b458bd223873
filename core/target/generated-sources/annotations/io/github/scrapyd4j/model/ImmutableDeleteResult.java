package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link DeleteResult}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new DeleteResult.Builder()}.
 */
@Generated(from = "DeleteResult", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableDeleteResult extends DeleteResult {
  private final String nodeName;

  private ImmutableDeleteResult(ImmutableDeleteResult.Builder builder) {
    this.nodeName = builder.nodeName;
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableDeleteResult} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableDeleteResult
        && equalsByValue((ImmutableDeleteResult) another);
  }

  private boolean equalsByValue(ImmutableDeleteResult another) {
    return nodeName.equals(another.nodeName);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code DeleteResult} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "DeleteResult{"
        + "nodeName=" + nodeName
        + "}";
  }

  /**
   * Builds instances of type {@link DeleteResult DeleteResult}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "DeleteResult", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private long initBits = 0x1L;

    private String nodeName;

    /**
     * Creates a builder for {@link DeleteResult DeleteResult} instances.
     * <pre>
     * new DeleteResult.Builder()
     *    .nodeName(String) // required {@link DeleteResult#nodeName() nodeName}
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof DeleteResult.Builder)) {
        throw new UnsupportedOperationException("Use: new DeleteResult.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code DeleteResult} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final DeleteResult.Builder from(DeleteResult instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      return (DeleteResult.Builder) this;
    }

    /**
     * Initializes the value for the {@link DeleteResult#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final DeleteResult.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (DeleteResult.Builder) this;
    }

    /**
     * Builds a new {@link DeleteResult DeleteResult}.
     * @return An immutable instance of DeleteResult
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public DeleteResult build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableDeleteResult(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      return "Cannot build DeleteResult, some of required attributes are not set " + attributes;
    }
  }
}
