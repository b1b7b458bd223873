package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link ProjectList}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new ProjectList.Builder()}.
 */
@Generated(from = "ProjectList", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableProjectList extends ProjectList {
  private final String nodeName;
  private final List<String> projects;

  private ImmutableProjectList(ImmutableProjectList.Builder builder) {
    this.nodeName = builder.nodeName;
    this.projects = createUnmodifiableList(true, builder.projects);
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * @return The value of the {@code projects} attribute
   */
  @Override
  public List<String> projects() {
    return projects;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableProjectList} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableProjectList
        && equalsByValue((ImmutableProjectList) another);
  }

  private boolean equalsByValue(ImmutableProjectList another) {
    return nodeName.equals(another.nodeName)
        && projects.equals(another.projects);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code projects}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + projects.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code ProjectList} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "ProjectList{"
        + "nodeName=" + nodeName
        + ", projects=" + projects
        + "}";
  }

  /**
   * Builds instances of type {@link ProjectList ProjectList}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "ProjectList", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private long initBits = 0x1L;

    private String nodeName;
    private List<String> projects = new ArrayList<String>();

    /**
     * Creates a builder for {@link ProjectList ProjectList} instances.
     * <pre>
     * new ProjectList.Builder()
     *    .nodeName(String) // required {@link ProjectList#nodeName() nodeName}
     *    .addProject|addAllProjects(String) // {@link ProjectList#projects() projects} elements
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof ProjectList.Builder)) {
        throw new UnsupportedOperationException("Use: new ProjectList.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code ProjectList} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * Collection elements and entries will be added, not replaced.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final ProjectList.Builder from(ProjectList instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      addAllProjects(instance.projects());
      return (ProjectList.Builder) this;
    }

    /**
     * Initializes the value for the {@link ProjectList#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final ProjectList.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (ProjectList.Builder) this;
    }

    /**
     * Adds one element to {@link ProjectList#projects() projects} list.
     * @param element A projects element
     * @return {@code this} builder for use in a chained invocation
     */
    public final ProjectList.Builder addProject(String element) {
      this.projects.add(Objects.requireNonNull(element, "projects element"));
      return (ProjectList.Builder) this;
    }

    /**
     * Adds elements to {@link ProjectList#projects() projects} list.
     * @param elements An array of projects elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final ProjectList.Builder addProjects(String... elements) {
      for (String element : elements) {
        this.projects.add(Objects.requireNonNull(element, "projects element"));
      }
      return (ProjectList.Builder) this;
    }


    /**
     * Sets or replaces all elements for {@link ProjectList#projects() projects} list.
     * @param elements An iterable of projects elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final ProjectList.Builder projects(Iterable<String> elements) {
      this.projects.clear();
      return addAllProjects(elements);
    }

    /**
     * Adds elements to {@link ProjectList#projects() projects} list.
     * @param elements An iterable of projects elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final ProjectList.Builder addAllProjects(Iterable<String> elements) {
      for (String element : elements) {
        this.projects.add(Objects.requireNonNull(element, "projects element"));
      }
      return (ProjectList.Builder) this;
    }

    /**
     * Builds a new {@link ProjectList ProjectList}.
     * @return An immutable instance of ProjectList
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public ProjectList build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableProjectList(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      return "Cannot build ProjectList, some of required attributes are not set " + attributes;
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
