package io.github.scrapyd4j.model;

import java.util.Objects;

/**
 * The signal {@code cancel.json} sends to a running crawl. Scrapy stops gracefully on {@link #INT}
 * or {@link #TERM} (finishing requests in flight and closing the spider) and at once on a second
 * signal or on {@link #KILL}. When no signal is given, Scrapyd 1.5 and later send {@code INT};
 * older servers send {@code TERM}.
 *
 * <pre>{@code
 * client.cancel("myproject", jobId, Signal.KILL);
 * client.cancel("myproject", jobId, Signal.named("HUP"));
 * client.cancel("myproject", jobId, Signal.number(15)); // Scrapyd 1.6 and later
 * }</pre>
 */
public final class Signal {
  /** SIGINT: graceful shutdown, like Ctrl-C. Scrapyd 1.5+'s default. */
  public static final Signal INT = new Signal("INT");
  /** SIGTERM: graceful shutdown. The default before Scrapyd 1.5. */
  public static final Signal TERM = new Signal("TERM");
  /** SIGKILL: ends the process at once; the log gets no final stats. */
  public static final Signal KILL = new Signal("KILL");

  private final String value;

  private Signal(String value) {
    this.value = value;
  }

  /**
   * A signal by its name without the {@code SIG} prefix, as Python's {@code signal} module knows
   * it on the Scrapyd host: {@code INT}, {@code TERM}, {@code KILL}, {@code HUP}, {@code USR1}...
   *
   * @param name the signal name, upper case, without {@code SIG}
   * @return the signal
   * @throws IllegalArgumentException if the name is blank, starts with {@code SIG}, or is not
   *     upper-case letters and digits
   */
  public static Signal named(String name) {
    Objects.requireNonNull(name, "signal name");
    if (!name.matches("[A-Z][A-Z0-9]*")) {
      throw new IllegalArgumentException(
          "signal name must be upper-case letters and digits such as INT, TERM or KILL, but was '"
              + name
              + "'");
    }
    if (name.startsWith("SIG")) {
      throw new IllegalArgumentException(
          "signal name must not start with SIG (Scrapyd adds it): use '" + name.substring(3)
              + "' instead of '" + name + "'");
    }
    return new Signal(name);
  }

  /**
   * A signal by number, such as 9 or 15. Only Scrapyd 1.6 and later accept numbers; older servers
   * answer with an error.
   *
   * @param number the signal number, 1 or more
   * @return the signal
   * @throws IllegalArgumentException if the number is below 1
   */
  public static Signal number(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("signal number must be 1 or more, but was " + number);
    }
    return new Signal(Integer.toString(number));
  }

  /**
   * What is sent as the {@code signal} parameter.
   *
   * @return the name or the decimal number
   */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Signal && ((Signal) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
