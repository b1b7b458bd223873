package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.egg.EggBuildException.Problem;
import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.egg.internal.Processes;
import io.github.scrapyd4j.egg.internal.PyConfigParser;
import io.github.scrapyd4j.egg.internal.meta.MetadataReader;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a project's dependencies into a folder, to be vendored into its egg: what
 * scrapyd-deploy's {@code --include-dependencies} does with {@code requirements.txt}. pip does the
 * installing ({@code python -m pip install --target FOLDER --no-compile ...}), with the first
 * Python found that has pip; the folder then goes to {@link
 * EggBuilder.Builder#addTopLevelContents(Path)}, so each installed package sits at the egg's root,
 * where Scrapyd's Python imports it from.
 *
 * <pre>{@code
 * Path vendor = Files.createTempDirectory("deps");
 * List<String> installed = Dependencies.builder()
 *     .projectDir(projectDir)                        // its requirements.txt
 *     .pipArgs(List.of("--no-index", "--find-links", "/srv/wheels"))
 *     .build()
 *     .installInto(vendor);                          // ["parsel-helpers 1.2", ...]
 * Egg egg = EggBuilder.builder().projectDir(projectDir).addTopLevelContents(vendor).build().build();
 * }</pre>
 *
 * <p>What is installed: {@link Builder#requirementsFile(Path)} or {@link
 * Builder#requirements(List)} when given, else the project's {@code requirements.txt}, else the
 * {@code dependencies} of {@code pyproject.toml}'s {@code [project]} table (read by Python's
 * {@code tomllib}), else the {@code install_requires} of {@code setup.py}'s {@code setup(...)}
 * call, read without running it as {@link EggBuilder} reads it, else {@code install_requires} of
 * {@code setup.cfg}'s {@code [options]}.
 *
 * <p>Only pure-Python packages can be vendored: Python cannot load a compiled extension module
 * ({@code .so}, {@code .pyd}) from inside an egg, so {@link #installInto(Path)} refuses an
 * installation holding one, naming the package (install such packages on the Scrapyd nodes
 * instead). The packages must also suit the Python the nodes run.
 */
public final class Dependencies {
  private static final Logger LOG = LoggerFactory.getLogger(Dependencies.class);

  /** The default time limit of the installation: 10 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private static final Pattern COMPILED = Pattern.compile(
      ".*\\.(so|pyd|dylib|dll)(\\.[0-9]+)*", Pattern.CASE_INSENSITIVE);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  /** Reads pyproject.toml's [project] dependencies with the Python that installs them. */
  private static final String READ_PYPROJECT = "try:\n"
      + "    import tomllib\n"
      + "except ImportError:\n"
      + "    from pip._vendor import tomli as tomllib\n"
      + "with open('pyproject.toml', 'rb') as f:\n"
      + "    project = tomllib.load(f).get('project', {})\n"
      + "if 'dependencies' in project.get('dynamic', []):\n"
      + "    print('DYNAMIC')\n"
      + "elif 'dependencies' not in project:\n"
      + "    print('NONE')\n"
      + "else:\n"
      + "    print('DEPENDENCIES')\n"
      + "    for d in project['dependencies']:\n"
      + "        print(' '.join(str(d).split()))\n";

  private final Path projectDir;
  private final Path requirementsFile;
  private final List<String> requirements;
  private final List<String> pipArgs;
  private final String python;
  private final Duration timeout;

  private Dependencies(Builder b) {
    this.projectDir = b.projectDir;
    this.requirementsFile = b.requirementsFile;
    this.requirements = b.requirements == null ? null : List.copyOf(b.requirements);
    this.pipArgs = List.copyOf(b.pipArgs);
    this.python = b.python;
    this.timeout = b.timeout;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Installs the dependencies into a folder and checks that they can be loaded from an egg.
   * Scripts pip installs ({@code bin/}) are removed from the folder; so is each {@code
   * direct_url.json}, which names local paths.
   *
   * @param folder an empty folder, such as a temporary one (created if absent)
   * @return the distributions installed, as {@code "name version"}, sorted; empty when the
   *     project declares none
   * @throws EggBuildException ({@link Problem#DEPENDENCIES_FAILED}) when there is nothing to read
   *     the dependencies from, no Python with pip, or pip fails (its output is in the message);
   *     ({@link Problem#COMPILED_DEPENDENCY}) when an installed package has compiled extension
   *     modules (the message names the package and the files)
   */
  public List<String> installInto(Path folder) {
    Args.notNull("folder", folder);
    Path dir = projectDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new EggBuildException(Problem.NOT_A_FOLDER, "project folder " + dir
          + " does not exist or is not a folder", dir, null);
    }
    Path target = folder.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target);
    } catch (IOException e) {
      throw new EggBuildException(Problem.IO_ERROR, "cannot create " + target + ": " + e, target,
          e);
    }
    String py = python != null ? python : findPython();
    List<String> what = what(dir, py);
    if (what.isEmpty()) {
      LOG.info("The project declares no dependency; nothing to install");
      return List.of();
    }
    List<String> command = new ArrayList<>(List.of(py, "-m", "pip", "install", "--target",
        target.toString(), "--no-compile", "--disable-pip-version-check", "--no-input"));
    command.addAll(pipArgs);
    command.addAll(what);
    // An index URL or a requirement may carry a token: every text shown goes through Redaction.
    String shown = Redaction.uri(String.join(" ", command));
    LOG.info("Running '{}' in {}", shown, dir);
    Processes.Result result;
    try {
      result = Processes.run(command, dir, Map.of("PYTHONDONTWRITEBYTECODE", "1"), timeout);
    } catch (IOException e) {
      throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "cannot run " + py + ": "
          + e.getMessage(), dir, e);
    }
    if (result.timedOut) {
      throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "'" + shown
          + "' did not finish within " + timeout + "; output:\n"
          + Redaction.uri(result.output(4000)), dir, null);
    }
    if (result.exitCode != 0) {
      throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "installing the dependencies ("
          + Redaction.uri(String.join(" ", what)) + ") with '" + py + " -m pip install' failed"
          + " (exit " + result.exitCode + "); pip said:\n" + Redaction.uri(result.output(4000)),
          dir, null);
    }
    try {
      deleteTree(target.resolve("bin"));
      Map<String, String> owners = owners(target);
      checkPurePython(target, owners);
      List<String> installed = new ArrayList<>(new java.util.TreeSet<>(owners.values()));
      LOG.info("Installed {} distribution(s) into {}: {}", installed.size(), target,
          String.join(", ", installed));
      return installed;
    } catch (IOException e) {
      throw new EggBuildException(Problem.IO_ERROR, "cannot read what pip installed into "
          + target + ": " + e, target, e);
    }
  }

  /** The arguments that tell pip what to install. */
  private List<String> what(Path dir, String py) {
    if (requirementsFile != null) {
      Path file = dir.resolve(requirementsFile);
      if (!Files.isRegularFile(file)) {
        throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "requirements file " + file
            + " does not exist", file, null);
      }
      return List.of("-r", file.toString());
    }
    if (requirements != null) {
      return requirements;
    }
    Path txt = dir.resolve("requirements.txt");
    if (Files.isRegularFile(txt)) {
      return List.of("-r", txt.toString());
    }
    List<String> looked = new ArrayList<>();
    looked.add("no " + txt);
    Path pyproject = dir.resolve("pyproject.toml");
    if (Files.isRegularFile(pyproject)) {
      Optional<List<String>> declared = pyprojectDependencies(dir, py, looked);
      if (declared.isPresent()) {
        return declared.get();
      }
    } else {
      looked.add("no " + pyproject);
    }
    Path setupPy = dir.resolve("setup.py");
    if (Files.isRegularFile(setupPy)) {
      // setup()'s install_requires, read statically as the egg builder reads setup.py
      List<String> declared = MetadataReader.read(dir).dependencies;
      if (declared != null && !declared.isEmpty()) {
        LOG.info("Dependencies from install_requires of setup.py: {}",
            Redaction.uri(declared.toString()));
        return declared;
      }
      looked.add(setupPy + " has no install_requires that can be read without running it");
    } else {
      looked.add("no " + setupPy);
    }
    Path setupCfg = dir.resolve("setup.cfg");
    if (Files.isRegularFile(setupCfg)) {
      Optional<List<String>> declared = setupCfgDependencies(setupCfg, looked);
      if (declared.isPresent()) {
        return declared.get();
      }
    } else {
      looked.add("no " + setupCfg);
    }
    throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "no dependencies to include: "
        + String.join(", ", looked) + "; write the dependencies into requirements.txt", dir,
        null);
  }

  private Optional<List<String>> pyprojectDependencies(Path dir, String py, List<String> looked) {
    Processes.Result r;
    try {
      r = Processes.run(List.of(py, "-c", READ_PYPROJECT), dir, Map.of(), PROBE_TIMEOUT);
    } catch (IOException e) {
      throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "cannot run " + py
          + " to read pyproject.toml: " + e.getMessage(), dir, e);
    }
    if (r.exitCode != 0) {
      throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "cannot read "
          + dir.resolve("pyproject.toml") + " with " + py + ": " + r.output(2000), dir, null);
    }
    List<String> lines = r.stdout.strip().lines().map(String::strip)
        .collect(Collectors.toList());
    String kind = lines.isEmpty() ? "" : lines.get(0);
    if (kind.equals("DYNAMIC")) {
      looked.add("pyproject.toml declares its dependencies dynamic (computed by the build"
          + " backend, which is not run)");
      return Optional.empty();
    }
    if (!kind.equals("DEPENDENCIES")) {
      looked.add("pyproject.toml has no [project] dependencies");
      return Optional.empty();
    }
    List<String> deps = lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty())
        .collect(Collectors.toList());
    LOG.info("Dependencies from [project] dependencies of pyproject.toml: {}",
        Redaction.uri(deps.toString()));
    return Optional.of(deps);
  }

  private static Optional<List<String>> setupCfgDependencies(Path file, List<String> looked) {
    PyConfigParser parser = new PyConfigParser(v -> v);
    String value;
    try {
      parser.read(file.toString(), MetadataReader.text(file));
      value = parser.hasSection("options") ? parser.raw("options", "install_requires") : null;
    } catch (PyConfigParser.Error e) {
      throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "cannot read " + file + ": "
          + e.getMessage(), file, e);
    }
    if (value == null) {
      looked.add(file.getFileName() + " has no [options] install_requires");
      return Optional.empty();
    }
    if (value.strip().startsWith("file:") || value.strip().startsWith("attr:")) {
      looked.add(file.getFileName() + "'s install_requires is a " + value.strip().split(":")[0]
          + ": directive, which is not read");
      return Optional.empty();
    }
    List<String> deps = new ArrayList<>();
    for (String line : value.split("\\R")) {
      String req = line.strip();
      int comment = req.indexOf(" #");
      if (comment >= 0) {
        req = req.substring(0, comment).strip();
      }
      if (!req.isEmpty() && !req.startsWith("#")) {
        deps.add(req);
      }
    }
    LOG.info("Dependencies from [options] install_requires of {}: {}", file,
        Redaction.uri(deps.toString()));
    return Optional.of(deps);
  }

  /**
   * The first Python that can run pip: the {@value EggBuilder#PYTHON_PROPERTY} system property
   * alone when set, else {@code python3}, {@code python}, then {@code /usr/bin/python3}.
   */
  private static String findPython() {
    List<String> candidates = new ArrayList<>();
    String property = System.getProperty(EggBuilder.PYTHON_PROPERTY, "");
    if (!property.isBlank()) {
      candidates.add(property);
    } else {
      candidates.addAll(List.of("python3", "python", "/usr/bin/python3"));
    }
    List<String> tried = new ArrayList<>();
    for (String candidate : candidates) {
      try {
        Processes.Result r = Processes.run(List.of(candidate, "-m", "pip", "--version"),
            Path.of("").toAbsolutePath(), Map.of(), PROBE_TIMEOUT);
        if (r.exitCode == 0) {
          return candidate;
        }
        String why = r.output(300).strip();
        int nl = why.lastIndexOf('\n');
        tried.add(candidate + " (" + (nl >= 0 ? why.substring(nl + 1) : why) + ")");
      } catch (IOException e) {
        tried.add(candidate + " (not found)");
      }
    }
    throw new EggBuildException(Problem.DEPENDENCIES_FAILED, "no Python with pip found to install"
        + " the dependencies: tried " + String.join(", ", tried) + "; install pip (python3 -m"
        + " ensurepip, or the python3-pip package) or name a Python that has it ("
        + "Dependencies.Builder.python, the " + EggBuilder.PYTHON_PROPERTY + " property, or"
        + " --python)", null, null);
  }

  /** Each installed file (relative, with /) to "name version", from the RECORD files. */
  private static Map<String, String> owners(Path target) throws IOException {
    Map<String, String> owners = new TreeMap<>();
    List<Path> distInfos;
    try (Stream<Path> s = Files.list(target)) {
      distInfos = s.filter(p -> p.getFileName().toString().endsWith(".dist-info")
          && Files.isDirectory(p)).sorted().collect(Collectors.toList());
    }
    for (Path info : distInfos) {
      String dist = distribution(info);
      Files.deleteIfExists(info.resolve("direct_url.json"));
      Path record = info.resolve("RECORD");
      if (!Files.isRegularFile(record)) {
        continue;
      }
      for (String line : MetadataReader.text(record).lines().toArray(String[]::new)) {
        String path = firstCsvField(line);
        if (!path.isEmpty()) {
          owners.put(target.resolve(path).normalize().toString(), dist);
        }
      }
    }
    return owners;
  }

  private static String distribution(Path info) throws IOException {
    String name = info.getFileName().toString().replaceFirst("\\.dist-info$", "");
    String version = "";
    int dash = name.indexOf('-');
    if (dash > 0) {
      version = name.substring(dash + 1);
      name = name.substring(0, dash);
    }
    Path metadata = info.resolve("METADATA");
    if (Files.isRegularFile(metadata)) {
      for (String line : MetadataReader.text(metadata).lines().toArray(String[]::new)) {
        if (line.isEmpty()) {
          break;
        }
        if (line.startsWith("Name: ")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("Version: ")) {
          version = line.substring(9).strip();
        }
      }
    }
    return (name + " " + version).strip();
  }

  private static String firstCsvField(String line) {
    if (line.startsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            b.append('"');
            i++;
          } else {
            break;
          }
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
    int comma = line.indexOf(',');
    return (comma < 0 ? line : line.substring(0, comma)).strip();
  }

  /** Refuses compiled extension modules, naming the distributions that brought them. */
  private static void checkPurePython(Path target, Map<String, String> owners)
      throws IOException {
    Map<String, List<String>> compiled = new LinkedHashMap<>();
    Files.walkFileTree(target, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (COMPILED.matcher(file.getFileName().toString()).matches()) {
          String rel = target.relativize(file).toString().replace('\\', '/');
          String owner = owners.getOrDefault(file.normalize().toString(),
              "the package " + rel.split("/")[0]);
          compiled.computeIfAbsent(owner, k -> new ArrayList<>()).add(rel);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    if (compiled.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : compiled.entrySet()) {
      List<String> files = e.getValue();
      parts.add(e.getKey() + " (" + String.join(", ", files.subList(0, Math.min(3, files.size())))
          + (files.size() > 3 ? " and " + (files.size() - 3) + " more" : "") + ")");
    }
    throw new EggBuildException(Problem.COMPILED_DEPENDENCY, "cannot vendor "
        + String.join("; ", parts) + ": "
        + (compiled.size() == 1 ? "it has" : "they have") + " compiled extension modules, which"
        + " Python cannot load from inside an egg; install "
        + (compiled.size() == 1 ? "it" : "them") + " on each Scrapyd node instead (pip install"
        + " there) and leave " + (compiled.size() == 1 ? "it" : "them")
        + " out of the vendored requirements", target, null);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Options, for logs. */
  @Override
  public String toString() {
    return "Dependencies{projectDir=" + projectDir + ", pipArgs="
        + Redaction.uri(pipArgs.toString())
        + (python == null ? "" : ", python=" + python) + '}';
  }

  /** Builds {@link Dependencies}. */
  public static final class Builder {
    private Path projectDir;
    private Path requirementsFile;
    private List<String> requirements;
    private final List<String> pipArgs = new ArrayList<>();
    private String python;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * The project folder: where {@code requirements.txt} (or {@code pyproject.toml}, {@code
     * setup.cfg}) is read, and where pip runs, so relative paths in {@code requirements.txt} are
     * relative to it. Required.
     *
     * @param projectDir the folder
     * @return this builder
     */
    public Builder projectDir(Path projectDir) {
      this.projectDir = Args.notNull("projectDir", projectDir);
      return this;
    }

    /**
     * A requirements file to install from instead of the project's {@code requirements.txt};
     * relative to the project folder.
     *
     * @param file the file
     * @return this builder
     */
    public Builder requirementsFile(Path file) {
      this.requirementsFile = Args.notNull("file", file);
      return this;
    }

    /**
     * The requirements to install, in pip's syntax ({@code "parsel>=1.8"}, a local path), instead
     * of reading them from the project: for example the {@code install_requires} of a {@code
     * setup.py}.
     *
     * @param requirements the requirements (copied)
     * @return this builder
     */
    public Builder requirements(List<String> requirements) {
      Args.notNull("requirements", requirements);
      for (String r : requirements) {
        Args.notBlank("requirement", r);
      }
      this.requirements = List.copyOf(requirements);
      return this;
    }

    /**
     * Extra arguments for {@code pip install}, such as {@code --no-index}, {@code --find-links
     * DIR}, {@code --index-url URL} or {@code --no-deps}. Added after the ones before.
     *
     * @param args the arguments, each one word as pip reads it
     * @return this builder
     */
    public Builder pipArgs(List<String> args) {
      for (String a : Args.notNull("args", args)) {
        pipArgs.add(Args.notNull("arg", a));
      }
      return this;
    }

    /**
     * The Python interpreter that runs pip. Default: the first of the {@value
     * EggBuilder#PYTHON_PROPERTY} system property (alone, when set), {@code python3}, {@code
     * python} and {@code /usr/bin/python3} that can run {@code -m pip}.
     *
     * @param python the interpreter's name or path
     * @return this builder
     */
    public Builder python(String python) {
      this.python = Args.notBlank("python", python);
      return this;
    }

    /**
     * The time limit of the installation. Default: {@link #DEFAULT_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Args.positive("timeout", timeout);
      return this;
    }

    /**
     * Builds the {@link Dependencies}; nothing is read or run until {@link #installInto(Path)}.
     *
     * @return the dependencies
     * @throws IllegalStateException if no project folder was given
     */
    public Dependencies build() {
      if (projectDir == null) {
        throw new IllegalStateException("projectDir is required: the folder whose dependencies"
            + " are installed");
      }
      return new Dependencies(this);
    }
  }
}
