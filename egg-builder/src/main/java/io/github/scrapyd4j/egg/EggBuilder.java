package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.Eggs;
import io.github.scrapyd4j.egg.EggBuildException.Problem;
import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.egg.internal.Glob;
import io.github.scrapyd4j.egg.internal.GlobSet;
import io.github.scrapyd4j.egg.internal.ProjectScanner;
import io.github.scrapyd4j.egg.internal.SetupPyRunner;
import io.github.scrapyd4j.egg.internal.ZipWriter;
import io.github.scrapyd4j.egg.internal.meta.Layout;
import io.github.scrapyd4j.egg.internal.meta.MetadataReader;
import io.github.scrapyd4j.egg.internal.meta.Packaging;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages a Scrapy project into an egg Scrapyd accepts, in Java, without Python and without
 * writing anything into the project. The egg holds what setuptools' {@code setup.py bdist_egg}
 * (what {@code scrapyd-deploy} runs) would put in it: the same modules and the same {@code
 * [scrapy] settings} entry point, plus data files, and {@code EGG-INFO/} with {@code PKG-INFO},
 * {@code entry_points.txt}, {@code top_level.txt}, {@code SOURCES.txt}, {@code
 * dependency_links.txt} and {@code zip-safe}.
 *
 * <p><b>The project's packaging metadata</b> decides, read without running Python in the order
 * setuptools applies it: the {@code setup(...)} call of {@code setup.py} (literal arguments,
 * {@code find_packages(...)}, names assigned once to a literal), then {@code setup.cfg}'s
 * declarative {@code [options]}, then {@code pyproject.toml}'s {@code [project]} and {@code
 * [tool.setuptools]}: packages, {@code package_dir}, {@code py_modules}, package data (with
 * {@code MANIFEST.in}), the entry point. What only running Python could evaluate becomes one of
 * the egg's {@link Egg#warnings()}, naming the keyword and line and what was used instead ({@link
 * Builder#useSetupPy(boolean)} runs setup.py where that matters; {@link #projectMetadata()} gives
 * the declared dependencies). Without metadata, the rules of the {@code setup.py} scrapyd-deploy
 * writes apply: the packages {@code find_packages()} finds at the project's root, settings from
 * {@code scrapy.cfg}.
 *
 * <pre>{@code
 * Egg egg = EggBuilder.builder()
 *     .findProject(Path.of("."))          // walks up to scrapy.cfg; settings from [settings] default
 *     .exclude("*.md", "mybot/fixtures/")  // on top of the default excludes
 *     .build()
 *     .buildTo(Path.of("build/project.egg"));
 * }</pre>
 *
 * <p><b>Beyond scrapyd-deploy.</b> Unless the metadata declares package data, other files inside
 * packages (JSON, CSV, templates, in sub-folders that are not packages too) are packaged, so
 * {@code pkgutil.get_data} works in the deployed spider ({@link Builder#dataFiles(boolean)} turns
 * that off). Every egg has a {@link Egg#summary()}; files over {@link #LARGE_FILE_WARNING} and
 * eggs over {@link #LARGE_EGG_WARNING} get a warning, and large files are streamed.
 * {@link Builder#include(String...)}
 * adds files outside packages, {@link Builder#exclude(String...)} leaves files out, and {@link
 * #DEFAULT_EXCLUDES} leave out byte code, VCS folders, virtualenvs, {@code build/}, {@code dist/},
 * {@code *.egg-info} and OS clutter. {@link Builder#addTopLevelFolder(Path)} adds vendored
 * dependencies.
 *
 * <p><b>Reproducible.</b> The same project gives the same bytes, wherever it is: entries are
 * sorted, every entry has the same time ({@code SOURCE_DATE_EPOCH}, else {@link
 * #DEFAULT_TIMESTAMP}) and permissions {@code rw-r--r--}.
 *
 * <p><b>Checked.</b> {@link #build()} throws {@link EggBuildException} before anything could be
 * uploaded when there is no {@code scrapy.cfg} (naming the folders searched), no settings module,
 * no file for the settings module, no package, a symbolic link that leaves the project or loops,
 * an unreadable file or a file name that is not UTF-8.
 *
 * <p><b>setup.py with Python.</b> With {@link Builder#useSetupPy(boolean)}, the egg is built by
 * Python instead ({@code python3 setup.py bdist_egg}), in a temporary copy of the project, where
 * only running the project's own {@code setup.py} is exact.
 *
 * <p>An {@code EggBuilder} is immutable and can build any number of times.
 */
public final class EggBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(EggBuilder.class);

  /**
   * The time of every entry when neither {@link Builder#timestamp(Instant)} nor {@code
   * SOURCE_DATE_EPOCH} is given: 1980-01-01T00:00:00Z, the earliest time a ZIP file can hold.
   */
  public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:00Z");
  /** The environment variable of the Reproducible Builds convention: seconds since 1970. */
  public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";
  /** The deflate level used by default, the same as Python's {@code zipfile}. */
  public static final int DEFAULT_COMPRESSION_LEVEL = 6;
  /** The default time limit of {@link Builder#useSetupPy(boolean) setup.py} builds: 10 minutes. */
  public static final Duration DEFAULT_SETUP_PY_TIMEOUT = Duration.ofMinutes(10);
  /** The system property naming the Python interpreter for setup.py builds. */
  public static final String PYTHON_PROPERTY = "scrapyd4j.python";
  /**
   * The paths left out by default: byte code ({@code __pycache__/}, {@code *.pyc}), VCS folders
   * and files ({@code .git/}, {@code .hg/}, {@code .gitignore}...), virtualenvs ({@code .venv/},
   * {@code venv/}, any folder holding {@code pyvenv.cfg}), build output at the project's root
   * ({@code /build/}, {@code /dist/}), {@code *.egg-info/}, tool caches, and OS or editor clutter
   * ({@code .DS_Store}, {@code Thumbs.db}, {@code *~}, {@code *.swp}...).
   */
  public static final List<String> DEFAULT_EXCLUDES = ProjectScanner.DEFAULT_EXCLUDES;

  /** Files larger than this are named in a warning of the egg: 10 MB. */
  public static final long LARGE_FILE_WARNING = 10_000_000L;
  /** Eggs larger than this get a warning naming their largest folders: 5 MB. */
  public static final long LARGE_EGG_WARNING = 5_000_000L;
  /** Files larger than this are read and deflated in chunks instead of whole. */
  private static final long STREAM_THRESHOLD = 1L << 20;

  private static final Pattern MODULE_SEGMENT = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
  private static final Pattern PKG_INFO_VALUE = Pattern.compile("[^\\r\\n]{1,200}");

  private final Path projectDir;
  private final Path searchStart;
  private final ScrapyConfig config;
  private final String settingsModule;
  private final List<String> includes;
  private final List<String> excludes;
  private final boolean defaultExcludes;
  private final boolean dataFiles;
  private final List<Path> topLevelFolders;
  private final List<Path> topLevelContents;
  private final Instant timestamp;
  private final Map<String, String> environment;
  private final int compressionLevel;
  private final boolean useSetupPy;
  private final boolean readMetadata;
  private final String python;
  private final Duration setupPyTimeout;

  private EggBuilder(Builder b) {
    this.projectDir = b.projectDir;
    this.searchStart = b.searchStart;
    this.config = b.config;
    this.settingsModule = b.settingsModule;
    this.includes = List.copyOf(b.includes);
    this.excludes = List.copyOf(b.excludes);
    this.defaultExcludes = b.defaultExcludes;
    this.dataFiles = b.dataFiles;
    this.topLevelFolders = List.copyOf(b.topLevelFolders);
    this.topLevelContents = List.copyOf(b.topLevelContents);
    this.timestamp = b.timestamp;
    this.environment = b.environment;
    this.compressionLevel = b.compressionLevel;
    this.useSetupPy = b.useSetupPy;
    this.readMetadata = b.readMetadata;
    this.python = b.python;
    this.setupPyTimeout = b.setupPyTimeout;
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
   * Builds the egg in memory.
   *
   * @return the egg
   * @throws EggBuildException if the project cannot be packaged; nothing is written anywhere
   * @throws ScrapyConfigException if {@code scrapy.cfg} does not parse
   */
  public Egg build() {
    Project project = resolveProject();
    if (useSetupPy) {
      String py = python != null ? python : System.getProperty(PYTHON_PROPERTY, "python3");
      byte[] bytes = SetupPyRunner.build(project.dir, py, project.settingsModule, setupPyTimeout);
      Egg parsed = Egg.of(bytes);
      List<String> warnings = sizeWarnings(parsed.entries(), parsed.size(), true);
      for (String w : warnings) {
        LOG.warn("{}", w);
      }
      Egg egg = new Egg(parsed.sharedBytes(), parsed.entries(),
          parsed.settingsModule().orElse(null), parsed.topLevelNames(), warnings);
      LOG.info("Built {} with {} setup.py bdist_egg: {} files, {} bytes", project.dir, py,
          egg.entries().size(), egg.size());
      return egg;
    }
    return buildInJava(project);
  }

  /**
   * Builds the egg and writes it to a file (see {@link Egg#writeTo(Path)}).
   *
   * @param file where to write it; missing parent folders are created
   * @return the egg
   * @throws EggBuildException if the project cannot be packaged
   * @throws UncheckedIOException if the file cannot be written
   */
  public Egg buildTo(Path file) {
    Args.notNull("file", file);
    Egg egg = build();
    egg.writeTo(file);
    return egg;
  }

  /**
   * Builds the egg and writes it to a stream, which is not closed.
   *
   * @param out where to write it
   * @return the egg
   * @throws EggBuildException if the project cannot be packaged
   * @throws UncheckedIOException if writing fails
   */
  public Egg buildTo(OutputStream out) {
    Args.notNull("out", out);
    Egg egg = build();
    egg.writeTo(out);
    return egg;
  }

  /**
   * The project folder this builder will package, found the way {@link #build()} finds it,
   * without building.
   *
   * @return the project folder
   * @throws EggBuildException if there is no project or no settings module
   */
  public Path projectDir() {
    return resolveProject().dir;
  }

  /**
   * Reads the project's packaging metadata ({@code setup.py} statically, {@code setup.cfg},
   * {@code pyproject.toml}) the way {@link #build()} does, without building: for instance to
   * get the declared dependencies.
   *
   * @return what the metadata declares; {@link ProjectMetadata#files()} is empty without any
   * @throws EggBuildException if there is no project, or a metadata file cannot be read or does
   *     not parse
   */
  public ProjectMetadata projectMetadata() {
    Path dir = resolveDirAndConfig().dir;
    Packaging meta = MetadataReader.read(dir);
    return ProjectMetadata.builder()
        .files(meta.sources)
        .name(Optional.ofNullable(meta.name))
        .version(Optional.ofNullable(meta.version))
        .addAllDependencies(meta.dependencies == null ? List.of() : meta.dependencies)
        .settingsModule(Optional.ofNullable(meta.settings))
        .warnings(meta.warnings)
        .build();
  }

  /** The project folder, its settings module and its metadata. */
  private static final class Project {
    final Path dir;
    final String settingsModule;
    final String settingsOrigin;
    final Packaging meta;

    Project(Path dir, String settingsModule, String settingsOrigin, Packaging meta) {
      this.dir = dir;
      this.settingsModule = settingsModule;
      this.settingsOrigin = settingsOrigin;
      this.meta = meta;
    }
  }

  /** The project folder and its scrapy.cfg, if any. */
  private static final class DirAndConfig {
    final Path dir;
    final ScrapyConfig cfg;

    DirAndConfig(Path dir, ScrapyConfig cfg) {
      this.dir = dir;
      this.cfg = cfg;
    }
  }

  private DirAndConfig resolveDirAndConfig() {
    ScrapyConfig cfg = config;
    Path dir = projectDir;
    if (cfg == null && dir == null) {
      Path start = searchStart != null ? searchStart : Path.of("").toAbsolutePath();
      try {
        cfg = ScrapyConfig.loader().environment(environment).find(start);
      } catch (ScrapyConfigException e) {
        if (e.problem() == ScrapyConfigException.Problem.NOT_FOUND) {
          throw new EggBuildException(Problem.NO_SCRAPY_CFG, e.getMessage()
              + "; give the project folder with projectDir(...)", start, e);
        }
        throw e;
      }
    }
    if (dir == null) {
      dir = cfg.projectDir().orElseThrow(() -> new EggBuildException(Problem.NO_SCRAPY_CFG,
          "the scrapy.cfg was parsed from text, so it names no project folder; give it with"
              + " projectDir(...)", null, null));
    }
    if (!Files.isDirectory(dir)) {
      throw new EggBuildException(Problem.NOT_A_FOLDER,
          "project folder " + dir + " does not exist or is not a folder", dir, null);
    }
    Path cfgFile = dir.resolve(ScrapyConfig.FILE_NAME);
    if (cfg == null && Files.isRegularFile(cfgFile)) {
      cfg = ScrapyConfig.loader().environment(environment).load(cfgFile);
    }
    return new DirAndConfig(dir, cfg);
  }

  private Project resolveProject() {
    DirAndConfig dc = resolveDirAndConfig();
    Path dir = dc.dir;
    ScrapyConfig cfg = dc.cfg;
    Packaging meta = readMetadata && !useSetupPy ? MetadataReader.read(dir) : new Packaging();
    if (settingsModule != null) {
      return new Project(dir, settingsModule, "given to the builder", meta);
    }
    Optional<String> fromCfg = cfg == null ? Optional.empty() : cfg.settingsModule();
    String cfgName = cfg == null ? "scrapy.cfg"
        : cfg.file().map(Path::toString).orElse("scrapy.cfg");
    if (meta.settings != null) {
      if (fromCfg.isPresent() && !fromCfg.get().equals(meta.settings)) {
        meta.warnings.add("the egg names the settings module " + meta.settings + " ("
            + meta.settingsOrigin + "), as setup.py bdist_egg does; " + cfgName
            + "'s [settings] default is " + fromCfg.get() + ", which only scrapy commands run in"
            + " the project folder use");
      }
      return new Project(dir, meta.settings, meta.settingsOrigin, meta);
    }
    if (cfg == null) {
      if (useSetupPy && Files.isRegularFile(dir.resolve("setup.py"))) {
        return new Project(dir, null, null, meta);
      }
      throw new EggBuildException(Problem.NO_SCRAPY_CFG, "no scrapy.cfg in " + dir
          + ", so no settings module: add scrapy.cfg with [settings] default = <module>,"
          + " or give settingsModule(...)", dir, null);
    }
    if (fromCfg.isEmpty()) {
      if (useSetupPy && Files.isRegularFile(dir.resolve("setup.py"))) {
        return new Project(dir, null, null, meta);
      }
      throw new EggBuildException(Problem.NO_SETTINGS_MODULE, "no settings module: "
          + cfgName + " has no 'default' in a [settings] section; add [settings] default ="
          + " <package>.settings or give settingsModule(...)", cfg.file().orElse(dir), null);
    }
    if (meta.present()) {
      meta.warnings.add(String.join(" and ", meta.sources)
          + (meta.sources.size() == 1 ? " declares" : " declare") + " no [scrapy] settings"
          + " entry point, so the egg setup.py bdist_egg makes would not load in Scrapyd; this"
          + " egg names " + fromCfg.get() + " from " + cfgName + "'s [settings] default");
    }
    return new Project(dir, fromCfg.get(), "[settings] default in " + cfgName, meta);
  }

  private Egg buildInJava(Project project) {
    String module = project.settingsModule;
    checkModuleName(module, project);
    LocalDateTime time = zipTime();
    long started = System.nanoTime();
    ProjectScanner scanner = new ProjectScanner(ProjectScanner.compileAll(excludes),
        ProjectScanner.compileAll(includes), defaultExcludes, dataFiles);
    ProjectScanner.Result found = new ProjectScanner.Result();
    Packaging meta = project.meta;
    List<String> warnings = new ArrayList<>(meta.warnings);
    if (meta.present()) {
      Layout layout = Layout.compute(project.dir, meta, new GlobSet(defaultExcludes
          ? ProjectScanner.compileAll(DEFAULT_EXCLUDES) : List.of()), defaultExcludes, dataFiles);
      warnings.addAll(layout.warnings);
      fromLayout(layout, found);
      if (found.files.stream().noneMatch(f -> f.kind == ProjectScanner.Kind.MODULE)) {
        throw new EggBuildException(Problem.NO_PACKAGES, "no Python module to package: "
            + String.join(" and ", meta.sources) + " of " + project.dir
            + (meta.sources.size() == 1 ? " declares" : " declare")
            + (found.packages.isEmpty() ? " no package found in the project"
                : " packages " + String.join(", ", found.packages) + ", which hold no .py file")
            + (meta.packagesOrigin == null ? "" : " (" + meta.packagesOrigin + ")"),
            project.dir, null);
      }
    } else {
      scanner.scanProject(project.dir, found);
      if (found.packages.isEmpty()) {
        throw new EggBuildException(Problem.NO_PACKAGES, "no Python package in " + project.dir
            + ": find_packages() takes folders holding __init__.py (and whose parents are"
            + " packages too); " + (found.nonPackageFolders.isEmpty()
                ? "add the project's package, with an __init__.py"
                : "these folders hold .py files but no __init__.py: "
                    + String.join(", ", found.nonPackageFolders)), project.dir, null);
      }
    }
    int projectFiles = found.files.size();
    for (Path folder : topLevelFolders) {
      Path dir = extraFolder(project.dir, folder);
      String name = dir.toAbsolutePath().normalize().getFileName().toString();
      scanner.scanExtra(dir, name + "/", found);
      found.topLevel.add(name);
    }
    for (Path folder : topLevelContents) {
      scanner.scanExtra(extraFolder(project.dir, folder), "", found);
    }
    Map<String, ProjectScanner.SourceFile> byPath = new HashMap<>();
    for (ProjectScanner.SourceFile f : found.files) {
      if (f.eggPath.startsWith("EGG-INFO/") || f.eggPath.equals("EGG-INFO")) {
        throw new EggBuildException(Problem.DUPLICATE_ENTRY, f.path
            + " would be packaged as " + f.eggPath + ", where the egg's metadata goes; exclude it",
            f.path, null);
      }
      ProjectScanner.SourceFile previous = byPath.put(f.eggPath, f);
      if (previous != null) {
        throw new EggBuildException(Problem.DUPLICATE_ENTRY, "two files would be packaged as "
            + f.eggPath + ": " + previous.path + " and " + f.path + "; exclude one", f.path, null);
      }
    }
    checkSettingsModule(module, project, byPath.keySet(), found);
    long scanned = System.nanoTime();

    Map<String, byte[]> metadata = new LinkedHashMap<>();
    metadata.put(Eggs.PKG_INFO, utf8("Metadata-Version: 2.1\nName: "
        + pkgInfoValue(meta.name, "project") + "\nVersion: " + pkgInfoValue(meta.version, "1.0")
        + "\n"));
    metadata.put("EGG-INFO/SOURCES.txt",
        utf8(sources(found.files.subList(0, projectFiles))));
    metadata.put("EGG-INFO/dependency_links.txt", utf8("\n"));
    metadata.put("EGG-INFO/entry_points.txt", utf8("[scrapy]\nsettings = " + module + "\n"));
    metadata.put("EGG-INFO/top_level.txt", utf8(topLevel(found.topLevel)));
    metadata.put("EGG-INFO/zip-safe", utf8("\n"));

    List<ProjectScanner.SourceFile> files = new ArrayList<>(found.files);
    files.sort(Comparator.comparing(f -> f.eggPath));
    int total = metadata.size() + files.size();
    if (total > ZipWriter.MAX_ENTRIES) {
      throw new EggBuildException(Problem.TOO_LARGE, "the egg would hold " + total
          + " files; a ZIP file without ZIP64 holds at most " + ZipWriter.MAX_ENTRIES
          + ": exclude some", project.dir, null);
    }
    List<ZipWriter.Compressed> compressed = new ArrayList<>(total);
    List<EggEntry> entries = new ArrayList<>(total);
    for (Map.Entry<String, byte[]> m : metadata.entrySet()) {
      ZipWriter.Compressed c = ZipWriter.compress(m.getKey(), m.getValue(), compressionLevel);
      compressed.add(c);
      entries.add(entry(m.getKey(), m.getValue().length, c, EggEntry.Kind.METADATA, null));
    }
    List<ZipWriter.Compressed> contents = readAndCompress(files);
    long compressedAt = System.nanoTime();
    for (int i = 0; i < files.size(); i++) {
      ProjectScanner.SourceFile f = files.get(i);
      ZipWriter.Compressed c = contents.get(i);
      compressed.add(c);
      entries.add(entry(f.eggPath, c.size(), c,
          f.kind == ProjectScanner.Kind.MODULE ? EggEntry.Kind.MODULE : EggEntry.Kind.DATA,
          f.path));
    }
    long archiveSize = ZipWriter.archiveSize(compressed);
    if (archiveSize >= Integer.MAX_VALUE - 16) {
      throw new EggBuildException(Problem.TOO_LARGE, "the egg would be " + archiveSize
          + " bytes; an egg is held in memory as one array, at most 2 GiB: exclude some files",
          project.dir, null);
    }
    // Written straight into an array of the exact size: no second copy of the egg.
    ArrayOutput out = new ArrayOutput((int) archiveSize);
    try {
      ZipWriter.write(compressed, time, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new EggBuildException(Problem.TOO_LARGE, e.getMessage(), project.dir, e);
    }
    byte[] bytes = out.bytes();
    warnings.addAll(sizeWarnings(entries, bytes.length, false));
    for (String w : warnings) {
      LOG.warn("{}", w);
    }
    Egg egg = new Egg(bytes, entries, module, List.copyOf(found.topLevel), warnings);
    long done = System.nanoTime();
    LOG.debug("Egg of {}: scanned in {} ms, read and compressed in {} ms, written in {} ms",
        project.dir, (scanned - started) / 1_000_000, (compressedAt - scanned) / 1_000_000,
        (done - compressedAt) / 1_000_000);
    LOG.info("Built the egg of {} ({}): {} packages, {}, settings {}", project.dir,
        meta.present() ? "from " + String.join(", ", meta.sources) : "scrapyd-deploy's rules",
        found.packages.size(), egg.summary().line(), module);
    return egg;
  }

  /**
   * Reads and compresses the files, in batches spread over the available processors (the
   * common fork-join pool), each batch with one deflater.
   */
  private List<ZipWriter.Compressed> readAndCompress(List<ProjectScanner.SourceFile> files) {
    ZipWriter.Compressed[] out = new ZipWriter.Compressed[files.size()];
    int batches = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
        files.size() / 64));
    try {
      IntStream.range(0, batches).parallel().forEach(batch -> {
        try (ZipWriter.Compressor compressor = new ZipWriter.Compressor(compressionLevel)) {
          for (int i = batch; i < out.length; i += batches) {
            ProjectScanner.SourceFile f = files.get(i);
            out[i] = f.size > STREAM_THRESHOLD ? streamed(compressor, f)
                : compressor.compress(f.eggPath, read(f.path, f.size));
          }
        }
      });
    } catch (RuntimeException e) {
      // A worker's exception may come back wrapped by the fork-join pool.
      if (!(e instanceof EggBuildException) && e.getCause() instanceof EggBuildException) {
        throw (EggBuildException) e.getCause();
      }
      throw e;
    }
    return Arrays.asList(out);
  }

  /** An output stream into an array of a known size. */
  private static final class ArrayOutput extends OutputStream {
    private final byte[] buffer;
    private int position;

    ArrayOutput(int size) {
      this.buffer = new byte[size];
    }

    @Override
    public void write(int b) {
      buffer[position++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, buffer, position, len);
      position += len;
    }

    byte[] bytes() {
      return position == buffer.length ? buffer : Arrays.copyOf(buffer, position);
    }
  }

  private static EggEntry entry(
      String name, long size, ZipWriter.Compressed c, EggEntry.Kind kind, Path source) {
    return EggEntry.builder()
        .name(name)
        .size(size)
        .compressedSize(c.compressedSize())
        .kind(kind)
        .source(Optional.ofNullable(source))
        .build();
  }

  /** The metadata's files, less the caller's excludes, plus the caller's includes. */
  private void fromLayout(Layout layout, ProjectScanner.Result found) {
    GlobSet userExcludes = new GlobSet(ProjectScanner.compileAll(excludes));
    List<Glob> userIncludes = ProjectScanner.compileAll(includes);
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (Layout.Selected f : layout.files) {
      if (!excluded(userExcludes, f.eggPath)) {
        found.files.add(new ProjectScanner.SourceFile(f.eggPath, f.path, kind(f.eggPath),
            f.size));
        taken.add(f.eggPath);
      }
    }
    if (!userIncludes.isEmpty()) {
      for (Map.Entry<String, Path> e : layout.projectFiles.entrySet()) {
        String rel = e.getKey();
        if (!taken.contains(rel) && included(userIncludes, rel) && !excluded(userExcludes, rel)) {
          long size;
          try {
            size = Files.size(e.getValue());
          } catch (IOException ex) {
            size = -1;
          }
          found.files.add(new ProjectScanner.SourceFile(rel, e.getValue(), kind(rel), size));
          if (rel.indexOf('/') < 0 && rel.endsWith(".py")) {
            found.topLevel.add(rel.substring(0, rel.length() - 3));
          }
        }
      }
    }
    found.packages.addAll(layout.packages);
    found.topLevel.addAll(layout.topLevel);
  }

  private static ProjectScanner.Kind kind(String eggPath) {
    return eggPath.endsWith(".py") ? ProjectScanner.Kind.MODULE : ProjectScanner.Kind.DATA;
  }

  /** Whether a pattern matches the path or one of its folders. */
  private static boolean excluded(GlobSet patterns, String path) {
    int slash = path.indexOf('/');
    while (slash >= 0) {
      String folder = path.substring(0, slash);
      if (patterns.matches(folder, folder.substring(folder.lastIndexOf('/') + 1), true)) {
        return true;
      }
      slash = path.indexOf('/', slash + 1);
    }
    return patterns.matches(path, path.substring(path.lastIndexOf('/') + 1), false);
  }

  private static boolean included(List<Glob> patterns, String path) {
    for (Glob g : patterns) {
      if (g.matches(path, false)) {
        return true;
      }
      int slash = path.indexOf('/');
      while (slash >= 0) {
        if (g.matches(path.substring(0, slash), true)) {
          return true;
        }
        slash = path.indexOf('/', slash + 1);
      }
    }
    return false;
  }

  private static String pkgInfoValue(String value, String otherwise) {
    return value != null && PKG_INFO_VALUE.matcher(value.strip()).matches() ? value.strip()
        : otherwise;
  }

  /**
   * A warning naming each file over {@link #LARGE_FILE_WARNING}, and one naming the largest
   * folders when the egg is over {@link #LARGE_EGG_WARNING}.
   */
  static List<String> sizeWarnings(List<EggEntry> entries, long eggSize, boolean setupPy) {
    List<String> out = new ArrayList<>();
    Map<String, Long> folders = new HashMap<>();
    for (EggEntry e : entries) {
      if (e.kind() == EggEntry.Kind.METADATA) {
        continue;
      }
      long size = e.size();
      if (size > LARGE_FILE_WARNING) {
        out.add(e.name() + e.source().map(p -> " (" + p + ")").orElse("") + " is "
            + EggSummary.size(size) + ": every deploy uploads it and Scrapyd keeps a copy with"
            + " each version; if the spiders do not need it, " + (setupPy
                ? "leave it out of setup.py's package data (or MANIFEST.in)"
                : "exclude it (EggBuilder.Builder.exclude(\"" + e.name()
                    + "\"), on the command line --exclude '" + e.name() + "')"));
      }
      String[] parts = e.name().split("/");
      String folder = parts.length <= 1 ? "." : parts.length == 2 ? parts[0]
          : parts[0] + "/" + parts[1];
      folders.merge(folder, size, Long::sum);
    }
    if (eggSize > LARGE_EGG_WARNING) {
      List<Map.Entry<String, Long>> largest = new ArrayList<>(folders.entrySet());
      largest.sort(Map.Entry.<String, Long>comparingByValue().reversed()
          .thenComparing(Map.Entry.comparingByKey()));
      StringBuilder names = new StringBuilder();
      String first = null;
      for (Map.Entry<String, Long> e : largest.subList(0, Math.min(3, largest.size()))) {
        if (names.length() > 0) {
          names.append(", ");
        }
        names.append(e.getKey()).append("/ (").append(EggSummary.size(e.getValue()))
            .append(')');
        if (first == null && !e.getKey().equals(".")) {
          first = e.getKey();
        }
      }
      out.add("the egg is " + EggSummary.size(eggSize) + ", and Scrapyd keeps one with each"
          + " version; the largest folders (unpacked) are " + names + ". Leave out what the"
          + " spiders do not need " + (setupPy ? "in setup.py (package data, MANIFEST.in)"
              : "with EggBuilder.Builder.exclude(...) or, on the command line, --exclude GLOB"
                  + (first == null ? "" : " (e.g. --exclude '" + first + "/')")
                  + ", or declare package data in the project's setup.py / setup.cfg /"
                  + " pyproject.toml"));
    }
    return out;
  }

  private static Path extraFolder(Path projectDir, Path folder) {
    Path dir = projectDir.resolve(folder);
    if (!Files.isDirectory(dir)) {
      throw new EggBuildException(Problem.NOT_A_FOLDER,
          "extra top-level folder " + dir + " does not exist or is not a folder", dir, null);
    }
    return dir;
  }

  /** Reads and deflates a large file in chunks: the file is never held whole in memory. */
  private static ZipWriter.Compressed streamed(ZipWriter.Compressor compressor,
      ProjectScanner.SourceFile f) {
    try (InputStream in = new FileInputStream(f.path.toFile())) {
      return compressor.compress(f.eggPath, in);
    } catch (FileNotFoundException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE,
          "file " + f.path + " cannot be read (" + e.getMessage() + "); fix its permissions or"
              + " exclude it", f.path, e);
    } catch (IOException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE,
          "file " + f.path + " cannot be read: " + e, f.path, e);
    } catch (IllegalArgumentException e) {
      throw new EggBuildException(Problem.TOO_LARGE, e.getMessage(), f.path, e);
    }
  }

  /** Reads a file; a plain stream costs less than a channel when there are thousands. */
  private static byte[] read(Path file, long sizeHint) {
    try (InputStream in = new FileInputStream(file.toFile())) {
      byte[] content = sizeHint > 0 && sizeHint < Integer.MAX_VALUE - 16
          ? in.readNBytes((int) sizeHint) : in.readAllBytes();
      if (content.length == sizeHint) {
        byte[] rest = in.readAllBytes();
        if (rest.length > 0) {
          content = concat(content, rest);
        }
      }
      return content;
    } catch (FileNotFoundException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE,
          "file " + file + " cannot be read (" + e.getMessage() + "); fix its permissions or"
              + " exclude it", file, e);
    } catch (AccessDeniedException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE,
          "file " + file + " cannot be read (permission denied); fix its permissions or exclude it",
          file, e);
    } catch (IOException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE,
          "file " + file + " cannot be read: " + e, file, e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** SOURCES.txt: the project files, sorted like setuptools' FileList.sort(). */
  private static String sources(List<ProjectScanner.SourceFile> files) {
    List<String> paths = new ArrayList<>();
    for (ProjectScanner.SourceFile f : files) {
      paths.add(f.eggPath);
    }
    paths.sort(EggBuilder::compareSplit);
    return String.join("\n", paths);
  }

  /** Compares (dirname, basename) pairs, as Python sorts os.path.split() tuples. */
  private static int compareSplit(String a, String b) {
    int sa = a.lastIndexOf('/');
    int sb = b.lastIndexOf('/');
    String da = sa < 0 ? "" : a.substring(0, sa);
    String db = sb < 0 ? "" : b.substring(0, sb);
    int c = VersionOrder.compareCodePoints(da, db);
    return c != 0 ? c : VersionOrder.compareCodePoints(a.substring(sa + 1), b.substring(sb + 1));
  }

  private static String topLevel(TreeSet<String> names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      out.append(name).append('\n');
    }
    return out.toString();
  }

  private static void checkModuleName(String module, Project project) {
    for (String segment : module.split("\\.", -1)) {
      if (!MODULE_SEGMENT.matcher(segment).matches()) {
        throw new EggBuildException(Problem.INVALID_SETTINGS_MODULE, "settings module '" + module
            + "' (" + project.settingsOrigin + ") is not a dotted Python module name such as"
            + " mybot.settings", project.dir, null);
      }
    }
  }

  private static void checkSettingsModule(
      String module, Project project, java.util.Set<String> paths, ProjectScanner.Result found) {
    String base = module.replace('.', '/');
    if (paths.contains(base + ".py") || paths.contains(base + "/__init__.py")) {
      return;
    }
    String parent = module.contains(".") ? module.substring(0, module.lastIndexOf('.')) : null;
    String why;
    if (parent != null && !found.packages.contains(parent)) {
      Path parentDir = project.dir.resolve(parent.replace('.', '/'));
      why = Files.isDirectory(parentDir)
          ? "package " + parent + " is not packaged (" + parentDir
              + " or a folder above it has no __init__.py, or it is excluded)"
          : "there is no folder " + parentDir;
    } else {
      why = "there is no " + base + ".py nor " + base + "/__init__.py in the project"
          + " (or it is excluded)";
    }
    throw new EggBuildException(Problem.SETTINGS_MODULE_NOT_FOUND, "settings module '" + module
        + "' (" + project.settingsOrigin + ") is not in the egg: " + why + "; packages found: "
        + String.join(", ", found.packages), project.dir.resolve(base + ".py"), null);
  }

  private LocalDateTime zipTime() {
    Instant t = timestamp;
    if (t == null) {
      String epoch = environment.get(SOURCE_DATE_EPOCH);
      if (epoch != null && !epoch.isBlank()) {
        try {
          t = Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
        } catch (NumberFormatException e) {
          throw new EggBuildException(Problem.INVALID_TIMESTAMP, SOURCE_DATE_EPOCH + " is '"
              + epoch + "', not a whole number of seconds since 1970-01-01", null, e);
        }
      } else {
        t = DEFAULT_TIMESTAMP;
      }
    }
    LocalDateTime time = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    if (time.getYear() < 1980) {
      return LocalDateTime.of(1980, 1, 1, 0, 0);
    }
    if (!ZipWriter.fitsDosTime(time)) {
      throw new EggBuildException(Problem.INVALID_TIMESTAMP, "timestamp " + t
          + " is after 2107, the last year a ZIP file can hold", null, null);
    }
    return time;
  }

  /**
   * Builds an {@link EggBuilder}. Without {@link #projectDir(Path)}, {@link #findProject(Path)}
   * or {@link #scrapyConfig(ScrapyConfig)}, the project is found from the current folder up.
   *
   * <pre>{@code
   * EggBuilder builder = EggBuilder.builder()
   *     .projectDir(Path.of("/src/shop"))
   *     .settingsModule("shop.settings.production")
   *     .include("local_settings.py")
   *     .addTopLevelFolder(Path.of("vendor/requests"))
   *     .timestamp(Instant.parse("2024-01-01T00:00:00Z"))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private Path projectDir;
    private Path searchStart;
    private ScrapyConfig config;
    private String settingsModule;
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private boolean defaultExcludes = true;
    private boolean dataFiles = true;
    private final List<Path> topLevelFolders = new ArrayList<>();
    private final List<Path> topLevelContents = new ArrayList<>();
    private Instant timestamp;
    private Map<String, String> environment = System.getenv();
    private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
    private boolean useSetupPy;
    private boolean readMetadata = true;
    private String python;
    private Duration setupPyTimeout = DEFAULT_SETUP_PY_TIMEOUT;

    private Builder() {}

    /**
     * The project folder: the one holding {@code scrapy.cfg} (whose {@code [settings] default}
     * names the settings module), or any folder when {@link #settingsModule(String)} is given.
     *
     * @param projectDir the folder
     * @return this builder
     */
    public Builder projectDir(Path projectDir) {
      this.projectDir = Args.notNull("projectDir", projectDir);
      return this;
    }

    /**
     * Finds the project from a folder up: the closest folder holding {@code scrapy.cfg}, as
     * Scrapy and scrapyd-deploy find it. This is the default, from the current folder.
     *
     * @param start the folder to start from
     * @return this builder
     */
    public Builder findProject(Path start) {
      this.searchStart = Args.notNull("start", start);
      return this;
    }

    /**
     * Uses an already read configuration: its folder is the project folder (unless {@link
     * #projectDir(Path)} is given) and its {@code [settings] default} the settings module.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder scrapyConfig(ScrapyConfig config) {
      this.config = Args.notNull("config", config);
      return this;
    }

    /**
     * The settings module, such as {@code mybot.settings}, instead of {@code [settings] default}.
     *
     * @param settingsModule a dotted module name
     * @return this builder
     */
    public Builder settingsModule(String settingsModule) {
      this.settingsModule = Args.notBlank("settingsModule", settingsModule).strip();
      return this;
    }

    /**
     * Adds files outside packages: each pattern is matched against paths relative to the project
     * folder, with {@code /} separators. {@code *} and {@code ?} stay within a folder, {@code **}
     * spans folders, a pattern without {@code /} matches a name at any depth, a trailing {@code /}
     * matches folders (with everything in them), {@code {a,b}} gives alternatives. Example:
     * {@code include("local_settings.py", "resources/**")}.
     *
     * @param patterns glob patterns
     * @return this builder
     * @throws IllegalArgumentException if a pattern is malformed
     */
    public Builder include(String... patterns) {
      for (String p : Args.notNull("patterns", patterns)) {
        Glob.compile(Args.notNull("pattern", p));
        includes.add(p);
      }
      return this;
    }

    /**
     * Leaves files out, on top of the default excludes: patterns as in {@link
     * #include(String...)}, matched against the path a file would have in the egg. A folder that
     * matches is left out with everything in it. Excludes win over includes. Example:
     * {@code exclude("*.md", "mybot/tests/")}.
     *
     * @param patterns glob patterns
     * @return this builder
     * @throws IllegalArgumentException if a pattern is malformed
     */
    public Builder exclude(String... patterns) {
      for (String p : Args.notNull("patterns", patterns)) {
        Glob.compile(Args.notNull("pattern", p));
        excludes.add(p);
      }
      return this;
    }

    /**
     * Whether {@link #DEFAULT_EXCLUDES} apply. Default: true.
     *
     * @param apply false to package byte code, VCS folders and the like too
     * @return this builder
     */
    public Builder defaultExcludes(boolean apply) {
      this.defaultExcludes = apply;
      return this;
    }

    /**
     * Whether files inside packages that are not modules (and everything in sub-folders of
     * packages) are packaged, so {@code pkgutil.get_data} finds them. Default: true.
     * scrapyd-deploy packages {@code .py} files only; false does the same.
     *
     * @param include false to package only the packages' {@code .py} modules
     * @return this builder
     */
    public Builder dataFiles(boolean include) {
      this.dataFiles = include;
      return this;
    }

    /**
     * Adds a folder at the egg's root under its own name, with everything in it (default
     * excludes and excludes apply): for a vendored dependency, {@code
     * addTopLevelFolder(Path.of("vendor/requests"))} puts {@code requests/} next to the project's
     * packages, where Python imports it from. A relative path is resolved against the project
     * folder. Symbolic links must stay inside the folder.
     *
     * @param folder the folder
     * @return this builder
     */
    public Builder addTopLevelFolder(Path folder) {
      topLevelFolders.add(Args.notNull("folder", folder));
      return this;
    }

    /**
     * Adds the contents of a folder at the egg's root: for dependencies installed with {@code
     * pip install --target vendor -r requirements.txt}, {@code addTopLevelContents(Path.of(
     * "vendor"))} puts each installed package at the egg's root. A relative path is resolved
     * against the project folder.
     *
     * @param folder the folder
     * @return this builder
     */
    public Builder addTopLevelContents(Path folder) {
      topLevelContents.add(Args.notNull("folder", folder));
      return this;
    }

    /**
     * The time stored for every entry. Default: {@code SOURCE_DATE_EPOCH} from the environment
     * when set, else {@link #DEFAULT_TIMESTAMP}. Times before 1980 are stored as 1980-01-01.
     * ZIP times have a 2-second resolution and no time zone: the UTC date and time are stored.
     *
     * @param timestamp the time
     * @return this builder
     */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Args.notNull("timestamp", timestamp);
      return this;
    }

    /**
     * The environment variables to read {@code SOURCE_DATE_EPOCH}, {@code HOME} and the
     * {@code $VAR}s of {@code scrapy.cfg} from. Default: {@code System.getenv()}.
     *
     * @param environment the variables (copied)
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Args.notNull("environment", environment));
      return this;
    }

    /**
     * The deflate level: 0 stores files uncompressed, 9 compresses most. Default: 6.
     *
     * @param level 0 to 9
     * @return this builder
     */
    public Builder compressionLevel(int level) {
      if (level < 0 || level > 9) {
        throw new IllegalArgumentException(
            "compressionLevel must be between 0 and 9, but was " + level);
      }
      this.compressionLevel = level;
      return this;
    }

    /**
     * Builds with Python instead: {@code python3 setup.py bdist_egg}, run in a temporary copy of
     * the project (never in the project folder, which stays untouched). The project's own
     * {@code setup.py} is honoured; without one, the copy gets the {@code setup.py}
     * scrapyd-deploy writes. Include, exclude, data-file, extra-folder and timestamp options do
     * not apply. Default: false.
     *
     * @param useSetupPy true to build with setup.py
     * @return this builder
     */
    public Builder useSetupPy(boolean useSetupPy) {
      this.useSetupPy = useSetupPy;
      return this;
    }

    /**
     * Whether the project's packaging metadata decides what goes into the egg ({@code setup.py}
     * read statically, {@code setup.cfg}, {@code pyproject.toml}; see the class documentation).
     * False packages the project with the rules of the {@code setup.py} scrapyd-deploy writes
     * ({@code find_packages()} at the root, settings from {@code scrapy.cfg}), as if it had no
     * metadata. Default: true.
     *
     * @param read false to ignore the project's metadata
     * @return this builder
     */
    public Builder readMetadata(boolean read) {
      this.readMetadata = read;
      return this;
    }

    /**
     * The Python interpreter for {@link #useSetupPy(boolean)}. Default: the {@value
     * EggBuilder#PYTHON_PROPERTY} system property, else {@code python3} from the PATH.
     *
     * @param python the interpreter's name or path
     * @return this builder
     */
    public Builder python(String python) {
      this.python = Args.notBlank("python", python);
      return this;
    }

    /**
     * The time limit of a {@link #useSetupPy(boolean) setup.py} build. Default: 10 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder setupPyTimeout(Duration timeout) {
      this.setupPyTimeout = Args.positive("setupPyTimeout", timeout);
      return this;
    }

    /**
     * Checks the options and builds the {@link EggBuilder}. The project itself is read by
     * {@link EggBuilder#build()}.
     *
     * @return the egg builder
     * @throws IllegalArgumentException if options that only apply to the Java build are combined
     *     with {@link #useSetupPy(boolean)}
     */
    public EggBuilder build() {
      if (useSetupPy && (!includes.isEmpty() || !excludes.isEmpty() || !defaultExcludes
          || !dataFiles || !topLevelFolders.isEmpty() || !topLevelContents.isEmpty()
          || timestamp != null || compressionLevel != DEFAULT_COMPRESSION_LEVEL)) {
        throw new IllegalArgumentException("useSetupPy(true) builds with setuptools, so include,"
            + " exclude, defaultExcludes, dataFiles, addTopLevelFolder, addTopLevelContents,"
            + " timestamp and compressionLevel do not apply; configure them in setup.py instead");
      }
      return new EggBuilder(this);
    }
  }
}
