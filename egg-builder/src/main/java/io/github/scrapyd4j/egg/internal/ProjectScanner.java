package io.github.scrapyd4j.egg.internal;

import io.github.scrapyd4j.egg.EggBuildException;
import io.github.scrapyd4j.egg.EggBuildException.Problem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files of an egg: the packages {@code setuptools.find_packages()} finds, their modules
 * and (optionally) their data files, files matched by include patterns, and extra folders; skips
 * excluded paths; refuses symbolic links that leave the tree or loop, unreadable files and file
 * names that are not UTF-8.
 */
public final class ProjectScanner {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.egg.EggBuilder");

  /**
   * Paths left out unless default excludes are switched off: byte code, VCS folders,
   * virtualenvs, build output, tool caches and OS or editor clutter.
   */
  public static final List<String> DEFAULT_EXCLUDES = List.of(
      "__pycache__/", "*.pyc", "*.pyo", "*$py.class",
      ".git/", ".hg/", ".svn/", ".bzr/", "CVS/", "_darcs/",
      ".gitignore", ".gitattributes", ".gitmodules", ".hgignore", ".hgtags",
      ".venv/", "venv/", ".tox/", ".nox/",
      "/build/", "/dist/", "*.egg-info/", ".eggs/",
      ".pytest_cache/", ".mypy_cache/", ".ruff_cache/", ".ipynb_checkpoints/", "node_modules/",
      ".idea/", ".vscode/",
      ".DS_Store", "Thumbs.db", "desktop.ini", "._*", "__MACOSX/", "*~", "*.swp", "*.swo",
      ".#*");

  private static final List<Glob> DEFAULT_GLOBS = compileAll(DEFAULT_EXCLUDES);

  /** What a file is in the egg. */
  public enum Kind {
    /** A Python module of a package. */
    MODULE,
    /** Any other file. */
    DATA
  }

  /** One file to put in the egg. */
  public static final class SourceFile {
    /** Where it goes in the egg. */
    public final String eggPath;
    /** Where it is read from. */
    public final Path path;
    /** What it is. */
    public final Kind kind;
    /** Its size when scanned, a hint for reading. */
    public final long size;

    /**
     * Creates one.
     *
     * @param eggPath where it goes in the egg
     * @param path where it is read from
     * @param kind what it is
     * @param size its size when listed, or -1
     */
    public SourceFile(String eggPath, Path path, Kind kind, long size) {
      this.eggPath = eggPath;
      this.path = path;
      this.kind = kind;
      this.size = size;
    }
  }

  /** What a scan found. */
  public static final class Result {
    /** The files, in walk order (sorted names per folder). */
    public final List<SourceFile> files = new ArrayList<>();
    /** The packages found the way find_packages() finds them, dotted. */
    public final List<String> packages = new ArrayList<>();
    /** Top-level names for top_level.txt. */
    public final TreeSet<String> topLevel = new TreeSet<>();
    /** Top-level folders that hold Python files but are not packages (for error messages). */
    public final List<String> nonPackageFolders = new ArrayList<>();
  }

  private final GlobSet excludes;
  private final List<Glob> includes;
  private final boolean defaultExcludes;
  private final boolean dataFiles;

  /**
   * Creates a scanner.
   *
   * @param excludes the caller's exclude patterns
   * @param includes the caller's include patterns (files outside packages to add)
   * @param defaultExcludes whether {@link #DEFAULT_EXCLUDES} apply too
   * @param dataFiles whether non-module files inside packages are packaged
   */
  public ProjectScanner(
      List<Glob> excludes, List<Glob> includes, boolean defaultExcludes, boolean dataFiles) {
    List<Glob> all = new ArrayList<>(excludes);
    if (defaultExcludes) {
      all.addAll(DEFAULT_GLOBS);
    }
    this.excludes = new GlobSet(all);
    this.includes = List.copyOf(includes);
    this.defaultExcludes = defaultExcludes;
    this.dataFiles = dataFiles;
  }

  /**
   * Compiles patterns.
   *
   * @param patterns glob patterns
   * @return the compiled patterns
   */
  public static List<Glob> compileAll(List<String> patterns) {
    List<Glob> out = new ArrayList<>();
    for (String p : patterns) {
      out.add(Glob.compile(p));
    }
    return out;
  }

  /**
   * Scans a Scrapy project folder.
   *
   * @param root the project folder
   * @param result where to add what is found
   */
  public void scanProject(Path root, Result result) {
    Path real = realPath(root);
    walk(new Walk(root, real, "", result, true), root, "", real, new ArrayList<>(List.of(real)),
        true, false, false, false);
  }

