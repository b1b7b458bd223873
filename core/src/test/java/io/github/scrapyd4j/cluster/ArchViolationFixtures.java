package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.jobs.internal.StateProbe;
import io.github.scrapyd4j.logs.internal.TextLines;

/** Breaks the rules on jobs.internal: ArchitectureTest checks that the rules see it. */
public final class ArchViolationFixtures {
  private ArchViolationFixtures() {}

  static String describe(StateProbe probe, TextLines lines) {
    return probe + " " + lines;
  }
}
