package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distribution as a user gets it: {@code mvn package} made
 * {@code examples/target/scrapyd4j-VERSION.tar.gz} and {@code .zip}; this test (failsafe, after
 * {@code package}) unpacks the archive into a folder whose path has spaces and runs
 * {@code bin/scrapyd4j} in child processes, each with its own cache folder.
 */
class DistributionIT {
  private static final String VERSION = System.getProperty("project.version");
  private static final Path TAR = Path.of(System.getProperty("dist.archive", "missing.tar.gz"));
  private static final Path ZIP = Path.of(System.getProperty("dist.zip", "missing.zip"));
  private static final Path QUICKSTART =
      Path.of(System.getProperty("quickstart.project", "quickstart-project"));
  private static final String JAVA_HOME = System.getProperty("java.home");
  private static final int JAVA_FEATURE = Runtime.version().feature();

  @TempDir
  static Path shared;

  /** The unpacked distribution, in a folder with spaces in its path. */
  static Path home;

  /** The same, unpacked where the path has no space (Java 17 uses no archive otherwise). */
  static Path homeNoSpace;

  /** A cache folder holding homeNoSpace's class-data archive (Java 17+), made once. */
  static Path madeCache;

  @TempDir
  Path temp;

  /** This test's cache folder (XDG_CACHE_HOME), with a space in its name. */
  Path cache;

  @BeforeAll
  static void unpack() throws Exception {
    assumeTrue(!System.getProperty("os.name").startsWith("Windows"),
        "bin/scrapyd4j is the POSIX launcher");
    assertThat(TAR).as("mvn package makes the archive before this test").isRegularFile();
    home = untar(Files.createDirectories(shared.resolve("scrapyd4j install")));
    homeNoSpace = untar(Files.createDirectories(shared.resolve("plain")));
    if (JAVA_FEATURE >= 17) {
      madeCache = Files.createDirectories(shared.resolve("made cache"));
      Map<String, String> env = new HashMap<>(System.getenv());
      env.keySet().removeIf(k -> k.equals("JAVA_OPTS") || k.startsWith("SCRAPYD4J_"));
      env.put("JAVA_HOME", JAVA_HOME);
      env.put("XDG_CACHE_HOME", madeCache.toString());
      Result r = exec(List.of(homeNoSpace.resolve("bin/scrapyd4j").toString(), "--help"), env,
          shared);
      assertThat(r.code).as(r.err).isZero();
    }
  }

  private static Path untar(Path into) throws Exception {
    Result r = exec(List.of("tar", "xzf", TAR.toString(), "-C", into.toString()), Map.of(),
        into);
    assertThat(r.code).as(r.err).isZero();
    return into.resolve("scrapyd4j-" + VERSION);
  }

  @BeforeEach
  void cacheFolder() throws IOException {
    cache = Files.createDirectories(temp.resolve("cache dir"));
  }

