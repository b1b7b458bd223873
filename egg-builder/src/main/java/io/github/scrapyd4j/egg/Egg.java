package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.egg.EggBuildException.Problem;
import io.github.scrapyd4j.egg.internal.Args;
import io.github.scrapyd4j.egg.internal.meta.Packaging;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A built egg: the bytes of the ZIP file Scrapyd's {@code addversion.json} takes, with its list of
 * files and the settings module its {@code [scrapy]} entry point names. Immutable and
 * thread-safe; one egg can be uploaded to any number of nodes.
 *
 * <pre>{@code
 * Egg egg = EggBuilder.builder().projectDir(Path.of("/src/shop")).build().build();
 * egg.writeTo(Path.of("build/shop.egg"));
 * System.out.println(egg.entries().size() + " files, settings " + egg.settingsModule().get());
 *
 * Egg prebuilt = Egg.read(Path.of("dist/project-1.0-py3.11.egg"));   // scrapyd-deploy --egg FILE
 * }</pre>
 */
public final class Egg {
  /** The entry holding the {@code [scrapy]} {@code settings} entry point. */
  public static final String ENTRY_POINTS = "EGG-INFO/entry_points.txt";

  private final byte[] bytes;
  private final List<EggEntry> entries;
  private final String settingsModule;
  private final List<String> topLevelNames;
  private final List<String> warnings;
  private volatile String sha256;
  private volatile EggSummary summary;

  Egg(byte[] bytes, List<EggEntry> entries, String settingsModule, List<String> topLevelNames) {
    this(bytes, entries, settingsModule, topLevelNames, List.of());
  }

  Egg(byte[] bytes, List<EggEntry> entries, String settingsModule, List<String> topLevelNames,
      List<String> warnings) {
    this.bytes = bytes;
    this.entries = List.copyOf(entries);
    this.settingsModule = settingsModule;
    this.topLevelNames = List.copyOf(topLevelNames);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads an egg file built elsewhere (by {@code scrapyd-deploy --build-egg}, setuptools or
   * {@link #writeTo(Path)}).
   *
   * @param file the egg file
   * @return the egg
   * @throws EggBuildException if the file cannot be read or is not a ZIP file
   */
  public static Egg read(Path file) {
    Args.notNull("file", file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new EggBuildException(Problem.UNREADABLE_FILE,
          "egg file " + file + " cannot be read: " + e, file, e);
    }
    return parse(bytes, "egg file " + file, file);
  }

  /**
   * Reads an egg from its bytes.
   *
   * @param bytes the ZIP file's bytes (copied)
   * @return the egg
   * @throws EggBuildException if the bytes are not a ZIP file
   */
  public static Egg of(byte[] bytes) {
    Args.notNull("bytes", bytes);
    return parse(bytes.clone(), "egg", null);
  }

  private static Egg parse(byte[] bytes, String what, Path file) {
    if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
      throw new EggBuildException(Problem.INVALID_EGG,
          what + " is not a ZIP file (an egg is a ZIP archive)", file, null);
    }
    List<EggEntry> entries = new ArrayList<>();
    String entryPoints = null;
    String topLevel = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        byte[] content = zip.readAllBytes();
        zip.closeEntry();
        if (e.isDirectory()) {
          continue;
        }
        String name = e.getName();
        if (name.equals(ENTRY_POINTS)) {
          entryPoints = new String(content, StandardCharsets.UTF_8);
        } else if (name.equals("EGG-INFO/top_level.txt")) {
          topLevel = new String(content, StandardCharsets.UTF_8);
        }
        entries.add(EggEntry.builder()
            .name(name)
            .size(content.length)
            .compressedSize(e.getCompressedSize() < 0 ? content.length : e.getCompressedSize())
            .kind(kindOf(name))
            .build());
      }
    } catch (ZipException e) {
      throw new EggBuildException(Problem.INVALID_EGG,
          what + " is not a readable ZIP file: " + e.getMessage(), file, e);
    } catch (IOException e) {
      throw new EggBuildException(Problem.INVALID_EGG,
          what + " cannot be read: " + e, file, e);
    }
    List<String> names = new ArrayList<>();
    if (topLevel != null) {
      for (String line : topLevel.split("\n")) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
    }
    return new Egg(bytes, entries, entryPoints == null ? null : scrapySettings(entryPoints), names);
  }

  static EggEntry.Kind kindOf(String name) {
    if (name.startsWith("EGG-INFO/")) {
      return EggEntry.Kind.METADATA;
    }
    return name.endsWith(".py") ? EggEntry.Kind.MODULE : EggEntry.Kind.DATA;
  }

