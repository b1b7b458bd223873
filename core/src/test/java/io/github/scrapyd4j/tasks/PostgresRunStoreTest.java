package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcRunStore} on a real PostgreSQL: the one whose JDBC URL (with user and password) is in
 * the environment variable {@value #URL_VARIABLE}, which {@code .ci/run} starts. Skipped, with the
 * reason, without it.
 */
class PostgresRunStoreTest extends JdbcRunStoreContract {
  static final String URL_VARIABLE = "SCRAPYD4J_TEST_POSTGRES_URL";

  static String url() {
    return System.getenv(URL_VARIABLE);
  }

  static void assumePostgres() {
    Assumptions.assumeTrue(url() != null && !url().isBlank(), URL_VARIABLE + " is not set: no "
        + "PostgreSQL to test on (.ci/run starts one and sets it)");
  }

  @BeforeAll
  static void needsPostgres() {
    assumePostgres();
  }

  /** The password in the URL (.ci/run puts it there as {@code password=}). */
  static String urlPassword() {
    String url = url();
    int at = url.indexOf("password=");
    if (at < 0) {
      return "\u0000no password in the URL\u0000";
    }
    int end = url.indexOf('&', at);
    return url.substring(at + "password=".length(), end < 0 ? url.length() : end);
  }

  @Override
  protected JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().url(url());
  }

  @Override
  protected JdbcRunStore.Builder withPassword(JdbcRunStore.Builder builder, String password) {
    String url = url().replace("password=" + urlPassword(), "password=" + password);
    return JdbcRunStore.builder().url(url);
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  @Override
  protected String password() {
    return urlPassword();
  }

  @Test
  void theDatabaseIsPostgresql() {
    assertThat(store.toString()).contains("POSTGRESQL").contains("password=***");
  }
}
