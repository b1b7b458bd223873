package io.github.scrapyd4j.boundaries;

import io.github.scrapyd4j.internal.Checks;

/** Breaks the module rule on purpose, so that ModuleBoundariesTest can show the rule can fail. */
final class InternalUseFixture {
  private InternalUseFixture() {}

  static String project(String name) {
    return Checks.project(name);
  }
}
