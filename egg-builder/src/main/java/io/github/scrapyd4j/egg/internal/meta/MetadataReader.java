package io.github.scrapyd4j.egg.internal.meta;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.scrapyd4j.egg.EggBuildException;
import io.github.scrapyd4j.egg.EggBuildException.Problem;
import io.github.scrapyd4j.egg.internal.PyConfigParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a project's packaging metadata without running Python, in setuptools' order: the
 * {@code setup()} call of {@code setup.py} (statically), {@code setup.cfg}'s declarative
 * {@code [options]} for what setup() leaves unset, then {@code pyproject.toml} ({@code [project]},
 * {@code [tool.setuptools]}), whose values win as setuptools applies them last.
 */
public final class MetadataReader {
  /** Files larger than this are not metadata a person wrote: refused. */
  private static final long MAX_FILE = 4L * 1024 * 1024;
  private static final TomlMapper TOML = new TomlMapper();

  private MetadataReader() {}

  /**
   * Reads the metadata of a project folder.
   *
   * @param dir the project folder
   * @return what it declares; {@link Packaging#present()} is false when there is no metadata
   * @throws EggBuildException if a metadata file cannot be read or does not parse
   */
  public static Packaging read(Path dir) {
    Packaging p = new Packaging();
    Path setupPy = dir.resolve("setup.py");
    if (Files.isRegularFile(setupPy)) {
      readSetupPy(text(setupPy), p);
    }
    Path setupCfg = dir.resolve("setup.cfg");
    if (Files.isRegularFile(setupCfg)) {
      readSetupCfg(setupCfg, text(setupCfg), p);
    }
    Path pyproject = dir.resolve("pyproject.toml");
    if (Files.isRegularFile(pyproject)) {
      readPyproject(pyproject, text(pyproject), p);
    }
    return p;
  }

  /**
   * A text file of the project's packaging (setup.py, setup.cfg, MANIFEST.in, pip's RECORD and
   * METADATA), read as UTF-8 up to a cap: a file over 4 MiB is refused, never read whole.
   *
   * @param file the file
   * @return its text
   * @throws EggBuildException if it cannot be read or is over the cap
   */
  public static String text(Path file) {
    try {
      if (Files.size(file) > MAX_FILE) {
        throw new EggBuildException(Problem.UNREADABLE_FILE, file + " is larger than "
            + MAX_FILE + " bytes: not packaging metadata", file, null);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE, file + " cannot be read: " + e, file,
          e);
    }
  }

  // ---------------------------------------------------------------- setup.py

  static void readSetupPy(String source, Packaging p) {
    PySetupParser.Result r = PySetupParser.parse(source);
    if (r.line == 0) {
      p.warnings.add("setup.py has no setup(...) call this reader recognises; used the rules of"
          + " the setup.py scrapyd-deploy writes (find_packages(), scrapy.cfg's settings)");
      return;
    }
    p.sources.add("setup.py");
    for (String problem : r.problems) {
      p.warnings.add("setup.py: " + problem + "; keywords set there are not known");
    }
    Map<String, PyValue> kw = r.kwargs;
    p.name = string(kw, "name", p, "the name 'project'");
    p.version = string(kw, "version", p, "the version '1.0'");
    PyValue packages = kw.get("packages");
    if (packages != null) {
      p.packages = packagesFromPy(packages, p);
      p.packagesOrigin = "packages= in setup.py, line " + packages.line;
    }
    PyValue pd = kw.get("package_dir");
    if (pd != null) {
      Map<String, List<String>> m = dictOfStrings(pd, "package_dir", p,
          "no package_dir (packages are read from the project's root)");
      if (m != null) {
        p.packageDir = new LinkedHashMap<>();
        m.forEach((k, v) -> p.packageDir.put(k, v.get(0)));
      }
    }
    PyValue mods = kw.get("py_modules");
    if (mods != null) {
      p.pyModules = strings(mods, "py_modules", p, "no py_modules");
    }
    PyValue data = kw.get("package_data");
    if (data != null) {
      p.packageData = dictOfStrings(data, "package_data", p,
          "no declared package data (the packages' non-Python files)");
    }
    PyValue exclude = kw.get("exclude_package_data");
    if (exclude != null) {
      p.excludePackageData = dictOfStrings(exclude, "exclude_package_data", p,
          "no exclusion");
    }
    PyValue include = kw.get("include_package_data");
    if (include != null) {
      if (include instanceof PyValue.Const && !((PyValue.Const) include).text.equals("None")) {
        String t = ((PyValue.Const) include).text;
        p.includePackageData = !(t.equals("False") || t.equals("0"));
      } else {
        unread(p, "include_package_data", include, "False (not set)");
      }
    }
    PyValue eps = kw.get("entry_points");
    if (eps != null) {
      readEntryPoints(eps, p);
    }
    PyValue requires = kw.get("install_requires");
    if (requires != null) {
      List<String> list = requires instanceof PyValue.Str
          ? lines(((PyValue.Str) requires).value)
          : strings(requires, "install_requires", p, "no declared dependencies");
      if (list != null) {
        p.dependencies = list;
      }
    }
  }

