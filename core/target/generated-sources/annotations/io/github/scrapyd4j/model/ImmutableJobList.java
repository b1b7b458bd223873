package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.immutables.value.Generated;

/**
 * Immutable implementation of {@link JobList}.
 * <p>
 * Use the builder to create immutable instances:
 * {@code new JobList.Builder()}.
 */
@Generated(from = "JobList", generator = "Immutables")
@SuppressWarnings({"all"})
@javax.annotation.processing.Generated("org.immutables.processor.ProxyProcessor")
final class ImmutableJobList extends JobList {
  private final String nodeName;
  private final List<PendingJob> pending;
  private final List<RunningJob> running;
  private final List<FinishedJob> finished;

  private ImmutableJobList(ImmutableJobList.Builder builder) {
    this.nodeName = builder.nodeName;
    this.pending = createUnmodifiableList(true, builder.pending);
    this.running = createUnmodifiableList(true, builder.running);
    this.finished = createUnmodifiableList(true, builder.finished);
  }

  /**
   * @return The value of the {@code nodeName} attribute
   */
  @Override
  public String nodeName() {
    return nodeName;
  }

  /**
   * @return The value of the {@code pending} attribute
   */
  @Override
  public List<PendingJob> pending() {
    return pending;
  }

  /**
   * @return The value of the {@code running} attribute
   */
  @Override
  public List<RunningJob> running() {
    return running;
  }

  /**
   * @return The value of the {@code finished} attribute
   */
  @Override
  public List<FinishedJob> finished() {
    return finished;
  }

  /**
   * This instance is equal to all instances of {@code ImmutableJobList} that have equal attribute values.
   * @return {@code true} if {@code this} is equal to {@code another} instance
   */
  @Override
  public boolean equals(Object another) {
    if (this == another) return true;
    return another instanceof ImmutableJobList
        && equalsByValue((ImmutableJobList) another);
  }

  private boolean equalsByValue(ImmutableJobList another) {
    return nodeName.equals(another.nodeName)
        && pending.equals(another.pending)
        && running.equals(another.running)
        && finished.equals(another.finished);
  }

