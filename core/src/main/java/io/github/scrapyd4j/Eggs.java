package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Checks an egg before it is uploaded. Scrapyd stores whatever it is sent before it checks it, so a
 * broken egg would be left behind as the project's latest version; these checks catch the two
 * commonest mistakes (not a ZIP file, no {@code EGG-INFO/PKG-INFO}) without sending anything.
 * {@link ScrapydClient#addVersion(String, String, byte[])} runs them on every upload; a deploy
 * that talks to several nodes runs them once, before its first request.
 *
 * <pre>{@code
 * Eggs.check(Files.readAllBytes(Path.of("dist/shop.egg")));  // IllegalArgumentException if broken
 * }</pre>
 */
public final class Eggs {
  /** The entry Scrapyd needs to load an egg as a Python distribution. */
  public static final String PKG_INFO = "EGG-INFO/PKG-INFO";

  private Eggs() {}

  /**
   * Checks an egg's bytes: not empty, a ZIP file, with {@link #PKG_INFO}.
   *
   * @param egg the egg
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void check(byte[] egg) {
    Checks.notNull("egg", egg);
    if (egg.length == 0) {
      throw new IllegalArgumentException("egg must not be empty");
    }
    if (!isZip(egg)) {
      throw new IllegalArgumentException("egg is not a ZIP file (an egg is a ZIP archive)");
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(egg))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals(PKG_INFO)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("egg is not a readable ZIP file: " + e.getMessage(), e);
    }
    throw missingPkgInfo();
  }

  /**
   * Checks an egg file: a readable regular file, a ZIP file, with {@link #PKG_INFO}.
   *
   * @param egg the egg file
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void check(Path egg) {
    Checks.notNull("egg", egg);
    if (!Files.isRegularFile(egg)) {
      throw new IllegalArgumentException("egg file " + egg + " does not exist or is not a file");
    }
    if (!Files.isReadable(egg)) {
      throw new IllegalArgumentException("egg file " + egg + " is not readable");
    }
    try (ZipFile zip = new ZipFile(egg.toFile())) {
      if (zip.getEntry(PKG_INFO) == null) {
        throw missingPkgInfo();
      }
    } catch (ZipException e) {
      throw new IllegalArgumentException("egg file " + egg + " is not a ZIP file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("egg file " + egg + " cannot be read: " + e, e);
    }
  }

  private static boolean isZip(byte[] egg) {
    return egg.length >= 4 && egg[0] == 'P' && egg[1] == 'K'
        && ((egg[2] == 3 && egg[3] == 4) || (egg[2] == 5 && egg[3] == 6));
  }

  private static IllegalArgumentException missingPkgInfo() {
    return new IllegalArgumentException(
        "egg has no " + PKG_INFO + " entry, so Scrapyd could not load it as a Python distribution"
            + " (it would store it anyway and then fail with BadEggError)");
  }
}
