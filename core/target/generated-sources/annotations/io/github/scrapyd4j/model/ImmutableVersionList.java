package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link VersionList}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new VersionList.Builder()}.
 */
@Generated(from = "VersionList", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableVersionList extends VersionList {
  private final String nodeName;
  private final List<String> versions;

  private ImmutableVersionList(ImmutableVersionList.Builder builder) {
    this.nodeName = builder.nodeName;
    this.versions = createUnmodifiableList(true, builder.versions);
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * @return The value of the {@code versions} attribute
   */
  @Override
  public List<String> versions() {
    return versions;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableVersionList} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableVersionList
        && equalsByValue((ImmutableVersionList) another);
  }

  private boolean equalsByValue(ImmutableVersionList another) {
    return nodeName.equals(another.nodeName)
        && versions.equals(another.versions);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code versions}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + versions.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code VersionList} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "VersionList{"
        + "nodeName=" + nodeName
        + ", versions=" + versions
        + "}";
  }

  /**
   * Builds instances of type {@link VersionList VersionList}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "VersionList", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private long initBits = 0x1L;

    private String nodeName;
    private List<String> versions = new ArrayList<String>();

    /**
     * Creates a builder for {@link VersionList VersionList} instances.
     * <pre>
     * new VersionList.Builder()
     *    .nodeName(String) // required {@link VersionList#nodeName() nodeName}
     *    .addVersion|addAllVersions(String) // {@link VersionList#versions() versions} elements
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof VersionList.Builder)) {
        throw new UnsupportedOperationException("Use: new VersionList.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code VersionList} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * Collection elements and entries will be added, not replaced.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final VersionList.Builder from(VersionList instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      addAllVersions(instance.versions());
      return (VersionList.Builder) this;
    }

    /**
     * Initializes the value for the {@link VersionList#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final VersionList.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (VersionList.Builder) this;
    }

    /**
     * Adds one element to {@link VersionList#versions() versions} list.
     * @param element A versions element
     * @return {@code this} builder for use in a chained invocation
     */
    public final VersionList.Builder addVersion(String element) {
      this.versions.add(Objects.requireNonNull(element, "versions element"));
      return (VersionList.Builder) this;
    }

    /**
     * Adds elements to {@link VersionList#versions() versions} list.
     * @param elements An array of versions elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final VersionList.Builder addVersions(String... elements) {
      for (String element : elements) {
        this.versions.add(Objects.requireNonNull(element, "versions element"));
      }
      return (VersionList.Builder) this;
    }


    /**
     * Sets or replaces all elements for {@link VersionList#versions() versions} list.
     * @param elements An iterable of versions elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final VersionList.Builder versions(Iterable<String> elements) {
      this.versions.clear();
      return addAllVersions(elements);
    }

    /**
     * Adds elements to {@link VersionList#versions() versions} list.
     * @param elements An iterable of versions elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final VersionList.Builder addAllVersions(Iterable<String> elements) {
      for (String element : elements) {
        this.versions.add(Objects.requireNonNull(element, "versions element"));
      }
      return (VersionList.Builder) this;
    }

    /**
     * Builds a new {@link VersionList VersionList}.
     * @return An immutable instance of VersionList
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public VersionList build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableVersionList(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      return "Cannot build VersionList, some of required attributes are not set " + attributes;
    }
  }

  private static <T> List<T> createSafeList(Iterable<? extends T> iterable, boolean checkNulls, boolean skipNulls) {
    ArrayList<T> list;
    if (iterable instanceof Collection<?>) {
      int size = ((Collection<?>) iterable).size();
      if (size == 0) return Collections.emptyList();
      list = new ArrayList<>(size);
    } else {
      list = new ArrayList<>();
    }
    for (T element : iterable) {
      if (skipNulls && element == null) continue;
      if (checkNulls) Objects.requireNonNull(element, "element");
      list.add(element);
    }
    return list;
  }

  private static <T> List<T> createUnmodifiableList(boolean clone, List<? extends T> list) {
    switch(list.size()) {
    case 0: return Collections.emptyList();
    case 1: return Collections.singletonList(list.get(0));
    default:
      if (clone) {
        return Collections.unmodifiableList(new ArrayList<>(list));
      } else {
        if (list instanceof ArrayList<?>) {
          ((ArrayList<?>) list).trimToSize();
        }
        return Collections.unmodifiableList(list);
      }
    }
  }
}
