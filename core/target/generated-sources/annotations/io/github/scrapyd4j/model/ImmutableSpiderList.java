package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link SpiderList}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new SpiderList.Builder()}.
 */
@Generated(from = "SpiderList", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableSpiderList extends SpiderList {
  private final String nodeName;
  private final List<String> spiders;

  private ImmutableSpiderList(ImmutableSpiderList.Builder builder) {
    this.nodeName = builder.nodeName;
    this.spiders = createUnmodifiableList(true, builder.spiders);
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * @return The value of the {@code spiders} attribute
   */
  @Override
  public List<String> spiders() {
    return spiders;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableSpiderList} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableSpiderList
        && equalsByValue((ImmutableSpiderList) another);
  }

  private boolean equalsByValue(ImmutableSpiderList another) {
    return nodeName.equals(another.nodeName)
        && spiders.equals(another.spiders);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code spiders}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + spiders.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code SpiderList} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "SpiderList{"
        + "nodeName=" + nodeName
        + ", spiders=" + spiders
        + "}";
  }

  /**
   * Builds instances of type {@link SpiderList SpiderList}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "SpiderList", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private long initBits = 0x1L;

    private String nodeName;
    private List<String> spiders = new ArrayList<String>();

    /**
     * Creates a builder for {@link SpiderList SpiderList} instances.
     * <pre>
     * new SpiderList.Builder()
     *    .nodeName(String) // required {@link SpiderList#nodeName() nodeName}
     *    .addSpider|addAllSpiders(String) // {@link SpiderList#spiders() spiders} elements
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof SpiderList.Builder)) {
        throw new UnsupportedOperationException("Use: new SpiderList.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code SpiderList} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * Collection elements and entries will be added, not replaced.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final SpiderList.Builder from(SpiderList instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      addAllSpiders(instance.spiders());
      return (SpiderList.Builder) this;
    }

    /**
     * Initializes the value for the {@link SpiderList#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final SpiderList.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (SpiderList.Builder) this;
    }

    /**
     * Adds one element to {@link SpiderList#spiders() spiders} list.
     * @param element A spiders element
     * @return {@code this} builder for use in a chained invocation
     */
    public final SpiderList.Builder addSpider(String element) {
      this.spiders.add(Objects.requireNonNull(element, "spiders element"));
      return (SpiderList.Builder) this;
    }

    /**
     * Adds elements to {@link SpiderList#spiders() spiders} list.
     * @param elements An array of spiders elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final SpiderList.Builder addSpiders(String... elements) {
      for (String element : elements) {
        this.spiders.add(Objects.requireNonNull(element, "spiders element"));
      }
      return (SpiderList.Builder) this;
    }


    /**
     * Sets or replaces all elements for {@link SpiderList#spiders() spiders} list.
     * @param elements An iterable of spiders elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final SpiderList.Builder spiders(Iterable<String> elements) {
      this.spiders.clear();
      return addAllSpiders(elements);
    }

    /**
     * Adds elements to {@link SpiderList#spiders() spiders} list.
     * @param elements An iterable of spiders elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final SpiderList.Builder addAllSpiders(Iterable<String> elements) {
      for (String element : elements) {
        this.spiders.add(Objects.requireNonNull(element, "spiders element"));
      }
      return (SpiderList.Builder) this;
    }

    /**
     * Builds a new {@link SpiderList SpiderList}.
     * @return An immutable instance of SpiderList
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public SpiderList build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableSpiderList(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      return "Cannot build SpiderList, some of required attributes are not set " + attributes;
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
