package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.egg.testing.Tree;
import io.github.scrapyd4j.egg.testing.ZipInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EggReproducibilityTest {
  @TempDir Path tmp;

  private Path project(Path at) {
    return Tree.at(at).scrapyProject("bot", "echo")
        .file("bot/data/b.json", "{\"b\": 1}")
        .file("bot/data/a.json", "{\"a\": 1}")
        .file("bot/zeta.py", "Z = 1\n")
        .file("bot/alpha.py", "A = 1\n")
        .file("bot/ünïcode.txt", "u")
        .root();
  }

  private static Egg build(Path project, Map<String, String> env) {
    return EggBuilder.builder().projectDir(project).environment(env).build().build();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void buildingTwiceGivesTheSameBytes() {
    Path project = project(tmp.resolve("p"));

    Egg first = build(project, Map.of());
    Egg second = build(project, Map.of());

    assertThat(second.bytes()).isEqualTo(first.bytes());
    assertThat(second.sha256()).isEqualTo(first.sha256());
  }

  @Test
  void copyInAnotherFolderWithOtherTimesAndPermissionsGivesTheSameBytes() throws Exception {
    Path original = project(tmp.resolve("original"));
    Path copy = tmp.resolve("somewhere/else/entirely");
    copyTree(original, copy);
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2031-05-06T07:08:09Z")));
        if (Files.isRegularFile(f)) {
          Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxrwx---"));
        }
      }
    }

    Egg a = build(original, Map.of());
    Egg b = build(copy, Map.of());

    assertThat(b.bytes()).isEqualTo(a.bytes());
  }

  @Test
  void entriesAreSortedWithMetadataFirst() {
    Egg egg = build(project(tmp.resolve("p")), Map.of());

    assertThat(egg.entryNames()).startsWith("EGG-INFO/PKG-INFO", "EGG-INFO/SOURCES.txt",
        "EGG-INFO/dependency_links.txt", "EGG-INFO/entry_points.txt", "EGG-INFO/top_level.txt",
        "EGG-INFO/zip-safe");
    assertThat(egg.entryNames().subList(6, egg.entryNames().size())).isSorted();
    assertThat(ZipInspector.records(egg.bytes())).extracting(r -> r.name)
        .containsExactlyElementsOf(egg.entryNames());
  }

  @Test
  void sourceDateEpochSetsTheTimeOfEveryEntry() {
    Path project = project(tmp.resolve("p"));

    // 2024-02-29T13:45:30Z
    Egg egg = build(project, Map.of("SOURCE_DATE_EPOCH", "1709214330"));
    Egg explicit = EggBuilder.builder().projectDir(project)
        .timestamp(Instant.parse("2024-02-29T13:45:30Z")).build().build();
    Egg other = build(project, Map.of("SOURCE_DATE_EPOCH", "1709214332"));

    int date = ((2024 - 1980) << 9) | (2 << 5) | 29;
    int time = (13 << 11) | (45 << 5) | (30 / 2);
    assertThat(ZipInspector.records(egg.bytes())).allSatisfy(r -> {
      assertThat(r.dosDate).isEqualTo(date);
      assertThat(r.dosTime).isEqualTo(time);
    });
    assertThat(explicit.bytes()).isEqualTo(egg.bytes());
    assertThat(other.bytes()).isNotEqualTo(egg.bytes());
  }

  @Test
  void timesBefore1980AreStoredAs1980() {
    Path project = project(tmp.resolve("p"));

    Egg zero = build(project, Map.of("SOURCE_DATE_EPOCH", "0"));
    Egg byDefault = build(project, Map.of());

    assertThat(zero.bytes()).isEqualTo(byDefault.bytes());
    assertThat(EggBuilder.DEFAULT_TIMESTAMP).isEqualTo(Instant.parse("1980-01-01T00:00:00Z"));
  }

  @Test
  void changingOneFileChangesTheEgg() throws Exception {
    Path project = project(tmp.resolve("p"));
    Egg before = build(project, Map.of());

    Files.writeString(project.resolve("bot/alpha.py"), "A = 2\n");

    assertThat(build(project, Map.of()).bytes()).isNotEqualTo(before.bytes());
  }
}