  /**
   * Computes a hash code from attributes: {@code nodeName}, {@code pending}, {@code running}, {@code finished}.
   * @return hashCode value
   */
  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + nodeName.hashCode();
    h += (h << 5) + pending.hashCode();
    h += (h << 5) + running.hashCode();
    h += (h << 5) + finished.hashCode();
    return h;
  }

  /**
   * Prints the immutable value {@code JobList} with attribute values.
   * @return A string representation of the value
   */
  @Override
  public String toString() {
    return "JobList{"
        + "nodeName=" + nodeName
        + ", pending=" + pending
        + ", running=" + running
        + ", finished=" + finished
        + "}";
  }

  private transient volatile long lazyInitBitmap;

  private static final long ALL_LAZY_INIT_BIT = 0x1L;

  private transient List<Job> all;

  /**
   * {@inheritDoc}
   * <p>
   * Returns a lazily initialized value of the {@link JobList#all() all} attribute.
   * Initialized once and only once and stored for subsequent access with proper synchronization.
   * In case of any exception or error thrown by the lazy value initializer,
   * the result will not be memoised (i.e. remembered) and on next call computation
   * will be attempted again.
   * @return A lazily initialized value of the {@code all} attribute
   */
  @Override
  public List<Job> all() {
    if ((lazyInitBitmap & ALL_LAZY_INIT_BIT) == 0) {
      synchronized (this) {
        if ((lazyInitBitmap & ALL_LAZY_INIT_BIT) == 0) {
          this.all = Objects.requireNonNull(super.all(), "all");
          lazyInitBitmap |= ALL_LAZY_INIT_BIT;
        }
      }
    }
    return all;
  }

  /**
   * Builds instances of type {@link JobList JobList}.
   * Initialize attributes and then invoke the {@link #build()} method to create an
   * immutable instance.
   * <p><em>{@code Builder} is not thread-safe and generally should not be stored in a field or collection,
   * but instead used immediately to create instances.</em>
   */
  @Generated(from = "JobList", generator = "Immutables")
  public static class Builder {
    private static final long INIT_BIT_NODE_NAME = 0x1L;
    private long initBits = 0x1L;

    private String nodeName;
    private List<PendingJob> pending = new ArrayList<PendingJob>();
    private List<RunningJob> running = new ArrayList<RunningJob>();
    private List<FinishedJob> finished = new ArrayList<FinishedJob>();

    /**
     * Creates a builder for {@link JobList JobList} instances.
     * <pre>
     * new JobList.Builder()
     *    .nodeName(String) // required {@link JobList#nodeName() nodeName}
     *    .addPending|addAllPending(io.github.scrapyd4j.model.PendingJob) // {@link JobList#pending() pending} elements
     *    .addRunning|addAllRunning(io.github.scrapyd4j.model.RunningJob) // {@link JobList#running() running} elements
     *    .addFinished|addAllFinished(io.github.scrapyd4j.model.FinishedJob) // {@link JobList#finished() finished} elements
     *    .build();
     * </pre>
     */
    public Builder() {
      if (!(this instanceof JobList.Builder)) {
        throw new UnsupportedOperationException("Use: new JobList.Builder()");
      }
    }

    /**
     * Fill a builder with attribute values from the provided {@code JobList} instance.
     * Regular attribute values will be replaced with those from the given instance.
     * Absent optional values will not replace present values.
     * Collection elements and entries will be added, not replaced.
     * @param instance The instance from which to copy values
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder from(JobList instance) {
      Objects.requireNonNull(instance, "instance");
      this.nodeName(instance.nodeName());
      addAllPending(instance.pending());
      addAllRunning(instance.running());
      addAllFinished(instance.finished());
      return (JobList.Builder) this;
    }

    /**
     * Initializes the value for the {@link JobList#nodeName() nodeName} attribute.
     * @param nodeName The value for nodeName 
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      initBits &= ~INIT_BIT_NODE_NAME;
      return (JobList.Builder) this;
    }

    /**
     * Adds one element to {@link JobList#pending() pending} list.
     * @param element A pending element
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addPending(PendingJob element) {
      this.pending.add(Objects.requireNonNull(element, "pending element"));
      return (JobList.Builder) this;
    }

    /**
     * Adds elements to {@link JobList#pending() pending} list.
     * @param elements An array of pending elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addPending(PendingJob... elements) {
      for (PendingJob element : elements) {
        this.pending.add(Objects.requireNonNull(element, "pending element"));
      }
      return (JobList.Builder) this;
    }


    /**
     * Sets or replaces all elements for {@link JobList#pending() pending} list.
     * @param elements An iterable of pending elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder pending(Iterable<? extends PendingJob> elements) {
      this.pending.clear();
      return addAllPending(elements);
    }

    /**
     * Adds elements to {@link JobList#pending() pending} list.
     * @param elements An iterable of pending elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addAllPending(Iterable<? extends PendingJob> elements) {
      for (PendingJob element : elements) {
        this.pending.add(Objects.requireNonNull(element, "pending element"));
      }
      return (JobList.Builder) this;
    }

    /**
     * Adds one element to {@link JobList#running() running} list.
     * @param element A running element
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addRunning(RunningJob element) {
      this.running.add(Objects.requireNonNull(element, "running element"));
      return (JobList.Builder) this;
    }

    /**
     * Adds elements to {@link JobList#running() running} list.
     * @param elements An array of running elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addRunning(RunningJob... elements) {
      for (RunningJob element : elements) {
        this.running.add(Objects.requireNonNull(element, "running element"));
      }
      return (JobList.Builder) this;
    }


    /**
     * Sets or replaces all elements for {@link JobList#running() running} list.
     * @param elements An iterable of running elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder running(Iterable<? extends RunningJob> elements) {
      this.running.clear();
      return addAllRunning(elements);
    }

    /**
     * Adds elements to {@link JobList#running() running} list.
     * @param elements An iterable of running elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addAllRunning(Iterable<? extends RunningJob> elements) {
      for (RunningJob element : elements) {
        this.running.add(Objects.requireNonNull(element, "running element"));
      }
      return (JobList.Builder) this;
    }

    /**
     * Adds one element to {@link JobList#finished() finished} list.
     * @param element A finished element
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addFinished(FinishedJob element) {
      this.finished.add(Objects.requireNonNull(element, "finished element"));
      return (JobList.Builder) this;
    }

    /**
     * Adds elements to {@link JobList#finished() finished} list.
     * @param elements An array of finished elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addFinished(FinishedJob... elements) {
      for (FinishedJob element : elements) {
        this.finished.add(Objects.requireNonNull(element, "finished element"));
      }
      return (JobList.Builder) this;
    }


    /**
     * Sets or replaces all elements for {@link JobList#finished() finished} list.
     * @param elements An iterable of finished elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder finished(Iterable<? extends FinishedJob> elements) {
      this.finished.clear();
      return addAllFinished(elements);
    }

    /**
     * Adds elements to {@link JobList#finished() finished} list.
     * @param elements An iterable of finished elements
     * @return {@code this} builder for use in a chained invocation
     */
    public final JobList.Builder addAllFinished(Iterable<? extends FinishedJob> elements) {
      for (FinishedJob element : elements) {
        this.finished.add(Objects.requireNonNull(element, "finished element"));
      }
      return (JobList.Builder) this;
    }

    /**
     * Builds a new {@link JobList JobList}.
     * @return An immutable instance of JobList
     * @throws java.lang.IllegalStateException if any required attributes are missing
     */
    public JobList build() {
      if (initBits != 0) {
        throw new IllegalStateException(formatRequiredAttributesMessage());
      }
      return new ImmutableJobList(this);
    }

    private String formatRequiredAttributesMessage() {
      List<String> attributes = new ArrayList<>();
      if ((initBits & INIT_BIT_NODE_NAME) != 0) attributes.add("nodeName");
      return "Cannot build JobList, some of required attributes are not set " + attributes;
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
