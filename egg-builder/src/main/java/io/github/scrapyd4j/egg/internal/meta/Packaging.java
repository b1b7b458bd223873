package io.github.scrapyd4j.egg.internal.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a project's packaging metadata declares, merged the way setuptools merges it: {@code
 * setup()}'s keyword arguments, then {@code setup.cfg} for what they leave unset, then {@code
 * pyproject.toml}, whose {@code [tool.setuptools]} and {@code [project]} values win. A field is
 * {@code null} when nothing declares it.
 */
public final class Packaging {
  /** The metadata files read, in the order read ({@code setup.py}, ...). */
  public final List<String> sources = new ArrayList<>();
  /** What could not be read, each naming the file, key, line and what was used instead. */
  public final List<String> warnings = new ArrayList<>();
  /** The distribution name. */
  public String name;
  /** The distribution version. */
  public String version;
  /** Which packages, or null when not declared (setuptools then discovers them). */
  public Packages packages;
  /** Where {@link #packages} was declared, for messages. */
  public String packagesOrigin;
  /** {@code package_dir}. */
  public Map<String, String> packageDir;
  /** {@code py_modules}. */
  public List<String> pyModules;
  /** {@code package_data}: package ({@code ""} for every package) to glob patterns. */
  public Map<String, List<String>> packageData;
  /** {@code exclude_package_data}. */
  public Map<String, List<String>> excludePackageData;
  /** {@code include_package_data}, when given. */
  public Boolean includePackageData;
  /** The module of the {@code [scrapy] settings} entry point. */
  public String settings;
  /** Where {@link #settings} was declared, for messages. */
  public String settingsOrigin;
  /** {@code install_requires} or {@code [project] dependencies}. */
  public List<String> dependencies;
  /** {@code pyproject.toml} has a {@code [project]} table (setuptools' pyproject defaults). */
  public boolean projectTable;

  /** An explicit list of packages, or a find_packages() search. */
  public static final class Packages {
    /** The packages, or null for a search. */
    public final List<String> explicit;
    /** Where to search ({@code where}), relative to the project. */
    public final List<String> where;
    /** {@code include} patterns; empty means every package. */
    public final List<String> include;
    /** {@code exclude} patterns. */
    public final List<String> exclude;
    /** find_namespace_packages(): folders without __init__.py are packages too. */
    public final boolean namespaces;

    private Packages(List<String> explicit, List<String> where, List<String> include,
        List<String> exclude, boolean namespaces) {
      this.explicit = explicit;
      this.where = where;
      this.include = include;
      this.exclude = exclude;
      this.namespaces = namespaces;
    }

    static Packages explicit(List<String> names) {
      return new Packages(List.copyOf(names), null, List.of(), List.of(), false);
    }

    static Packages find(
        List<String> where, List<String> include, List<String> exclude, boolean namespaces) {
      return new Packages(null, List.copyOf(where), List.copyOf(include), List.copyOf(exclude),
          namespaces);
    }
  }

  /**
   * Whether any metadata file declares something.
   *
   * @return true when {@link #sources} is not empty
   */
  public boolean present() {
    return !sources.isEmpty();
  }

  /**
   * Reads the metadata entry point syntax {@code name = module[:attr] [extras]} and returns the
   * module of {@code settings}, or null. Shared with {@code Egg}, which reads the same syntax
   * from an egg's {@code entry_points.txt}.
   *
   * @param lines the lines of the {@code scrapy} entry point group
   * @return the settings module, or null
   */
  public static String settingsFrom(List<String> lines) {
    for (String raw : lines) {
      String line = raw.strip();
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).strip().equals("settings")) {
        String target = line.substring(eq + 1).strip();
        int cut = target.length();
        for (char stop : new char[] {':', '[', ' '}) {
          int at = target.indexOf(stop);
          if (at >= 0) {
            cut = Math.min(cut, at);
          }
        }
        String module = target.substring(0, cut).strip();
        return module.isEmpty() ? null : module;
      }
    }
    return null;
  }

  /** The lines of the {@code [scrapy]} group of an entry points INI text. */
  static List<String> scrapyGroup(String ini) {
    List<String> out = new ArrayList<>();
    String section = null;
    for (String raw : ini.split("\r?\n|\r")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
      } else if ("scrapy".equals(section)) {
        out.add(line);
      }
    }
    return out;
  }
}
