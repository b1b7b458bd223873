package io.github.scrapyd4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Eggs built with plain {@code java.util.zip}, for tests that upload one. */
public final class TestEggs {
  private TestEggs() {}

  /**
   * The egg of a test Scrapy project kept under {@code src/test/resources/projects/<name>/}: its
   * files at the zip root, plus {@code EGG-INFO/PKG-INFO} and an entry point naming {@code
   * settingsModule}, or none when it is null (an egg Scrapyd stores but cannot load).
   */
  public static byte[] project(String name, String settingsModule) {
    URL root = TestEggs.class.getResource("/projects/" + name);
    if (root == null) {
      throw new IllegalArgumentException("no test project " + name);
    }
    try {
      Path dir = Paths.get(root.toURI());
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        put(zip, "EGG-INFO/PKG-INFO",
            ("Metadata-Version: 2.1\nName: " + name + "\nVersion: 1.0\n")
                .getBytes(StandardCharsets.UTF_8));
        if (settingsModule != null) {
          put(zip, "EGG-INFO/entry_points.txt",
              ("[scrapy]\nsettings = " + settingsModule + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Path file : files) {
          put(zip, dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A small egg that passes the client's checks: PKG-INFO, an entry point, one package. */
  public static byte[] minimal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "EGG-INFO/PKG-INFO", "Metadata-Version: 2.1\nName: project\nVersion: 1.0\n");
      put(zip, "EGG-INFO/entry_points.txt", "[scrapy]\nsettings = bot.settings\n");
      put(zip, "bot/__init__.py", "");
      put(zip, "bot/settings.py", "SPIDER_MODULES = ['bot.spiders']\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    put(zip, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }
}