  @Test
  void bothArchivesHoldLaunchersJarCompletionLicenceAndReadme() throws Exception {
    Set<String> expected = Set.of("bin/scrapyd4j", "bin/scrapyd4j.cmd", "lib/scrapyd4j.jar",
        "lib/scrapyd4j.classlist", "completion/scrapyd4j.bash", "completion/scrapyd4j.zsh",
        "LICENSE", "README.txt");
    Set<String> inZip = new TreeSet<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      zip.stream().filter(e -> !e.isDirectory())
          .forEach(e -> inZip.add(e.getName().replaceFirst("^scrapyd4j-[^/]+/", "")));
      ZipEntry cmd = zip.getEntry("scrapyd4j-" + VERSION + "/bin/scrapyd4j.cmd");
      try (InputStream in = zip.getInputStream(cmd)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
            .as("Windows line ends").contains("\r\n");
      }
    }
    Set<String> inTar;
    try (Stream<Path> files = Files.walk(home)) {
      inTar = files.filter(Files::isRegularFile)
          .map(p -> home.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(inZip).isEqualTo(expected);
    assertThat(inTar).isEqualTo(expected);
    assertThat(Files.isExecutable(home.resolve("bin/scrapyd4j"))).isTrue();
    assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License");
    assertThat(Files.readString(home.resolve("lib/scrapyd4j.classlist")))
        .contains("io/github/scrapyd4j/cli/Scrapyd4jCommand")
        .contains("com/fasterxml/jackson/databind/ObjectMapper");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void versionPrintsTheProjectVersionAndTheJavaAndExitsZero(String option) throws Exception {
    Result r = launcher(home, Map.of(), temp, option);

    assertThat(r.code).as(r.err).isZero();
    assertThat(r.lines()).containsExactly("scrapyd4j " + VERSION,
        "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")
            + " (" + System.getProperty("java.vendor") + "), " + JAVA_HOME);
    assertThat(r.err).isEmpty();
    // The quick answer (before picocli) prints what picocli's -V of a command prints.
    Result viaPicocli = launcher(home, Map.of(), temp, "deploy", "-V");
    assertThat(viaPicocli.code).as(viaPicocli.err).isZero();
    assertThat(viaPicocli.out).isEqualTo(r.out);
  }

  @Test
  void deployBuildEggBuildsTheQuickstartEgg() throws Exception {
    Path project = copyQuickstart(temp.resolve("my project"));
    Result r = launcher(home, Map.of(), project, "deploy", "--build-egg", "eggs dir/q.egg");

    assertThat(r.code).as(r.err).isZero();
    Path egg = project.resolve("eggs dir/q.egg");
    assertThat(r.out).startsWith("Built " + egg);
    try (ZipFile zip = new ZipFile(egg.toFile())) {
      assertThat(zip.stream().map(ZipEntry::getName)).contains("EGG-INFO/PKG-INFO",
          "quickstart/__init__.py", "quickstart/settings.py", "quickstart/spiders/quotes.py");
      try (InputStream in = zip.getInputStream(zip.getEntry("EGG-INFO/entry_points.txt"))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .contains("settings = quickstart.settings");
      }
    }
  }

  @Test
  void javaOptsAndScrapyd4jOptsReachTheJvmAfterTheLaunchersOwn() throws Exception {
    // A collector in JAVA_OPTS replaces the launcher's Serial GC (two would stop the JVM).
    Result r = launcher(home, Map.of("JAVA_OPTS", "-XX:+UseParallelGC -XX:+PrintCommandLineFlags",
        "SCRAPYD4J_OPTS", "-Dscrapyd4j.probe=reached -XshowSettings:properties"), temp,
        "--version");

    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("-XX:+UseParallelGC").contains("-XX:TieredStopAtLevel=1")
        .doesNotContain("-XX:+UseSerialGC").contains("scrapyd4j " + VERSION);
    assertThat(r.err).contains("scrapyd4j.probe = reached");
    // Without them: the launcher's own (Serial GC from Java 21; Java 17 keeps G1).
    Result plain = launcher(home, Map.of("SCRAPYD4J_OPTS", "-XX:+PrintCommandLineFlags"), temp,
        "--version");
    assertThat(plain.out).contains("-XX:TieredStopAtLevel=1")
        .contains(JAVA_FEATURE >= 21 ? "-XX:+UseSerialGC" : "-XX:+UseG1GC");
  }

  @Test
  void worksFromAnotherFolderThroughSymlinksAndFromARelativePath() throws Exception {
    Path elsewhere = Files.createDirectories(temp.resolve("some other folder"));
    Path links = Files.createDirectories(temp.resolve("links dir"));
    Path absolute = Files.createSymbolicLink(links.resolve("scrapyd4j"),
        home.resolve("bin/scrapyd4j"));
    // A relative link to the link: resolved step by step.
    Path relative = Files.createSymbolicLink(links.resolve("sd4j"), Path.of("scrapyd4j"));

    for (String program : List.of(home.resolve("bin/scrapyd4j").toString(),
        absolute.toString(), relative.toString())) {
      Result r = exec(List.of(program, "--version"), env(Map.of()), elsewhere);
      assertThat(r.code).as(program + ": " + r.err).isZero();
      assertThat(r.lines().get(0)).as(program).isEqualTo("scrapyd4j " + VERSION);
    }
    Result r = exec(List.of("sh", "-c", "./bin/scrapyd4j -V && cd bin && ./scrapyd4j -V"),
        env(Map.of()), home);
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.lines()).filteredOn(l -> l.startsWith("scrapyd4j ")).hasSize(2);
  }

