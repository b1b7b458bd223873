package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.testing.TestEggs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public egg check that uploads and deploys run before sending anything. */
class EggsTest {
  @TempDir Path dir;

  @Test
  void anEggWithPkgInfoPassesAndEachMistakeIsNamed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("bot/__init__.py"));
      zip.closeEntry();
    }
    Path file = Files.write(dir.resolve("ok.egg"), TestEggs.minimal());

    assertThatCode(() -> Eggs.check(TestEggs.minimal())).doesNotThrowAnyException();
    assertThatCode(() -> Eggs.check(file)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Eggs.check(out.toByteArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Eggs.PKG_INFO);
    assertThatThrownBy(() -> Eggs.check("not a zip".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a ZIP file");
    assertThatThrownBy(() -> Eggs.check(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Eggs.check(dir.resolve("missing.egg")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
  }
}
