package io.github.scrapyd4j.egg.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Several patterns matched at once: plain names through hash sets, {@code *suffix} and {@code
 * prefix*} patterns through short lists, the rest one by one. Matches exactly what matching each
 * {@link Glob} would, faster when there are many patterns (the default excludes).
 */
public final class GlobSet {
  private final Set<String> names = new HashSet<>();
  private final Set<String> folderNames = new HashSet<>();
  private final Set<String> paths = new HashSet<>();
  private final Set<String> folderPaths = new HashSet<>();
  private final List<Glob> simple = new ArrayList<>();
  private final List<Glob> others = new ArrayList<>();
  private final boolean empty;

  /**
   * Groups patterns.
   *
   * @param globs the patterns
   */
  public GlobSet(List<Glob> globs) {
    for (Glob g : globs) {
      if (g.simple() == Glob.Simple.EXACT) {
        (g.directoryOnly() ? folderNames : names).add(g.literal());
      } else if (g.simple() != null) {
        simple.add(g);
      } else if (g.literalPath() != null) {
        (g.directoryOnly() ? folderPaths : paths).add(g.literalPath());
      } else {
        others.add(g);
      }
    }
    empty = globs.isEmpty();
  }

  /**
   * Whether any pattern matches the path.
   *
   * @param path the path relative to the root
   * @param name its last segment
   * @param directory whether it is a folder
   * @return whether it matches
   */
  public boolean matches(String path, String name, boolean directory) {
    if (empty) {
      return false;
    }
    if (names.contains(name) || (directory && folderNames.contains(name))
        || paths.contains(path) || (directory && folderPaths.contains(path))) {
      return true;
    }
    for (Glob g : simple) {
      if ((directory || !g.directoryOnly()) && g.matchesName(name)) {
        return true;
      }
    }
    for (Glob g : others) {
      if (g.matches(path, directory)) {
        return true;
      }
    }
    return false;
  }
}
