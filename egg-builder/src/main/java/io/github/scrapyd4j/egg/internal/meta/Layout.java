package io.github.scrapyd4j.egg.internal.meta;

import io.github.scrapyd4j.egg.EggBuildException;
import io.github.scrapyd4j.egg.EggBuildException.Problem;
import io.github.scrapyd4j.egg.internal.GlobSet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code setup.py bdist_egg} would package from declared metadata: the packages (listed,
 * found with find_packages()'s rules, or discovered as setuptools does when none are declared),
 * their modules, {@code py_modules}, and the data files ({@code package_data}, {@code
 * include_package_data} with {@code MANIFEST.in}, less {@code exclude_package_data}); when no
 * package data is declared, the packages' non-Python files instead.
 */
public final class Layout {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.egg.EggBuilder");

  /** find_packages() always leaves these out. */
  private static final List<Pattern> ALWAYS_EXCLUDE =
      List.of(Patterns.fnmatch("ez_setup"), Patterns.fnmatch("*__pycache__"));
  /** setuptools' FlatLayoutPackageFinder._EXCLUDE. */
  private static final List<String> FLAT_EXCLUDE = List.of("ci", "bin", "debian", "doc", "docs",
      "documentation", "manpages", "news", "newsfragments", "changelog", "test", "tests",
      "unit_test", "unit_tests", "example", "examples", "scripts", "tools", "util", "utils",
      "python", "build", "dist", "venv", "env", "requirements", "tasks", "fabfile", "site_scons",
      "benchmark", "benchmarks", "exercise", "exercises", "htmlcov", "[._]*");
  /** setuptools' FlatLayoutModuleFinder.DEFAULT_EXCLUDE. */
  private static final List<String> FLAT_MODULE_EXCLUDE = List.of("setup", "conftest", "test",
      "tests", "example", "examples", "build", "toxfile", "noxfile", "pavement", "dodo", "tasks",
      "fabfile", "[Ss][Cc]onstruct", "conanfile", "manage", "benchmark", "benchmarks", "exercise",
      "exercises", "[._]*");
  private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");

  /** One file to package. */
  public static final class Selected {
    /** Where it goes in the egg. */
    public final String eggPath;
    /** Where it is read from. */
    public final Path path;
    /** Its path relative to the project. */
    public final String projectPath;
    /** A module ({@code .py} of a package or a py_module) rather than a data file. */
    public final boolean module;
    /** Its size when listed. */
    public final long size;

    Selected(String eggPath, FileInfo f, boolean module) {
      this.eggPath = eggPath;
      this.path = f.path;
      this.projectPath = f.rel;
      this.module = module;
      this.size = f.size;
    }
  }

  /** A file of the project. */
  static final class FileInfo {
    final String rel;
    final Path path;
    final long size;
    final boolean outsideLink;

    FileInfo(String rel, Path path, long size, boolean outsideLink) {
      this.rel = rel;
      this.path = path;
      this.size = size;
      this.outsideLink = outsideLink;
    }
  }

  /** The files, modules first then data files, in the order found. */
  public final List<Selected> files = new ArrayList<>();
  /** The packages, dotted. */
  public final List<String> packages = new ArrayList<>();
  /** Top-level names, for top_level.txt. */
  public final TreeSet<String> topLevel = new TreeSet<>();
  /** What differs from setuptools or could not be done, for the caller to report. */
  public final List<String> warnings = new ArrayList<>();
  /** Whether the data files are the declared ones (else the packages' non-Python files). */
  public boolean declaredData;
  /** Every file of the project (not excluded by default), by project-relative path. */
  public final Map<String, Path> projectFiles = new TreeMap<>();

  private final Path root;
  private final TreeMap<String, FileInfo> index = new TreeMap<>();
  private final Map<String, List<FileInfo>> filesByDir = new java.util.HashMap<>();
  private final Set<String> dirs = new HashSet<>();
  private final Map<String, List<String>> subdirs = new java.util.HashMap<>();
  private Map<String, String> packageDir = Map.of();

  private Layout(Path root) {
    this.root = root;
  }

  /**
   * Computes the layout.
   *
   * @param root the project folder
   * @param meta the declared metadata ({@link Packaging#present()})
   * @param walkExcludes paths never looked at (the default excludes), or an empty set
   * @param pyvenvExcluded whether folders holding {@code pyvenv.cfg} are left out
   * @param dataFiles false to package modules only
   * @return the layout
   */
  public static Layout compute(
      Path root, Packaging meta, GlobSet walkExcludes, boolean pyvenvExcluded, boolean dataFiles) {
    Layout l = new Layout(root);
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw new EggBuildException(Problem.NOT_A_FOLDER, "folder " + root + " cannot be read: " + e,
          root, e);
    }
    l.dirs.add("");
    l.walk(root, "", real, new ArrayList<>(List.of(real)), walkExcludes, pyvenvExcluded);
    for (FileInfo f : l.index.values()) {
      l.projectFiles.put(f.rel, f.path);
    }
    l.select(meta, dataFiles);
    return l;
  }

  private void walk(Path dir, String rel, Path realRoot, List<Path> stack, GlobSet excludes,
      boolean pyvenv) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(children::add);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot list {}: {}", dir, e.toString());
      return;
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      String childRel = rel.isEmpty() ? name : rel + "/" + name;
      BasicFileAttributes own;
      try {
        own = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        continue;
      }
      BasicFileAttributes target = own;
      if (own.isSymbolicLink()) {
        try {
          target = Files.readAttributes(child, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // a broken link is never packaged here
        }
      }
      boolean isDir = target.isDirectory();
      if (excludes.matches(childRel, name, isDir)) {
        continue;
      }
      if (isDir) {
        if (pyvenv && Files.exists(child.resolve("pyvenv.cfg"))) {
          continue;
        }
        Path realChild;
        try {
          realChild = child.toRealPath();
        } catch (IOException e) {
          continue;
        }
        if (own.isSymbolicLink() && (!realChild.startsWith(realRoot)
            || stack.contains(realChild))) {
          LOG.debug("Not following {}: it leaves the project or loops", child);
          continue;
        }
        dirs.add(childRel);
        subdirs.computeIfAbsent(rel, k -> new ArrayList<>()).add(childRel);
        stack.add(realChild);
        walk(child, childRel, realRoot, stack, excludes, pyvenv);
        stack.remove(stack.size() - 1);
      } else if (target.isRegularFile()) {
        boolean outside = false;
        if (own.isSymbolicLink()) {
          try {
            outside = !child.toRealPath().startsWith(realRoot);
          } catch (IOException e) {
            continue;
          }
        }
        FileInfo info = new FileInfo(childRel, child, target.size(), outside);
        index.put(childRel, info);
        filesByDir.computeIfAbsent(rel, k -> new ArrayList<>()).add(info);
      }
    }
  }

  // ------------------------------------------------------------------ selection

  private void select(Packaging meta, boolean dataFiles) {
    packageDir = meta.packageDir == null ? Map.of() : meta.packageDir;
    List<String> pkgs;
    List<String> modules = meta.pyModules == null ? List.of() : meta.pyModules;
    if (meta.packages != null) {
      pkgs = meta.packages.explicit != null ? meta.packages.explicit
          : find(meta.packages.where, meta.packages.include, meta.packages.exclude,
              meta.packages.namespaces, false);
      if (meta.packages.explicit == null && meta.packages.where.size() == 1
          && !meta.packages.where.get(0).equals(".") && !packageDir.containsKey("")
          && meta.packagesOrigin != null && !meta.packagesOrigin.contains("setup.py")) {
        // setup.cfg's find: and pyproject.toml's packages.find map '' to a single 'where'
        // (setuptools' expand.find_packages fill_package_dir); setup.py's find_packages() does not.
        Map<String, String> filled = new LinkedHashMap<>(packageDir);
        filled.put("", meta.packages.where.get(0));
        packageDir = filled;
      }
    } else if (meta.pyModules != null) {
      pkgs = List.of();
    } else {
      pkgs = discover(meta);
      modules = discoveredModules;
    }
    Map<String, String> pkgDirs = new LinkedHashMap<>();
    Map<String, Selected> chosen = new LinkedHashMap<>();
    for (String pkg : pkgs) {
      String dir = packageDir(pkg);
      pkgDirs.put(pkg, dir);
      packages.add(pkg);
      topLevel.add(pkg.split("\\.", 2)[0]);
      if (!dirs.contains(dir)) {
        warnings.add("package " + pkg + " is declared, but its folder " + (dir.isEmpty() ? "."
            : dir) + " is not in the project (or is excluded): setup.py bdist_egg would fail");
        continue;
      }
      if (!index.containsKey(join(dir, "__init__.py")) && meta.packages != null
          && !meta.packages.namespaces && meta.packages.explicit != null) {
        LOG.debug("package {} has no __init__.py", pkg);
      }
      for (FileInfo f : childrenFiles(dir)) {
        String name = f.rel.substring(f.rel.lastIndexOf('/') + 1);
        if (name.endsWith(".py") && !name.startsWith(".")
            && !(dir.isEmpty() && name.equals("setup.py"))) {
          add(chosen, join(pkg.replace('.', '/'), name), f, true);
        }
      }
    }
    for (String module : modules) {
      int dot = module.lastIndexOf('.');
      String pkg = dot < 0 ? "" : module.substring(0, dot);
      String file = join(packageDir(pkg), module.substring(dot + 1) + ".py");
      FileInfo f = index.get(file);
      if (f == null) {
        warnings.add("py_modules names " + module + ", but there is no " + file
            + ": setup.py bdist_egg leaves it out too");
        continue;
      }
      add(chosen, module.replace('.', '/') + ".py", f, true);
      topLevel.add(module.split("\\.", 2)[0]);
    }
    if (dataFiles) {
      declaredData = meta.packageData != null || Boolean.TRUE.equals(meta.includePackageData)
          || (meta.projectTable && meta.includePackageData == null
              && index.containsKey("MANIFEST.in"));
      if (declaredData) {
        declaredData(meta, pkgDirs, chosen);
      } else {
        packagesNonPythonFiles(pkgDirs, chosen);
      }
    }
    files.addAll(chosen.values());
  }

  private void add(Map<String, Selected> chosen, String eggPath, FileInfo f, boolean module) {
    String name = f.path.getFileName().toString();
    if (name.indexOf('\uFFFD') >= 0
        && !Files.exists(f.path.resolveSibling(name), LinkOption.NOFOLLOW_LINKS)) {
      throw new EggBuildException(Problem.INVALID_FILE_NAME, "the name of " + f.path
          + " is not valid UTF-8 (shown with U+FFFD for the bad bytes); Python could not import"
          + " or read it from an egg: rename it, or exclude it", f.path, null);
    }
    if (f.outsideLink) {
      throw new EggBuildException(Problem.SYMLINK_OUTSIDE_PROJECT, "symbolic link " + f.path
          + " points outside the project " + root + "; it is not followed: copy the file in or"
          + " exclude the link", f.path, null);
    }
    chosen.putIfAbsent(eggPath, new Selected(eggPath, f, module));
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** distutils' build_py.get_package_dir. */
  private String packageDir(String pkg) {
    List<String> path = new ArrayList<>(pkg.isEmpty() ? List.of() : List.of(pkg.split("\\.")));
    List<String> tail = new ArrayList<>();
    while (!path.isEmpty()) {
      String mapped = packageDir.get(String.join(".", path));
      if (mapped != null) {
        tail.add(0, mapped);
        return normalize(String.join("/", tail));
      }
      tail.add(0, path.remove(path.size() - 1));
    }
    String base = packageDir.get("");
    if (base != null) {
      tail.add(0, base);
    }
    return normalize(String.join("/", tail));
  }

  private static String normalize(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.replace('\\', '/').split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      out.add(part);
    }
    return String.join("/", out);
  }

  private List<FileInfo> childrenFiles(String dir) {
    List<FileInfo> out = new ArrayList<>(filesByDir.getOrDefault(dir, List.of()));
    out.sort((a, b) -> a.rel.compareTo(b.rel));
    return out;
  }

  private List<FileInfo> filesBelow(String dir) {
    List<FileInfo> out = new ArrayList<>();
    String prefix = dir.isEmpty() ? "" : dir + "/";
    for (FileInfo f : index.tailMap(prefix, true).values()) {
      if (!f.rel.startsWith(prefix)) {
        break;
      }
      out.add(f);
    }
    return out;
  }

  private List<String> childDirs(String dir) {
    List<String> out = new ArrayList<>(subdirs.getOrDefault(dir, List.of()));
    out.sort(null);
    return out;
  }

  // ------------------------------------------------------------------ find_packages()

  /** setuptools' PackageFinder / PEP420PackageFinder / FlatLayoutPackageFinder find(). */
  private List<String> find(List<String> where, List<String> include, List<String> exclude,
      boolean namespaces, boolean flat) {
    List<Pattern> in = new ArrayList<>();
    for (String p : include.isEmpty() ? List.of("*") : include) {
      in.add(Patterns.fnmatch(p));
    }
    List<Pattern> ex = new ArrayList<>(ALWAYS_EXCLUDE);
    for (String p : exclude) {
      ex.add(Patterns.fnmatch(p));
    }
    List<String> out = new ArrayList<>();
    for (String w : where) {
      String base = normalize(w);
      if (!dirs.contains(base)) {
        warnings.add("find_packages(where='" + w + "'): there is no such folder in the project");
        continue;
      }
      findIn(base, base, in, ex, namespaces, flat, out);
    }
    return out;
  }

  private void findIn(String base, String dir, List<Pattern> in, List<Pattern> ex,
      boolean namespaces, boolean flat, List<String> out) {
    for (String child : childDirs(dir)) {
      String name = child.substring(child.lastIndexOf('/') + 1);
      String rel = base.isEmpty() ? child : child.substring(base.length() + 1);
      String pkg = rel.replace('/', '.');
      if (name.indexOf('.') >= 0) {
        continue;
      }
      boolean looksLike = flat ? flatLooksLikePackage(pkg)
          : namespaces || index.containsKey(child + "/__init__.py");
      if (!looksLike) {
        continue;
      }
      if (matchesAny(in, pkg) && !matchesAny(ex, pkg)) {
        out.add(pkg);
      }
      findIn(base, child, in, ex, namespaces, flat, out);
    }
  }

  private static boolean flatLooksLikePackage(String pkg) {
    String[] names = pkg.split("\\.");
    if (!IDENTIFIER.matcher(names[0]).matches() && !names[0].endsWith("-stubs")) {
      return false;
    }
    for (int i = 1; i < names.length; i++) {
      if (!IDENTIFIER.matcher(names[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAny(List<Pattern> patterns, String s) {
    for (Pattern p : patterns) {
      if (p.matcher(s).matches()) {
        return true;
      }
    }
    return false;
  }

  private List<String> discoveredModules = List.of();

  /**
   * setuptools' automatic discovery (no packages nor py_modules declared): src-layout, else
   * flat layout (packages, else modules), each refused by setuptools when it finds several
   * top-level names.
   */
  private List<String> discover(Packaging meta) {
    String srcDir = packageDir.containsKey("") ? normalize(packageDir.get("")) : "src";
    if ((packageDir.isEmpty() || packageDir.containsKey("")) && dirs.contains(srcDir)
        && !srcDir.isEmpty()) {
      List<String> found = find(List.of(srcDir), List.of("*"), List.of(), true, false);
      Map<String, String> filled = new LinkedHashMap<>(packageDir);
      filled.put("", srcDir);
      packageDir = filled;
      discoveredModules = rootModules(srcDir, List.of());
      return found;
    }
    List<String> flatEx = new ArrayList<>();
    for (String p : FLAT_EXCLUDE) {
      flatEx.add(p);
      flatEx.add(p + ".*");
    }
    List<String> found = find(List.of("."), List.of("*"), flatEx, true, true);
    Set<String> top = new LinkedHashSet<>();
    for (String p : found) {
      top.add(p.split("\\.", 2)[0]);
    }
    if (top.isEmpty()) {
      discoveredModules = rootModules("", FLAT_MODULE_EXCLUDE);
      if (discoveredModules.size() > 1) {
        warnings.add(multiple(meta, discoveredModules));
      }
      return List.of();
    }
    if (top.size() > 1) {
      warnings.add(multiple(meta, new ArrayList<>(top)));
    }
    return found;
  }

  private static String multiple(Packaging meta, List<String> names) {
    return String.join(" and ", meta.sources)
        + (meta.sources.size() == 1 ? " declares" : " declare")
        + " no packages, and setuptools' automatic"
        + " discovery finds several top-level names (" + String.join(", ", names) + "), which"
        + " setup.py bdist_egg refuses (\"Multiple top-level packages discovered in a"
        + " flat-layout\"); all of them were packaged: declare packages= to choose";
  }

  private List<String> rootModules(String dir, List<String> excluded) {
    List<Pattern> ex = new ArrayList<>();
    for (String p : excluded) {
      ex.add(Patterns.fnmatch(p));
    }
    List<String> out = new ArrayList<>();
    for (FileInfo f : childrenFiles(dir)) {
      String name = f.rel.substring(f.rel.lastIndexOf('/') + 1);
      if (!name.endsWith(".py")) {
        continue;
      }
      String module = name.substring(0, name.length() - 3);
      if (IDENTIFIER.matcher(module).matches() && !matchesAny(ex, module)) {
        out.add(module);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ data files

  private void declaredData(
      Packaging meta, Map<String, String> pkgDirs, Map<String, Selected> chosen) {
    Map<String, List<String>> data = meta.packageData == null ? Map.of() : meta.packageData;
    Map<String, List<String>> excl =
        meta.excludePackageData == null ? Map.of() : meta.excludePackageData;
    Map<String, List<FileInfo>> manifest = Boolean.FALSE.equals(meta.includePackageData)
        || (meta.includePackageData == null && !meta.projectTable)
        ? Map.of() : manifestFiles(pkgDirs);
    for (Map.Entry<String, String> e : pkgDirs.entrySet()) {
      String pkg = e.getKey();
      String dir = e.getValue();
      if (!dirs.contains(dir)) {
        continue;
      }
      List<FileInfo> candidates = new ArrayList<>(manifest.getOrDefault(pkg, List.of()));
      List<Pattern> globs = new ArrayList<>();
      for (String p : concat(data.get(""), data.get(pkg))) {
        globs.add(Patterns.glob(p));
      }
      if (!globs.isEmpty()) {
        for (FileInfo f : filesBelow(dir)) {
          String rel = dir.isEmpty() ? f.rel : f.rel.substring(dir.length() + 1);
          if (matchesAny(globs, rel)) {
            candidates.add(f);
          }
        }
      }
      List<Pattern> drop = new ArrayList<>();
      for (String p : concat(excl.get(""), excl.get(pkg))) {
        drop.add(Patterns.fnmatch(p));
      }
      for (FileInfo f : candidates) {
        String rel = dir.isEmpty() ? f.rel : f.rel.substring(dir.length() + 1);
        if (!matchesAny(drop, rel)) {
          add(chosen, join(pkg.replace('.', '/'), rel), f, false);
        }
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      out.addAll(a);
    }
    if (b != null) {
      out.addAll(b);
    }
    return out;
  }

  /** include_package_data: MANIFEST.in's files under a package folder, by package. */
  private Map<String, List<FileInfo>> manifestFiles(Map<String, String> pkgDirs) {
    FileInfo manifestIn = index.get("MANIFEST.in");
    if (manifestIn == null) {
      return Map.of();
    }
    Set<String> selected =
        Manifest.apply(MetadataReader.text(manifestIn.path), index.keySet(), warnings);
    Map<String, String> byDir = new LinkedHashMap<>();
    pkgDirs.forEach((pkg, dir) -> byDir.putIfAbsent(dir, pkg));
    Map<String, List<FileInfo>> out = new LinkedHashMap<>();
    for (String path : selected) {
      int slash = path.lastIndexOf('/');
      String d = slash < 0 ? "" : path.substring(0, slash);
      String f = path.substring(slash + 1);
      String oldF = f;
      while (!d.isEmpty() && !byDir.containsKey(d)) {
        int s = d.lastIndexOf('/');
        f = (s < 0 ? d : d.substring(s + 1)) + "/" + f;
        d = s < 0 ? "" : d.substring(0, s);
      }
      if (!byDir.containsKey(d)) {
        continue;
      }
      if (f.equals(oldF) && f.endsWith(".py")
          && IDENTIFIER.matcher(f.substring(0, f.length() - 3)).matches()) {
        continue;
      }
      out.computeIfAbsent(byDir.get(d), k -> new ArrayList<>()).add(index.get(path));
    }
    return out;
  }

  /**
   * No package data declared: each package's files that are not Python modules, in its folder
   * and in sub-folders that are not packages themselves (a sub-folder with {@code __init__.py}
   * left out by the metadata is left out with its files).
   */
  private void packagesNonPythonFiles(Map<String, String> pkgDirs, Map<String, Selected> chosen) {
    Set<String> packageDirs = new HashSet<>(pkgDirs.values());
    for (Map.Entry<String, String> e : pkgDirs.entrySet()) {
      if (dirs.contains(e.getValue())) {
        nonPython(e.getKey().replace('.', '/'), e.getValue(), e.getValue(), packageDirs, chosen);
      }
    }
  }

  private void nonPython(String eggDir, String pkgDir, String dir, Set<String> packageDirs,
      Map<String, Selected> chosen) {
    for (FileInfo f : childrenFiles(dir)) {
      String name = f.rel.substring(f.rel.lastIndexOf('/') + 1);
      if (!name.endsWith(".py")) {
        String rel = pkgDir.isEmpty() ? f.rel : f.rel.substring(pkgDir.length() + 1);
        add(chosen, join(eggDir, rel), f, false);
      }
    }
    for (String child : childDirs(dir)) {
      if (packageDirs.contains(child) || index.containsKey(child + "/__init__.py")) {
        continue;
      }
      nonPython(eggDir, pkgDir, child, packageDirs, chosen);
    }
  }
}