  /**
   * The module of the {@code settings} entry point in the {@code [scrapy]} group, read the way
   * {@code pkg_resources} reads {@code entry_points.txt}.
   */
  static String scrapySettings(String entryPoints) {
    String section = null;
    List<String> scrapy = new ArrayList<>();
    for (String raw : entryPoints.split("\r?\n|\r")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
      } else if ("scrapy".equals(section)) {
        scrapy.add(line);
      }
    }
    return Packaging.settingsFrom(scrapy);
  }


  /**
   * The egg's bytes.
   *
   * @return a copy of the ZIP file's bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for this package's uploads. */
  byte[] sharedBytes() {
    return bytes;
  }

  /**
   * The egg's size.
   *
   * @return the size in bytes
   */
  public int size() {
    return bytes.length;
  }

  /**
   * The files in the egg, in the egg's order ({@code EGG-INFO/} first in eggs built here).
   *
   * @return the entries
   */
  public List<EggEntry> entries() {
    return entries;
  }

  /**
   * The names of the egg's files.
   *
   * @return the entry names, in the egg's order
   */
  public List<String> entryNames() {
    List<String> names = new ArrayList<>(entries.size());
    for (EggEntry e : entries) {
      names.add(e.name());
    }
    return names;
  }

  /**
   * The settings module Scrapyd will use: the {@code settings} entry point of the {@code [scrapy]}
   * group in {@code EGG-INFO/entry_points.txt}.
   *
   * @return the module, empty if the egg has no such entry point (Scrapyd would reject it)
   */
  public Optional<String> settingsModule() {
    return Optional.ofNullable(settingsModule);
  }

  /**
   * The top-level packages and modules, as {@code EGG-INFO/top_level.txt} lists them.
   *
   * @return the names, empty if the egg has no {@code top_level.txt}
   */
  public List<String> topLevelNames() {
    return topLevelNames;
  }

  /**
   * What the egg holds in numbers: modules, data files, bytes unpacked, the egg's size. {@link
   * EggSummary#line()} is the line the command line prints after a build.
   *
   * @return the summary
   */
  public EggSummary summary() {
    EggSummary s = summary;
    if (s == null) {
      int modules = 0;
      int data = 0;
      long unpacked = 0;
      for (EggEntry e : entries) {
        if (e.kind() == EggEntry.Kind.METADATA) {
          continue;
        }
        if (e.kind() == EggEntry.Kind.MODULE) {
          modules++;
        } else {
          data++;
        }
        unpacked += e.size();
      }
      s = EggSummary.of(modules, data, unpacked, bytes.length);
      summary = s;
    }
    return s;
  }

  /**
   * What the build has to say about this egg, for people: what the project's metadata declares
   * that could not be read without Python (naming the file, key and line, and what was used
   * instead), how the egg differs from the one {@code setup.py bdist_egg} would make, files
   * over {@link EggBuilder#LARGE_FILE_WARNING} and eggs over {@link
   * EggBuilder#LARGE_EGG_WARNING} (naming the largest folders). Also logged at WARN when built.
   *
   * @return the warnings; eggs built with setup.py get the size warnings only, eggs read from a
   *     file none
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The SHA-256 of the egg, to compare builds or identify an upload.
   *
   * @return 64 lower-case hex digits
   */
  public String sha256() {
    String hash = sha256;
    if (hash == null) {
      hash = sha256(bytes);
      sha256 = hash;
    }
    return hash;
  }

  /**
   * Writes the egg to a file, creating missing parent folders. The file is written next to its
   * final name first and then moved into place, so it never holds half an egg.
   *
   * @param file where to write
   * @return the file
   * @throws UncheckedIOException if writing fails
   */
  public Path writeTo(Path file) {
    Args.notNull("file", file);
    Path absolute = file.toAbsolutePath();
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path temp = Files.createTempFile(parent, "." + absolute.getFileName(), ".tmp");
      try {
        Files.write(temp, bytes);
        try {
          Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the egg to " + file + ": " + e, e);
    }
  }

  /**
   * Writes the egg to a stream, which is not closed.
   *
   * @param out where to write
   * @throws UncheckedIOException if writing fails
   */
  public void writeTo(OutputStream out) {
    Args.notNull("out", out);
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the egg: " + e, e);
    }
  }

  /**
   * Opens the egg for reading.
   *
   * @return a stream over the egg's bytes
   */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  private static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Two eggs are equal when their bytes are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Egg && Arrays.equals(((Egg) other).bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Size, file count, settings module and SHA-256. */
  @Override
  public String toString() {
    return "Egg{size=" + bytes.length + ", entries=" + entries.size() + ", settingsModule="
        + settingsModule + ", sha256=" + sha256() + '}';
  }
}
