package io.github.scrapyd4j.egg.bench;

import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.egg.EggBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process build time of the egg of the generated project ({@link BenchProject}: 2,000 modules,
 * 500 data files), with data files (the default) and without (what scrapyd-deploy packages),
 * without and with a {@code setup.py} (read as packaging metadata).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EggBuildBenchmark {
  /** Whether data files are packaged. */
  @Param({"true", "false"})
  public boolean dataFiles;

  /**
   * Whether the project has scrapyd-deploy's {@code setup.py}, so its packaging metadata is read
   * and decides the layout (the metadata path) instead of the default rules.
   */
  @Param({"false", "true"})
  public boolean setupPy;

  private Path project;
  private EggBuilder builder;

  /**
   * Generates the project once.
   *
   * @throws IOException if writing fails
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    // The test class path logs each build at INFO; keep the console quiet while measuring.
    org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("io.github.scrapyd4j");
    if (logger instanceof ch.qos.logback.classic.Logger) {
      ((ch.qos.logback.classic.Logger) logger).setLevel(ch.qos.logback.classic.Level.WARN);
    }
    project = BenchProject.generate(Files.createTempDirectory("scrapyd4j-bench-"));
    if (setupPy) {
      Files.writeString(project.resolve("setup.py"), "from setuptools import setup,"
          + " find_packages\n\nsetup(\n    name='project',\n    version='1.0',\n"
          + "    packages=find_packages(),\n    entry_points={'scrapy': ['settings = "
          + "benchbot.settings']},\n)\n");
    }
    builder = EggBuilder.builder().projectDir(project).dataFiles(dataFiles).build();
  }

  /**
   * Deletes the project.
   *
   * @throws IOException if deleting fails
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(project)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Scans the project, reads, compresses and writes the egg in memory.
   *
   * @return the egg
   */
  @Benchmark
  public Egg eggBuild() {
    return builder.build();
  }
}
