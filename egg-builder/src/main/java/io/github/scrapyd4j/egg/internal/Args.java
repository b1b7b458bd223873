package io.github.scrapyd4j.egg.internal;

/**
 * Argument checks of the egg builder's public boundary: each failure names the argument. Not part
 * of the public API.
 */
public final class Args {
  private Args() {}

  /**
   * Checks a value is not null.
   *
   * @param <T> the value type
   * @param argument the argument's name
   * @param value the value
   * @return the value
   */
  public static <T> T notNull(String argument, T value) {
    if (value == null) {
      throw new NullPointerException(argument + " must not be null");
    }
    return value;
  }

  /**
   * Checks a text is not null, empty or only white space.
   *
   * @param argument the argument's name
   * @param value the value
   * @return the value
   */
  public static String notBlank(String argument, String value) {
    notNull(argument, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(argument + " must not be blank");
    }
    return value;
  }

  /**
   * Checks a duration is positive.
   *
   * @param argument the argument's name
   * @param value the value
   * @return the value
   */
  public static java.time.Duration positive(String argument, java.time.Duration value) {
    notNull(argument, value);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(argument + " must be positive, but was " + value);
    }
    return value;
  }
}