  @Test
  void javaHomeIsHonouredAndElseJavaOnThePath() throws Exception {
    Result bad = launcher(home, Map.of("JAVA_HOME", temp.resolve("no java").toString()), temp,
        "--version");
    assertThat(bad.code).isEqualTo(2);
    assertThat(bad.err).startsWith("scrapyd4j: JAVA_HOME is " + temp.resolve("no java"));

    // No JAVA_HOME: java found on PATH through a symlink, its home found from the link.
    Path bin = Files.createDirectories(temp.resolve("path bin"));
    Files.createSymbolicLink(bin.resolve("java"), Path.of(JAVA_HOME, "bin", "java"));
    Map<String, String> env = env(Map.of("PATH", bin + File.pathSeparator + "/usr/bin:/bin"));
    env.remove("JAVA_HOME");
    Result r = exec(List.of(home.resolve("bin/scrapyd4j").toString(), "--version"), env, temp);
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.lines().get(1)).endsWith(", " + JAVA_HOME);
  }

  @Test
  void aClassDataArchiveIsMadeOnceAndUsedAfterwards() throws Exception {
    assumeTrue(JAVA_FEATURE >= 17, "the launcher makes no class-data archive before Java 17");
    assertThat(launcher(homeNoSpace, Map.of(), temp, "--help").code).isZero();
    Path archive = theArchive();

    Path log = temp.resolve("classes.log");
    Result r = launcher(homeNoSpace, Map.of("SCRAPYD4J_OPTS", "-Xlog:class+load:file=" + log),
        temp, "--help");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.err).isEmpty();
    assertThat(sharedAppClasses(log)).as("classes of ours from the archive").isPositive();
    assertThat(theArchive()).isEqualTo(archive);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "overwritten-middle", "truncated", "deleted", "empty",
      "jar-updated", "stamp-deleted"})
  void aBrokenOrStaleArchiveNeverBreaksARunAndIsMadeAgain(String damage) throws Exception {
    assumeTrue(JAVA_FEATURE >= 17, "the launcher makes no class-data archive before Java 17");
    // The archive made in unpack(), copied with its dates: the archive, then its stamp.
    Path made = Files.createDirectories(cache.resolve("scrapyd4j"));
    try (Stream<Path> files = Files.list(madeCache.resolve("scrapyd4j"))) {
      for (Path p : files.sorted().collect(Collectors.toList())) {
        Files.copy(p, made.resolve(p.getFileName().toString()),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Path install = homeNoSpace;
    Path jar = install.resolve("lib/scrapyd4j.jar");
    FileTime jarTime = Files.getLastModifiedTime(jar);
    Path archive = theArchive();
    String before = Files.readString(okStamp(archive));
    makeWritable(archive);
    switch (damage) {
      case "garbage":
        Files.writeString(archive, "garbage");
        break;
      case "overwritten-middle":
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
          for (long at = 4096; at < f.length(); at += f.length() / 7) {
            f.seek(at);
            f.write(new byte[512]);
          }
        }
        break;
      case "truncated":
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
          f.setLength(f.length() / 3);
        }
        break;
      case "deleted":
        Files.delete(archive);
        break;
      case "empty":
        Files.write(archive, new byte[0]);
        break;
      case "jar-updated":
        // Another jar (an upgrade in place): its ls -ln line changes. Put back below.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
        break;
      case "stamp-deleted":
        Files.delete(okStamp(archive));
        break;
      default:
        throw new IllegalArgumentException(damage);
    }

    try {
      checkTheRunAndTheNewArchive(install, damage, archive, before);
    } finally {
      Files.setLastModifiedTime(jar, jarTime);
    }
  }

  private void checkTheRunAndTheNewArchive(Path install, String damage, Path archive,
      String before) throws Exception {
    Path log = temp.resolve("classes.log");
    Result r = launcher(install, Map.of("SCRAPYD4J_OPTS", "-Xlog:class+load:file=" + log), temp,
        "--help");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).startsWith("Usage: scrapyd4j ");
    assertThat(r.err).isEmpty();
    // Made again in that run, and used by it.
    assertThat(sharedAppClasses(log)).as("classes of ours from the new archive").isPositive();
    assertThat(Files.size(theArchive())).isGreaterThan(1_000_000);
    if (damage.equals("jar-updated")) {
      assertThat(Files.readString(okStamp(archive))).isNotEqualTo(before);
    }
  }

  @Test
  void anArchiveThatCannotBeMadeLeavesTheRunAlone() throws Exception {
    // The cache "folder" is a file: nothing can be written there.
    Path notAFolder = Files.writeString(temp.resolve("cache file"), "x");
    Result r = launcher(homeNoSpace, Map.of("XDG_CACHE_HOME", notAFolder.toString()), temp,
        "--version");

    assertThat(r.code).as(r.err).isZero();
    assertThat(r.lines().get(0)).isEqualTo("scrapyd4j " + VERSION);
    assertThat(r.err).isEmpty();
  }

  @Test
  void noArchiveWhenSwitchedOffForALoneVersionOrUselessForAPathWithSpaces() throws Exception {
    Result off = launcher(homeNoSpace, Map.of("SCRAPYD4J_CDS", "off"), temp, "--help");
    assertThat(off.code).as(off.err).isZero();
    assertThat(archives()).isEmpty();

    // --version alone is answered before the command line's classes load: no archive for it.
    for (String option : List.of("--version", "-V")) {
      Result version = launcher(homeNoSpace, Map.of(), temp, option);
      assertThat(version.code).as(version.err).isZero();
      assertThat(archives()).as(option).isEmpty();
    }

    // Java 17 ignores an archive when the class path has a space; 25 uses it.
    Result spaces = launcher(home, Map.of(), temp, "--help");
    assertThat(spaces.code).as(spaces.err).isZero();
    assertThat(archives()).hasSize(JAVA_FEATURE >= 25 ? 1 : 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "--version", "help", "nosuch", "--nosuch",
      "http://[bad", "deploy --help", "schedule --nosuch", "tasks --help", "tasks",
      "tasks run --help", "tasks run --nosuch", "tasks history --help"})
  void helpVersionAndUsageErrorsLoadNoObjectMapperHttpClientOrLogging(String args)
      throws Exception {
    Path log = temp.resolve("classes.log");
    List<String> argv = new ArrayList<>(Arrays.asList(args.split(" ")));
    Result r = launcher(home, Map.of("SCRAPYD4J_OPTS", "-Xlog:class+load:file=" + log), temp,
        argv.toArray(new String[0]));
    assertThat(r.code).as(r.err).isIn(0, 2);

    List<String> classes = Files.readAllLines(log);
    assertThat(classes).filteredOn(l -> l.contains(" java.net.http.")).isEmpty();
    assertThat(classes).filteredOn(l -> l.contains(" org.slf4j.")).isEmpty();
    assertThat(classes).filteredOn(l -> l.contains(" com.fasterxml.jackson.databind.ObjectMapper "))
        .isEmpty();
    if (!argv.get(0).equals("deploy") && !argv.get(0).equals("schedule")) {
      // A command's own help names its options' and methods' types; the top command's none.
      assertThat(classes).filteredOn(l -> l.contains(" com.fasterxml.jackson.")).isEmpty();
    }
  }

  @Test
  void completionScriptCompletesCommandsAndTheirOptionsInBash() throws Exception {
    Path script = home.resolve("completion/scrapyd4j.bash");
    assertThat(Files.readString(script)).contains("deploy").contains("--build-egg")
        .contains("schedule").contains("--wait");
    assertThat(home.resolve("completion/scrapyd4j.zsh")).hasSameBinaryContentAs(script);
    Result r = exec(List.of("bash", "-c", "source \"$0\" && complete -p scrapyd4j",
        script.toString()), env(Map.of()), temp);
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("scrapyd4j");
  }

  @Test
  void completionScriptLoadsInZsh() throws Exception {
    assumeTrue(onPath("zsh"), "zsh is not installed here");
    Path script = home.resolve("completion/scrapyd4j.zsh");
    Result r = exec(List.of("zsh", "-c", "source \"$0\" && echo $+_comps[scrapyd4j]",
        script.toString()), env(Map.of()), temp);
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out.strip()).isEqualTo("1");
  }

  // -- helpers

  private Path theArchive() throws IOException {
    List<Path> archives = archives();
    assertThat(archives).hasSize(1);
    return archives.get(0);
  }

  private List<Path> archives() throws IOException {
    Path folder = cache.resolve("scrapyd4j");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".jsa")).collect(Collectors.toList());
    }
  }

  private static Path okStamp(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".ok");
  }

  private static void makeWritable(Path file) {
    assertThat(file.toFile().setWritable(true)).isTrue();
  }

  private static long sharedAppClasses(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains(" io.github.scrapyd4j.")
          && l.contains("source: shared objects file")).count();
    }
  }

  private static Path copyQuickstart(Path to) throws IOException {
    return copyOf(QUICKSTART, to);
  }

  private static Path copyOf(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  private Result launcher(Path install, Map<String, String> extra, Path cwd, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(install.resolve("bin/scrapyd4j").toString());
    command.addAll(Arrays.asList(args));
    return exec(command, env(extra), cwd);
  }

  /** The environment of a run: this JVM's Java, this test's cache, none of the user's options. */
  private Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.equals("JAVA_OPTS") || k.startsWith("SCRAPYD4J_")
        || k.startsWith("SCRAPYD_") || k.equals("JAVA_TOOL_OPTIONS")
        || k.equals("JDK_JAVA_OPTIONS"));
    env.put("JAVA_HOME", JAVA_HOME);
    env.put("HOME", temp.toString());
    env.put("XDG_CACHE_HOME", cache.toString());
    env.putAll(extra);
    return env;
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }

  private static Result exec(List<String> command, Map<String, String> env, Path cwd)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile("dist-out", ".txt");
    Path err = Files.createTempFile("dist-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    List<String> lines() {
      return out.lines().collect(Collectors.toList());
    }
  }
}
