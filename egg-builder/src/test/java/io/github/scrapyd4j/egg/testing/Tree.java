package io.github.scrapyd4j.egg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/** Writes and snapshots small file trees for tests. */
public final class Tree {
  private final Path root;

  private Tree(Path root) {
    this.root = root;
  }

  /**
   * Starts a tree in a folder.
   *
   * @param root the folder (created if missing)
   * @return the tree
   */
  public static Tree at(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Tree(root);
  }

  /**
   * Writes a file, creating its folders.
   *
   * @param path the path, relative, with /
   * @param content the content
   * @return this tree
   */
  public Tree file(String path, String content) {
    try {
      Path p = root.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes empty files.
   *
   * @param paths the paths
   * @return this tree
   */
  public Tree empty(String... paths) {
    for (String p : paths) {
      file(p, "");
    }
    return this;
  }

  /**
   * Creates a folder.
   *
   * @param path the path
   * @return this tree
   */
  public Tree dir(String path) {
    try {
      Files.createDirectories(root.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a symbolic link.
   *
   * @param path where the link is
   * @param target what it points to (as written in the link)
   * @return this tree
   */
  public Tree link(String path, String target) {
    try {
      Path p = root.resolve(path);
      Files.createDirectories(p.getParent());
      Files.createSymbolicLink(p, Path.of(target));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /**
   * A minimal Scrapy project: scrapy.cfg naming {@code <pkg>.settings}, the package, its settings
   * and one spider.
   *
   * @param pkg the package name
   * @param spider the spider name
   * @return this tree
   */
  public Tree scrapyProject(String pkg, String spider) {
    return file("scrapy.cfg", "[settings]\ndefault = " + pkg + ".settings\n\n[deploy]\nproject = "
            + pkg + "\n")
        .file(pkg + "/__init__.py", "")
        .file(pkg + "/settings.py", "BOT_NAME = '" + pkg + "'\nSPIDER_MODULES = ['" + pkg
            + ".spiders']\nNEWSPIDER_MODULE = '" + pkg + ".spiders'\n")
        .file(pkg + "/spiders/__init__.py", "")
        .file(pkg + "/spiders/" + spider + ".py", "import scrapy\n\n\nclass Spider(scrapy.Spider):\n"
            + "    name = '" + spider + "'\n    start_urls = ['data:,hello']\n\n"
            + "    def parse(self, response):\n        yield {'body': response.text}\n");
  }

  /**
   * Every file under a folder with its content (links shown as "-> target").
   *
   * @param dir the folder
   * @return relative path to content
   */
  public static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          out.put(dir.relativize(d) + "/", "<dir>");
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          String rel = dir.relativize(f).toString();
          if (attrs.isSymbolicLink()) {
            out.put(rel, "-> " + Files.readSymbolicLink(f));
          } else {
            out.put(rel, attrs.lastModifiedTime() + " " + new String(Files.readAllBytes(f),
                StandardCharsets.ISO_8859_1));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
