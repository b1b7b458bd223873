package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.tasks.RunStore;

/** Opens the run history database named by {@link HistoryDb}. */
final class Stores {
  private Stores() {}

  /**
   * The store at the database's URL.
   *
   * @param readOnly true for a command that only reads (history): a missing default H2 file is
   *     then not created
   */
  static RunStore open(Scrapyd4jCommand.Env env, HistoryDb db, boolean readOnly) {
    String url = db.url(env);
    throw new CommandFailure("cannot open " + HistoryDb.shown(url) + ": no JDBC store yet",
        Scrapyd4jCommand.FAILED);
  }
}