  /**
   * Scans an extra folder: everything in it goes into the egg under {@code prefix}.
   *
   * @param folder the folder
   * @param prefix the path in the egg ({@code "name/"} or {@code ""} for the egg's root)
   * @param result where to add what is found
   */
  public void scanExtra(Path folder, String prefix, Result result) {
    Path real = realPath(folder);
    walk(new Walk(folder, real, prefix, result, false), folder, "", real,
        new ArrayList<>(List.of(real)), false, true, true, false);
  }

  private static Path realPath(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new EggBuildException(Problem.NOT_A_FOLDER,
          "folder " + folder + " cannot be read: " + e, folder, e);
    }
  }

  /** The fixed facts of one walk. */
  private static final class Walk {
    final Path root;
    final Path realRoot;
    final String prefix;
    final Result result;
    final boolean project;

    Walk(Path root, Path realRoot, String prefix, Result result, boolean project) {
      this.root = root;
      this.realRoot = realRoot;
      this.prefix = prefix;
      this.result = result;
      this.project = project;
    }
  }

  /**
   * Walks one folder.
   *
   * @param chainOk the folder is the root or a package whose ancestors are all packages
   * @param inPackage files here are data files (inside a package tree, or an extra folder)
   * @param included an enclosing folder matched an include pattern (or it is an extra folder)
   * @param listedPackage the folder is a package find_packages() lists: its *.py are modules
   */
  private void walk(Walk w, Path dir, String rel, Path realDir, List<Path> realStack,
      boolean chainOk, boolean inPackage, boolean included, boolean listedPackage) {
    List<Path> children = new ArrayList<>();
    List<String> names = new ArrayList<>();
    list(dir, children, names);
    for (int index = 0; index < children.size(); index++) {
      Path child = children.get(index);
      String name = names.get(index);
      String childRel = rel.isEmpty() ? name : rel + "/" + name;
      String eggPath = w.prefix + childRel;
      BasicFileAttributes own = attributes(child, false);
      if (own == null) {
        continue;
      }
      boolean link = own.isSymbolicLink();
      BasicFileAttributes target = link ? attributes(child, true) : own;
      boolean isDir = target != null && target.isDirectory();
      if (excludes.matches(eggPath, name, isDir)) {
        LOG.debug("Excluded {}", child);
        continue;
      }
      if (isDir) {
        if (defaultExcludes && Files.exists(child.resolve("pyvenv.cfg"))) {
          LOG.debug("Excluded virtualenv {}", child);
          continue;
        }
        boolean hasInit = Files.isRegularFile(child.resolve("__init__.py"));
        boolean isPackage = w.project && chainOk && name.indexOf('.') < 0 && hasInit;
        String packageName = childRel.replace('/', '.');
        boolean listed = isPackage && !packageName.equals("ez_setup")
            && !packageName.endsWith("__pycache__");
        boolean childInPackage = listed || (inPackage && dataFiles);
        boolean childIncluded = included || includeMatches(childRel, true);
        boolean descend = isPackage || childInPackage || childIncluded
            || includeMightMatchBelow(childRel);
        if (!descend) {
          if (w.project && rel.isEmpty() && !hasInit && containsPython(child)) {
            w.result.nonPackageFolders.add(name);
          }
          continue;
        }
        checkName(child, name);
        Path childReal = link
            ? checkLink(w, child, realDir, realStack, true)
            : realDir.resolve(child.getFileName());
        if (listed) {
          w.result.packages.add(packageName);
          w.result.topLevel.add(packageName.split("\\.", 2)[0]);
        } else if (!w.project && rel.isEmpty() && hasInit && w.prefix.isEmpty()) {
          w.result.topLevel.add(name);
        }
        realStack.add(childReal);
        walk(w, child, childRel, childReal, realStack, isPackage, childInPackage, childIncluded,
            listed);
        realStack.remove(realStack.size() - 1);
      } else if (target == null) {
        if (inScope(childRel, inPackage, included, listedPackage, name)) {
          throw new EggBuildException(Problem.BROKEN_SYMLINK,
              "symbolic link " + child + " points to " + linkText(child)
                  + ", which does not exist; remove the link or exclude it", child, null);
        }
      } else if (target.isRegularFile()) {
        boolean module = listedPackage && name.endsWith(".py") && !name.startsWith(".");
        boolean take = module || (inPackage && (dataFiles || !w.project))
            || included || includeMatches(childRel, false);
        if (!take) {
          continue;
        }
        checkName(child, name);
        if (link) {
          checkLink(w, child, realDir, realStack, false);
        }
        w.result.files.add(new SourceFile(eggPath, child,
            name.endsWith(".py") ? Kind.MODULE : Kind.DATA, target.size()));
        if (rel.isEmpty() && name.endsWith(".py") && (w.project || w.prefix.isEmpty())) {
          w.result.topLevel.add(name.substring(0, name.length() - 3));
        }
      } else if (inScope(childRel, inPackage, included, listedPackage, name)) {
        LOG.warn("Skipped {}: not a regular file or folder", child);
      }
    }
  }

  private boolean inScope(
      String rel, boolean inPackage, boolean included, boolean listedPackage, String name) {
    return (listedPackage && name.endsWith(".py")) || inPackage || included
        || includeMatches(rel, false);
  }

  private boolean includeMatches(String rel, boolean directory) {
    for (Glob g : includes) {
      if (g.matches(rel, directory)) {
        return true;
      }
    }
    return false;
  }

  private boolean includeMightMatchBelow(String rel) {
    for (Glob g : includes) {
      if (g.mightMatchBelow(rel)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsPython(Path folder) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.py")) {
      return s.iterator().hasNext();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Lists a folder's entries sorted by name, each name decoded once. */
  private static void list(Path dir, List<Path> children, List<String> names) {
    List<Map.Entry<String, Path>> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        entries.add(Map.entry(p.getFileName().toString(), p));
      }
    } catch (InvalidPathException e) {
      throw new EggBuildException(Problem.INVALID_FILE_NAME,
          "folder " + dir + " holds a file name that cannot be decoded with the file name encoding "
              + System.getProperty("sun.jnu.encoding")
              + "; run Java with a UTF-8 locale (LANG=C.UTF-8) and use UTF-8 file names", dir, e);
    } catch (IOException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE,
          "folder " + dir + " cannot be read: " + e, dir, e);
    }
    entries.sort(Map.Entry.comparingByKey());
    for (Map.Entry<String, Path> e : entries) {
      names.add(e.getKey());
      children.add(e.getValue());
    }
  }

  private static BasicFileAttributes attributes(Path p, boolean follow) {
    try {
      return follow
          ? Files.readAttributes(p, BasicFileAttributes.class)
          : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (follow) {
        return null;
      }
      throw new EggBuildException(Problem.UNREADABLE_FILE, p + " cannot be read: " + e, p, e);
    }
  }

  /**
   * Rejects names that are not UTF-8: on a UTF-8 JVM their bad bytes decode as U+FFFD, so the
   * decoded name no longer names the file (a name really holding U+FFFD still does).
   */
  private static void checkName(Path child, String name) {
    if (name.indexOf('\uFFFD') >= 0
        && !Files.exists(child.resolveSibling(name), LinkOption.NOFOLLOW_LINKS)) {
      throw invalidName(child);
    }
  }

  private static EggBuildException invalidName(Path child) {
    return new EggBuildException(Problem.INVALID_FILE_NAME,
        "the name of " + child + " is not valid UTF-8 (shown with U+FFFD for the bad bytes);"
            + " Python could not import or read it from an egg: rename it, or exclude it", child,
        null);
  }

  private static Path checkLink(
      Walk w, Path link, Path realDir, List<Path> realStack, boolean directory) {
    Path real;
    try {
      real = link.toRealPath();
    } catch (IOException e) {
      throw new EggBuildException(Problem.BROKEN_SYMLINK,
          "symbolic link " + link + " cannot be followed: " + e, link, e);
    }
    if (directory && (realStack.contains(real) || realDir.startsWith(real))) {
      throw new EggBuildException(Problem.SYMLINK_LOOP,
          "symbolic link " + link + " points to " + real + ", a folder that contains the link"
              + " (a loop); it is not followed: remove it or exclude it", link, null);
    }
    if (!real.startsWith(w.realRoot)) {
      throw new EggBuildException(Problem.SYMLINK_OUTSIDE_PROJECT,
          "symbolic link " + link + " points to " + real + ", outside "
              + (w.project ? "the project " : "the folder ") + w.root
              + "; it is not followed: copy the files in, exclude the link, or add the folder"
              + " with EggBuilder.Builder.addTopLevelFolder", link, null);
    }
    return real;
  }

  private static String linkText(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "?";
    }
  }
}
