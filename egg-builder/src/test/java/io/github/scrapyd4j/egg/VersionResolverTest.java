package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Python;
import io.github.scrapyd4j.egg.testing.Tree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionResolverTest {
  @TempDir Path tmp;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T18:00:00.900Z"), ZoneOffset.UTC);

  private VersionResolver resolver(Path dir) {
    return VersionResolver.builder().directory(dir).clock(CLOCK).build();
  }

  private static void git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t",
        "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
    command.addAll(List.of(args));
    Python.Run run = Python.run(command, dir);
    assertThat(run.exitCode).as(run.toString()).isZero();
  }

  private static boolean gitInstalled() {
    return Python.run(List.of("git", "--version"), null).exitCode == 0;
  }

  private Path repo() {
    Path dir = Tree.at(tmp.resolve("repo")).file("a.txt", "1").root();
    git(dir, "init", "-q");
    git(dir, "symbolic-ref", "HEAD", "refs/heads/trunk");
    git(dir, "add", "a.txt");
    git(dir, "commit", "-q", "-m", "one");
    return dir;
  }

  @Test
  void emptyRuleIsEpochSecondsOfTheClock() {
    assertThat(resolver(tmp).resolve(null)).isEqualTo("1795456800");
    assertThat(resolver(tmp).resolve("")).isEqualTo("1795456800");
    assertThat(resolver(tmp).timestamp()).isEqualTo("1795456800");
  }

  @Test
  void otherRulesAreUsedAsIs() {
    assertThat(resolver(tmp).resolve("1.2.3")).isEqualTo("1.2.3");
    assertThat(resolver(tmp).resolve("git")).isEqualTo("git");
  }

  @Test
  void gitWithoutTagsIsCommitCountAndBranch() throws Exception {
    assumeTrue(gitInstalled(), "git is not installed");
    Path dir = repo();
    Files.writeString(dir.resolve("a.txt"), "2");
    git(dir, "commit", "-q", "-am", "two");
    git(dir, "tag", "lightweight-tags-are-ignored-by-describe");

    assertThat(resolver(dir).resolve("GIT")).isEqualTo("r2-trunk");
  }

  @Test
  void gitWithAnAnnotatedTagIsDescribeAndBranch() throws Exception {
    assumeTrue(gitInstalled(), "git is not installed");
    Path dir = repo();
    git(dir, "tag", "-a", "v1.0", "-m", "release");
    assertThat(resolver(dir).resolve("GIT")).isEqualTo("v1.0-trunk");
    Files.writeString(dir.resolve("a.txt"), "2");
    git(dir, "commit", "-q", "-am", "two");

    String version = resolver(dir.resolve(".")).git();

    assertThat(version).matches("v1\\.0-1-g[0-9a-f]{7,}-trunk");
  }

  @Test
  void gitOnADetachedHeadNamesTheBranchHead() {
    assumeTrue(gitInstalled(), "git is not installed");
    Path dir = repo();
    git(dir, "checkout", "-q", "--detach");

    assertThat(resolver(dir).git()).isEqualTo("r1-HEAD");
  }

  @Test
  void gitOutsideARepositoryIsAClearError() {
    assumeTrue(gitInstalled(), "git is not installed");
    Path dir = Tree.at(tmp.resolve("plain")).root();

    VersionException e = catchThrowableOfType(VersionException.class, () -> VersionResolver.builder().directory(dir)
        .build().git());

    assertThat(e.getMessage()).contains("version GIT").contains("rev-list --count HEAD")
        .contains(dir.toString()).contains("git repository");
  }

  @Test
  void missingToolIsAClearError() {
    VersionException git = catchThrowableOfType(VersionException.class, () -> VersionResolver.builder().directory(tmp)
        .gitCommand(tmp.resolve("no-git").toString()).build().resolve("GIT"));
    VersionException hg = catchThrowableOfType(VersionException.class, () -> VersionResolver.builder().directory(tmp)
        .hgCommand(tmp.resolve("no-hg").toString()).build().resolve("HG"));

    assertThat(git.getMessage()).contains("version GIT needs").contains("no-git")
        .contains("installed");
    assertThat(hg.getMessage()).contains("version HG needs").contains("no-hg");
  }

  @Test
  void hgIsTipRevisionAndBranch() throws Exception {
    Path fakeHg = tmp.resolve("hg");
    Files.writeString(fakeHg, "#!/bin/sh\n"
        + "if [ \"$1\" = tip ] && [ \"$2\" = --template ] && [ \"$3\" = '{rev}' ]; then"
        + " printf 17; exit 0; fi\n"
        + "if [ \"$1\" = branch ]; then printf 'feature\\n'; exit 0; fi\n"
        + "echo \"unexpected: $*\" >&2; exit 3\n");
    Files.setPosixFilePermissions(fakeHg, PosixFilePermissions.fromString("rwx------"));

    String version = VersionResolver.builder().directory(tmp).hgCommand(fakeHg.toString())
        .build().resolve("HG");

    assertThat(version).isEqualTo("r17-feature");
  }

  @Test
  void hgFailingIsAClearError() throws Exception {
    Path fakeHg = tmp.resolve("hg");
    Files.writeString(fakeHg, "#!/bin/sh\necho 'abort: no repository found' >&2\nexit 255\n");
    Files.setPosixFilePermissions(fakeHg, PosixFilePermissions.fromString("rwx------"));

    VersionException e = catchThrowableOfType(VersionException.class, () -> VersionResolver.builder().directory(tmp)
        .hgCommand(fakeHg.toString()).build().hg());

    assertThat(e.getMessage()).contains("exit 255").contains("abort: no repository found");
  }
}
