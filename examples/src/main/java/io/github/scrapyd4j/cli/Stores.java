package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.tasks.JdbcRunStore;
import io.github.scrapyd4j.tasks.RunStore;
import io.github.scrapyd4j.tasks.RunStoreException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the run history database named by {@link HistoryDb}. */
final class Stores {
  private Stores() {}

  /**
   * The store at the database's URL; null when only reading ({@code readOnly}) and the default
   * H2 file does not exist yet (nothing was ever recorded there).
   *
   * @throws CommandFailure (exit code 1) when the database cannot be opened, named without its
   *     password
   */
  static RunStore open(Scrapyd4jCommand.Env env, HistoryDb db, boolean readOnly) {
    String url = db.url(env);
    if (url.equals(HistoryDb.defaultUrl(env))) {
      Path folder = HistoryDb.defaultFolder(env);
      if (readOnly && !Files.exists(folder.resolve("history.mv.db"))) {
        return null;
      }
      try {
        Files.createDirectories(folder);
      } catch (java.io.IOException e) {
        throw new CommandFailure("cannot make the history folder " + folder + ": " + e,
            Scrapyd4jCommand.FAILED);
      }
    }
    try {
      JdbcRunStore.Builder b = JdbcRunStore.builder().url(url);
      if (db.user != null) {
        b.user(db.user);
      }
      String password = db.password(env);
      if (password != null) {
        b.password(password);
      }
      return b.build();
    } catch (RunStoreException e) {
      // The store's messages hide the password already; the URL is shown redacted here too.
      throw new CommandFailure("cannot open the history database " + HistoryDb.shown(url) + ": "
          + e.getMessage(), Scrapyd4jCommand.FAILED);
    }
  }
}
