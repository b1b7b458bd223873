package io.github.scrapyd4j.tasks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two scheduler instances on one real PostgreSQL ({@value PostgresRunStoreTest#URL_VARIABLE});
 * skipped, with the reason, without it.
 */
class TwoSchedulersOnePostgresTest extends TwoSchedulersOneDatabaseContract {
  @BeforeAll
  static void needsPostgres() {
    PostgresRunStoreTest.assumePostgres();
  }

  @Override
  protected JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().url(PostgresRunStoreTest.url());
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection(PostgresRunStoreTest.url());
  }
}
