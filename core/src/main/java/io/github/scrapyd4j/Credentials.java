package io.github.scrapyd4j;

import io.github.scrapyd4j.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password for HTTP basic authentication, which Scrapyd 1.3 and later enable when
 * its {@code username} and {@code password} options are set. The password never appears in
 * {@link #toString()}, in log lines or in exception messages.
 */
public final class Credentials {
  private final String username;
  private final String password;

  private Credentials(String username, String password) {
    this.username = username;
    this.password = password;
  }

  /**
   * Creates credentials.
   *
   * @param username the user name; must not be empty or contain {@code ':'} (basic authentication
   *     cannot carry it, and Scrapyd refuses to start with one)
   * @param password the password; may contain any character, {@code ':'} included
   * @return the credentials
   */
  public static Credentials of(String username, String password) {
    Checks.notNull("username", username);
    Checks.notNull("password", password);
    if (username.isEmpty()) {
      throw new IllegalArgumentException("username must not be empty");
    }
    if (username.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "username must not contain ':' (HTTP basic authentication cannot carry it)");
    }
    return new Credentials(username, password);
  }

  /**
   * The user name.
   *
   * @return the user name
   */
  public String username() {
    return username;
  }

  /**
   * The password. Handle it with care: never log it.
   *
   * @return the password
   */
  public String password() {
    return password;
  }

  /**
   * The value of the {@code Authorization} header for these credentials.
   *
   * @return {@code Basic} and the base64 of {@code username:password} in UTF-8
   */
  public String basicAuthorization() {
    byte[] pair = (username + ':' + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Credentials
        && ((Credentials) other).username.equals(username)
        && ((Credentials) other).password.equals(password);
  }

  @Override
  public int hashCode() {
    return username.hashCode() * 31 + password.hashCode();
  }

  /** Shows the user name only; the password is masked. */
  @Override
  public String toString() {
    return "Credentials{username=" + username + ", password=****}";
  }
}
