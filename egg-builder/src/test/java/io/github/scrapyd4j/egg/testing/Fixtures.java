package io.github.scrapyd4j.egg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fixture projects of {@code src/test/resources/fixtures/}, one per packaging shape (all
 * written for these tests): each is copied to a temporary folder before use.
 */
public final class Fixtures {
  /** Every fixture, by folder name. */
  public static final List<String> ALL = List.of("subfolder-package", "find-exclude",
      "explicit-packages", "computed", "setup-cfg", "pyproject", "tests-excluded");

  private Fixtures() {}

  /**
   * Copies a fixture.
   *
   * @param name the fixture's folder name
   * @param into the folder to copy it into (it becomes {@code into/name})
   * @return the copy
   */
  public static Path copy(String name, Path into) {
    try {
      Path source = Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
      Path target = into.resolve(name);
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(source)) {
        paths = walk.sorted().collect(Collectors.toList());
      }
      for (Path p : paths) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + name, e);
    }
  }
}