  private static Packaging.Packages packagesFromPy(PyValue v, Packaging p) {
    if (v instanceof PyValue.Call) {
      PyValue.Call c = (PyValue.Call) v;
      String fn = c.simpleName();
      if (fn.equals("find_packages") || fn.equals("find_namespace_packages")) {
        PyValue where = c.arg(0, "where");
        PyValue exclude = c.arg(1, "exclude");
        PyValue include = c.arg(2, "include");
        List<String> w = where == null ? List.of(".") : PyValue.strings(where);
        List<String> ex = exclude == null ? List.of() : PyValue.strings(exclude);
        List<String> in = include == null ? List.of("*") : PyValue.strings(include);
        if (w != null && w.size() == 1 && ex != null && in != null) {
          return Packaging.Packages.find(w, in, ex, fn.equals("find_namespace_packages"));
        }
        PyValue bad = w == null || w.size() != 1 ? where : ex == null ? exclude : include;
        p.warnings.add("setup.py line " + c.line + ": packages=" + fn + "(...) has an argument"
            + " that is not a literal (" + bad.describe() + "); used find_packages() instead");
        return Packaging.Packages.find(List.of("."), List.of("*"), List.of(), false);
      }
    }
    List<String> names = PyValue.strings(v);
    if (names != null && !(v instanceof PyValue.Str)) {
      return Packaging.Packages.explicit(names);
    }
    PyValue u = v.firstUnknown() != null ? v.firstUnknown() : v;
    p.warnings.add("setup.py line " + v.line + ": packages= is computed (" + u.describe()
        + "), which only running Python can evaluate; used find_packages() instead (give"
        + " --setup-py / useSetupPy(true) to run setup.py)");
    return Packaging.Packages.find(List.of("."), List.of("*"), List.of(), false);
  }

  private static void readEntryPoints(PyValue eps, Packaging p) {
    List<String> scrapy = null;
    if (eps instanceof PyValue.Str) {
      scrapy = Packaging.scrapyGroup(((PyValue.Str) eps).value);
    } else if (eps instanceof PyValue.Dict) {
      for (Map.Entry<PyValue, PyValue> e : ((PyValue.Dict) eps).entries.entrySet()) {
        if (e.getKey() instanceof PyValue.Str
            && ((PyValue.Str) e.getKey()).value.strip().equals("scrapy")) {
          PyValue group = e.getValue();
          if (group instanceof PyValue.Str) {
            scrapy = lines(((PyValue.Str) group).value);
          } else {
            scrapy = PyValue.strings(group);
          }
          if (scrapy == null) {
            unread(p, "entry_points['scrapy']", group, "scrapy.cfg's [settings] default");
            return;
          }
        }
      }
      if (scrapy == null && eps.firstUnknown() != null) {
        unread(p, "entry_points", eps, "scrapy.cfg's [settings] default");
        return;
      }
    } else {
      unread(p, "entry_points", eps, "scrapy.cfg's [settings] default");
      return;
    }
    String module = scrapy == null ? null : Packaging.settingsFrom(scrapy);
    if (module != null) {
      p.settings = module;
      p.settingsOrigin = "entry_points in setup.py, line " + eps.line;
    }
  }

