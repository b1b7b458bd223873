package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.jobs.JobRef;

/** Breaks the rule that logs is pure: ArchitectureTest checks that the rule sees it. */
public final class LogsViolationFixture {
  private LogsViolationFixture() {}

  static String describe(ScrapydClient client, JobRef job) {
    return client + " " + job;
  }
}
