package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.egg.internal.Pep440;
import io.github.scrapyd4j.model.Versions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders stored version names the way Scrapyd 1.4 and later do, to tell which version a job
 * without {@code _version} will run (the last one). Scrapyd sorts the stored names with
 * {@code packaging.version.Version} when <em>every</em> name is a PEP 440 version, and as plain
 * strings otherwise. Stored names have every character outside {@code [A-Za-z0-9_-]} replaced by
 * {@code _}, so {@code 1.10} is stored as {@code 1_10}, which is not PEP 440, and {@code 1_9}
 * sorts after it.
 *
 * <pre>{@code
 * VersionOrder.sort(List.of("1_9", "1_10"));                         // [1_10, 1_9]
 * VersionOrder.sort(List.of("1700000010", "1700000009"));            // [1700000009, 1700000010]
 * VersionOrder.wouldBeLatest(List.of("1_9"), "1.10");                // false
 * }</pre>
 *
 * <p>Scrapyd 1.2 and 1.3 used {@code LooseVersion} instead; this class does not model it.
 */
public final class VersionOrder {
  private VersionOrder() {}

  /**
   * Sorts stored version names as Scrapyd 1.4+ does: by PEP 440 when all parse, else as strings.
   * The sort is stable, like Python's.
   *
   * @param storedNames version names as {@code listversions} returns them
   * @return the names, latest last
   */
  public static List<String> sort(Collection<String> storedNames) {
    Args.notNull("storedNames", storedNames);
    List<String> names = new ArrayList<>(storedNames);
    if (allPep440(names)) {
      names.sort(Comparator.comparing(Pep440::parse));
    } else {
      names.sort(VersionOrder::compareCodePoints);
    }
    return names;
  }

  /**
   * Whether every name parses as a PEP 440 version, so that Scrapyd sorts them as versions.
   *
   * @param storedNames version names as stored
   * @return true when all parse (and for an empty collection)
   */
  public static boolean allPep440(Collection<String> storedNames) {
    for (String name : storedNames) {
      if (!isPep440(name)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether one name parses as a PEP 440 version ({@code packaging.version.Version}).
   *
   * @param name a version name
   * @return whether it parses
   */
  public static boolean isPep440(String name) {
    return Pep440.parse(Args.notNull("name", name)) != null;
  }

  /**
   * The version Scrapyd runs when a job names none.
   *
   * @param storedNames version names as stored
   * @return the last one in Scrapyd's order, empty if there are none
   */
  public static Optional<String> latest(Collection<String> storedNames) {
    List<String> sorted = sort(storedNames);
    return sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.get(sorted.size() - 1));
  }

  /**
   * Whether a new version will be the latest once uploaded next to the stored ones. It must sort
   * strictly after every other: when it ties with another (PEP 440 {@code 1} and {@code 01}),
   * Scrapyd's choice depends on file order, so the answer is false.
   *
   * @param storedNames version names already stored, as {@code listversions} returns them
   * @param newVersion the version to upload, as sent (it is sanitized here)
   * @return whether Scrapyd will take it as the latest
   */
  public static boolean wouldBeLatest(Collection<String> storedNames, String newVersion) {
    Args.notNull("storedNames", storedNames);
    String stored = Versions.storedName(Args.notNull("newVersion", newVersion));
    List<String> all = new ArrayList<>();
    for (String name : storedNames) {
      if (!name.equals(stored)) {
        all.add(name);
      }
    }
    all.add(stored);
    boolean pep440 = allPep440(all);
    for (String other : all.subList(0, all.size() - 1)) {
      int c = pep440
          ? Pep440.parse(stored).compareTo(Pep440.parse(other))
          : compareCodePoints(stored, other);
      if (c <= 0) {
        return false;
      }
    }
    return true;
  }

  /** Python's str ordering: by code point. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