  private static String string(
      Map<String, PyValue> kw, String key, Packaging p, String instead) {
    PyValue v = kw.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof PyValue.Str) {
      return ((PyValue.Str) v).value;
    }
    if (v instanceof PyValue.Const && !((PyValue.Const) v).text.equals("None")) {
      return ((PyValue.Const) v).text;
    }
    unread(p, key, v, instead);
    return null;
  }

  private static List<String> strings(PyValue v, String key, Packaging p, String instead) {
    List<String> out = PyValue.strings(v);
    if (out == null || v instanceof PyValue.Str) {
      unread(p, key, v, instead);
      return null;
    }
    return out;
  }

  private static Map<String, List<String>> dictOfStrings(
      PyValue v, String key, Packaging p, String instead) {
    if (!(v instanceof PyValue.Dict)) {
      unread(p, key, v, instead);
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<PyValue, PyValue> e : ((PyValue.Dict) v).entries.entrySet()) {
      List<String> values = PyValue.strings(e.getValue());
      if (!(e.getKey() instanceof PyValue.Str) || values == null) {
        unread(p, key, e.getKey() instanceof PyValue.Str ? e.getValue() : e.getKey(), instead);
        return null;
      }
      out.put(((PyValue.Str) e.getKey()).value, values);
    }
    return out;
  }

  private static void unread(Packaging p, String key, PyValue v, String instead) {
    PyValue u = v.firstUnknown() != null ? v.firstUnknown() : v;
    p.warnings.add("setup.py line " + v.line + ": " + key + "= is " + u.describe()
        + ", which only running Python can evaluate; used " + instead + " instead");
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r?\n|\r")) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        out.add(line.strip());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- setup.cfg

  static void readSetupCfg(Path file, String text, Packaging p) {
    PyConfigParser cfg = new PyConfigParser(UnaryOperator.identity(), true);
    try {
      cfg.read(file.toString(), text);
    } catch (PyConfigParser.Error e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE, "setup.cfg does not parse (setuptools"
          + " would refuse it too): " + e.getMessage(), file, e);
    }
    boolean any = cfg.hasSection("metadata") || cfg.hasSection("options");
    if (!any) {
      return;
    }
    p.sources.add("setup.cfg");
    if (p.name == null && cfg.raw("metadata", "name") != null) {
      p.name = cfg.raw("metadata", "name").strip();
    }
    String version = cfg.raw("metadata", "version");
    if (p.version == null && version != null) {
      if (version.strip().startsWith("attr:") || version.strip().startsWith("file:")) {
        p.warnings.add("setup.cfg: [metadata] version = " + version.strip() + " is read at run"
            + " time; used the version '1.0' instead");
      } else {
        p.version = version.strip();
      }
    }
    if (!cfg.hasSection("options")) {
      return;
    }
    String packages = cfg.raw("options", "packages");
    if (p.packages == null && packages != null) {
      String v = packages.strip();
      if (v.equals("find:") || v.equals("find_namespace:")) {
        String find = "options.packages.find";
        String where = cfg.hasSection(find) ? cfg.raw(find, "where") : null;
        p.packages = Packaging.Packages.find(
            List.of(where == null || where.isBlank() ? "." : where.strip()),
            cfg.hasSection(find) && cfg.raw(find, "include") != null
                ? list(cfg.raw(find, "include")) : List.of("*"),
            cfg.hasSection(find) && cfg.raw(find, "exclude") != null
                ? list(cfg.raw(find, "exclude")) : List.of(),
            v.equals("find_namespace:"));
      } else {
        p.packages = Packaging.Packages.explicit(list(v));
      }
      p.packagesOrigin = "[options] packages in setup.cfg";
    }
    String packageDir = cfg.raw("options", "package_dir");
    if (p.packageDir == null && packageDir != null) {
      p.packageDir = new LinkedHashMap<>();
      for (String line : list(packageDir)) {
        int eq = line.indexOf('=');
        if (eq < 0) {
          p.packageDir.put("", line.strip());
        } else {
          p.packageDir.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
    }
    String mods = cfg.raw("options", "py_modules");
    if (p.pyModules == null && mods != null) {
      p.pyModules = list(mods);
    }
    String include = cfg.raw("options", "include_package_data");
    if (p.includePackageData == null && include != null) {
      p.includePackageData = bool(include);
    }
    String requires = cfg.raw("options", "install_requires");
    if (p.dependencies == null && requires != null) {
      if (requires.strip().startsWith("file:")) {
        // install_requires = file: requirements.txt (setuptools 62.6+): the files' lines
        List<String> deps = new ArrayList<>();
        for (String name : list(requires.strip().substring(5))) {
          Path f = file.resolveSibling(name);
          if (!Files.isRegularFile(f)) {
            p.warnings.add("setup.cfg: [options] install_requires names " + name + ", which is"
                + " not a file of the project; those dependencies are not known");
            continue;
          }
          deps.addAll(lines(text(f)));
        }
        p.dependencies = deps;
      } else {
        p.dependencies = lines(requires);
      }
    }
    if (p.packageData == null && cfg.hasSection("options.package_data")) {
      p.packageData = cfgDict(cfg, "options.package_data");
    }
    if (p.excludePackageData == null && cfg.hasSection("options.exclude_package_data")) {
      p.excludePackageData = cfgDict(cfg, "options.exclude_package_data");
    }
    if (p.settings == null && cfg.hasSection("options.entry_points")) {
      String scrapy = cfg.raw("options.entry_points", "scrapy");
      String module = scrapy == null ? null : Packaging.settingsFrom(lines(scrapy));
      if (module != null) {
        p.settings = module;
        p.settingsOrigin = "[options.entry_points] scrapy in setup.cfg";
      }
    }
  }

  private static Map<String, List<String>> cfgDict(PyConfigParser cfg, String section) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : cfg.options(section)) {
      if (cfg.hasSection(PyConfigParser.DEFAULT_SECTION)
          && cfg.options(PyConfigParser.DEFAULT_SECTION).contains(key)) {
        continue;
      }
      out.put(key.equals("*") ? "" : key, list(cfg.raw(section, key)));
    }
    return out;
  }

  /** setuptools' _parse_list: one item a line when there are lines, else comma-separated. */
  static List<String> list(String value) {
    String[] parts = value.indexOf('\n') >= 0 ? value.split("\n") : value.split(",");
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static boolean bool(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes");
  }

  // ---------------------------------------------------------------- pyproject.toml

  static void readPyproject(Path file, String text, Packaging p) {
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JacksonException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE, "pyproject.toml is not valid TOML"
          + " (setuptools would refuse it too): " + e.getOriginalMessage(), file, e);
    }
    JsonNode project = root.path("project");
    JsonNode tool = root.path("tool").path("setuptools");
    if (!project.isObject() && !tool.isObject()) {
      return;
    }
    p.sources.add("pyproject.toml");
    if (project.isObject()) {
      p.projectTable = true;
      if (project.path("name").isTextual()) {
        p.name = project.get("name").asText();
      }
      if (project.path("version").isTextual()) {
        p.version = project.get("version").asText();
      }
      if (project.path("dependencies").isArray()) {
        p.dependencies = textList(project.get("dependencies"));
      }
      JsonNode scrapy = project.path("entry-points").path("scrapy");
      if (scrapy.path("settings").isTextual()) {
        p.settings = Packaging.settingsFrom(List.of("settings = "
            + scrapy.get("settings").asText()));
        p.settingsOrigin = "[project.entry-points.scrapy] in pyproject.toml";
      }
    }
    if (!tool.isObject()) {
      return;
    }
    JsonNode packages = tool.path("packages");
    if (packages.isArray()) {
      p.packages = Packaging.Packages.explicit(textList(packages));
      p.packagesOrigin = "[tool.setuptools] packages in pyproject.toml";
    } else if (packages.path("find").isObject()) {
      JsonNode find = packages.get("find");
      p.packages = Packaging.Packages.find(
          find.path("where").isArray() ? textList(find.get("where")) : List.of("."),
          find.path("include").isArray() ? textList(find.get("include")) : List.of("*"),
          find.path("exclude").isArray() ? textList(find.get("exclude")) : List.of(),
          !find.path("namespaces").isBoolean() || find.get("namespaces").asBoolean());
      p.packagesOrigin = "[tool.setuptools.packages.find] in pyproject.toml";
    }
    if (tool.path("package-dir").isObject()) {
      p.packageDir = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = tool.get("package-dir").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        p.packageDir.put(e.getKey(), e.getValue().asText());
      }
    }
    if (tool.path("py-modules").isArray()) {
      p.pyModules = textList(tool.get("py-modules"));
    }
    if (tool.path("include-package-data").isBoolean()) {
      p.includePackageData = tool.get("include-package-data").asBoolean();
    }
    if (tool.path("package-data").isObject()) {
      p.packageData = tomlDict(tool.get("package-data"));
    }
    if (tool.path("exclude-package-data").isObject()) {
      p.excludePackageData = tomlDict(tool.get("exclude-package-data"));
    }
  }

  private static Map<String, List<String>> tomlDict(JsonNode table) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey().equals("*") ? "" : e.getKey(), e.getValue().isArray()
          ? textList(e.getValue()) : List.of(e.getValue().asText()));
    }
    return out;
  }

  private static List<String> textList(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }
}
