package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcRunStore} on an embedded H2 database file, with a user and a password. */
class H2RunStoreTest extends JdbcRunStoreContract {
  private static final String PASSWORD = "h2-S3cret-pw";

  @TempDir
  static Path dir;

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("runs") + ";DB_CLOSE_DELAY=-1";
  }

  @Override
  protected JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().url(url()).user("sa").password(PASSWORD);
  }

  @Override
  protected JdbcRunStore.Builder withPassword(JdbcRunStore.Builder builder, String password) {
    return builder.password(password);
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), "sa", PASSWORD);
  }

  @Override
  protected String password() {
    return PASSWORD;
  }

  @Test
  void aPasswordInTheUrlIsHiddenToo() {
    String secret = "InUrl-S3cret";
    String inUrl = "jdbc:h2:mem:hidden;USER=sa;PASSWORD=" + secret;
    try (JdbcRunStore s = JdbcRunStore.builder().url(inUrl).tablePrefix(prefix).build()) {
      assertThat(s.toString()).contains("PASSWORD=***").doesNotContain(secret);
      assertThat(s.claim(claimed("nightly", T0))).isTrue();
    }
    Throwable bad = catchThrown(() -> JdbcRunStore.builder()
        .url("jdbc:h2:mem:x;USER=sa;PASSWORD=" + secret + ";NO_SUCH_SETTING=1").build());
    assertThat(bad).isInstanceOf(RunStoreException.class);
    assertThat(everything(bad)).doesNotContain(secret).contains("***");
  }

  @Test
  void aUrlWithoutADriverFailsNamingTheDriversAndHidingThePassword() {
    assertThatThrownBy(() -> JdbcRunStore.builder()
        .url("jdbc:nosuchdb://db/x?user=u&password=Zz9-secret").build())
        .isInstanceOf(RunStoreException.class)
        .hasMessageContaining("no JDBC driver on the class path accepts "
            + "jdbc:nosuchdb://db/x?user=u&password=***")
        .hasMessageContaining("org.postgresql:postgresql")
        .hasMessageNotContaining("Zz9-secret");
  }

  @Test
  void badSettingsAreRefusedNamingTheArgument() {
    assertThatThrownBy(() -> JdbcRunStore.builder().url("postgresql://u:pw@db/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url must be a JDBC URL").hasMessageNotContaining(":pw@");
    assertThatThrownBy(() -> JdbcRunStore.builder().tablePrefix("Runs; DROP"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tablePrefix");
    assertThatThrownBy(() -> JdbcRunStore.builder().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> JdbcRunStore.builder().timeout(java.time.Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> JdbcRunStore.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("url and dataSource");
  }

  @Test
  void aDataSourceOfTheApplicationIsUsedAndNeverShown() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url());
    ds.setUser("sa");
    ds.setPassword(PASSWORD);
    try (JdbcRunStore s = JdbcRunStore.builder().dataSource(ds).tablePrefix(prefix).build()) {
      assertThat(s.claim(claimed("nightly", T0))).isTrue();
      assertThat(s.toString()).contains("org.h2.jdbcx.JdbcDataSource")
          .doesNotContain(PASSWORD);
    }
    // the store did not close the application's DataSource
    try (JdbcRunStore s = JdbcRunStore.builder().dataSource(ds).tablePrefix(prefix).build()) {
      assertThat(s.lastFireTime("nightly")).contains(T0);
    }
  }

  @Test
  void aDatabaseOtherThanH2OrPostgresqlIsRefusedByName() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url());
    h2.setUser("sa");
    h2.setPassword(PASSWORD);
    javax.sql.DataSource mysql = (javax.sql.DataSource) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
        (p, m, args) -> {
          if (!m.getName().equals("getConnection")) {
            return m.invoke(h2, args);
          }
          Connection real = h2.getConnection();
          return Proxy.newProxyInstance(getClass().getClassLoader(),
              new Class<?>[] {Connection.class}, (p2, m2, a2) -> {
                if (m2.getName().equals("getMetaData")) {
                  DatabaseMetaData md = real.getMetaData();
                  return Proxy.newProxyInstance(getClass().getClassLoader(),
                      new Class<?>[] {DatabaseMetaData.class}, (p3, m3, a3) ->
                          m3.getName().equals("getDatabaseProductName") ? "MySQL"
                              : m3.invoke(md, a3));
                }
                return m2.invoke(real, a2);
              });
        });
    assertThatThrownBy(() -> JdbcRunStore.builder().dataSource(mysql).build())
        .isInstanceOf(RunStoreException.class)
        .hasMessageContaining("JdbcRunStore supports H2 and PostgreSQL")
        .hasMessageContaining("MySQL");
  }

  @Test
  void aClosedStoreFailsClearly() {
    store.close();
    assertThatThrownBy(() -> store.history(Optional.empty(), 1))
        .isInstanceOf(RunStoreException.class).hasMessageContaining("closed");
  }
}
