package io.github.scrapyd4j.egg.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version parsed and ordered as {@code packaging.version.Version} (packaging 22 and later) does,
 * which is what Scrapyd 1.4+ sorts egg versions with.
 */
public final class Pep440 implements Comparable<Pep440> {
  private static final Pattern PATTERN = Pattern.compile(
      "^\\s*v?"
          + "(?:"
          + "(?:(?<epoch>[0-9]+)!)?"
          + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
          + "(?<pre>[-_.]?(?<prel>(a|b|c|rc|alpha|beta|pre|preview))[-_.]?(?<pren>[0-9]+)?)?"
          + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
          + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
          + ")"
          + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
          + "\\s*$",
      Pattern.CASE_INSENSITIVE);

  private final BigInteger epoch;
  private final List<BigInteger> release;
  /** Null: no pre-release. Letter is a, b or rc. */
  private final String preLetter;
  private final BigInteger preNumber;
  private final BigInteger post;
  private final BigInteger dev;
  /** Null: no local part. Elements are BigInteger or String. */
  private final List<Object> local;

  private Pep440(BigInteger epoch, List<BigInteger> release, String preLetter,
      BigInteger preNumber, BigInteger post, BigInteger dev, List<Object> local) {
    this.epoch = epoch;
    this.release = release;
    this.preLetter = preLetter;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local;
  }

  /**
   * Parses a version.
   *
   * @param text the version text
   * @return the version, or {@code null} where {@code packaging} raises {@code InvalidVersion}
   */
  public static Pep440 parse(String text) {
    Matcher m = PATTERN.matcher(text);
    if (!m.matches()) {
      return null;
    }
    BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
    List<BigInteger> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) {
      release.add(new BigInteger(part));
    }
    while (!release.isEmpty() && release.get(release.size() - 1).signum() == 0) {
      release.remove(release.size() - 1);
    }
    String preLetter = null;
    BigInteger preNumber = null;
    if (m.group("prel") != null) {
      String l = m.group("prel").toLowerCase(Locale.ROOT);
      preLetter = l.equals("alpha") ? "a"
          : l.equals("beta") ? "b"
          : l.equals("c") || l.equals("pre") || l.equals("preview") ? "rc"
          : l;
      preNumber = number(m.group("pren"));
    }
    BigInteger post = null;
    if (m.group("postn1") != null) {
      post = new BigInteger(m.group("postn1"));
    } else if (m.group("postl") != null) {
      post = number(m.group("postn2"));
    }
    BigInteger dev = m.group("devl") == null ? null : number(m.group("devn"));
    List<Object> local = null;
    if (m.group("local") != null) {
      local = new ArrayList<>();
      for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
        local.add(part.chars().allMatch(Character::isDigit) ? new BigInteger(part) : part);
      }
    }
    return new Pep440(epoch, Collections.unmodifiableList(release), preLetter, preNumber, post,
        dev, local);
  }

  private static BigInteger number(String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  @Override
  public int compareTo(Pep440 o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareLists(release, o.release);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    if (preRank() == 0) {
      c = preLetter.compareTo(o.preLetter);
      if (c != 0) {
        return c;
      }
      c = preNumber.compareTo(o.preNumber);
      if (c != 0) {
        return c;
      }
    }
    c = compareNullable(post, o.post, -1);
    if (c != 0) {
      return c;
    }
    c = compareNullable(dev, o.dev, +1);
    if (c != 0) {
      return c;
    }
    if (local == null || o.local == null) {
      return local == null ? (o.local == null ? 0 : -1) : 1;
    }
    return compareLocal(local, o.local);
  }

  /**
   * The pre-release key's rank: -1 for NegativeInfinity (a dev release with neither pre nor post),
   * +1 for Infinity (no pre-release), 0 when there is a pre-release to compare.
   */
  private int preRank() {
    if (preLetter == null && post == null && dev != null) {
      return -1;
    }
    return preLetter == null ? 1 : 0;
  }

  /** Compares numbers where absence is -infinity ({@code absent = -1}) or +infinity. */
  private static int compareNullable(BigInteger a, BigInteger b, int absent) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : absent) : -absent;
    }
    return a.compareTo(b);
  }

  private static int compareLists(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Numbers sort after strings; strings compare as text; a prefix sorts first. */
  private static int compareLocal(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c;
      if (x instanceof BigInteger && y instanceof BigInteger) {
        c = ((BigInteger) x).compareTo((BigInteger) y);
      } else if (x instanceof BigInteger) {
        c = 1;
      } else if (y instanceof BigInteger) {
        c = -1;
      } else {
        c = ((String) x).compareTo((String) y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Pep440 && compareTo((Pep440) other) == 0;
  }

  @Override
  public int hashCode() {
    return epoch.hashCode() * 31 + release.hashCode();
  }
}
