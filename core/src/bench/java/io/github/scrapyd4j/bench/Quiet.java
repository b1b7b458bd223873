package io.github.scrapyd4j.bench;

import org.slf4j.LoggerFactory;

/**
 * The test classpath's logback configuration logs the client's DEBUG lines to the console; the
 * benchmarks turn them off so that printing does not count in their timings.
 */
final class Quiet {
  private Quiet() {}

  static void clientLogging() {
    org.slf4j.Logger logger = LoggerFactory.getLogger("io.github.scrapyd4j");
    if (logger instanceof ch.qos.logback.classic.Logger) {
      ((ch.qos.logback.classic.Logger) logger).setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
