package io.github.scrapyd4j.tasks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** Two scheduler instances, each with its own store and connections, on one H2 database file. */
class TwoSchedulersOneH2Test extends TwoSchedulersOneDatabaseContract {
  @TempDir
  static Path dir;

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("shared") + ";DB_CLOSE_DELAY=-1";
  }

  @Override
  protected JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().url(url()).user("sa").password("");
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), "sa", "");
  }
}
