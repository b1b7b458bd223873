package io.github.scrapyd4j.tasks;

import java.util.Locale;

/** What differs between the databases {@link JdbcRunStore} supports. */
enum JdbcDialect {
  H2("CHARACTER LARGE OBJECT", false),
  POSTGRESQL("TEXT", true);

  /** The type of long text: stats, reasons, errors. */
  final String text;
  /** Whether {@code INSERT ... ON CONFLICT (...) DO NOTHING} exists. */
  final boolean onConflict;

  JdbcDialect(String text, boolean onConflict) {
    this.text = text;
    this.onConflict = onConflict;
  }

  /**
   * The dialect of a database, by the product name its driver reports.
   *
   * @return the dialect, or null when not supported
   */
  static JdbcDialect of(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.equals("h2")) {
      return H2;
    }
    if (name.equals("postgresql")) {
      return POSTGRESQL;
    }
    return null;
  }
}
