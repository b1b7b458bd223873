package io.github.scrapyd4j.model;

/** How Scrapyd names stored project versions. */
public final class Versions {
  private Versions() {}

  /**
   * The name Scrapyd stores a version under: every character outside {@code [A-Za-z0-9_-]}
   * becomes {@code _}. So {@code 1.0} is stored (and listed) as {@code 1_0}, and {@code 1.0} and
   * {@code 1_0} name the same version. Lookups by {@code _version} accept either spelling.
   *
   * <pre>{@code
   * Versions.storedName("feature/x-1.2"); // "feature_x-1_2"
   * }</pre>
   *
   * @param version a version name as uploaded
   * @return the stored name
   */
  public static String storedName(String version) {
    StringBuilder out = null;
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      boolean kept =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
              || c == '-';
      if (!kept && out == null) {
        out = new StringBuilder(version.length()).append(version, 0, i);
      }
      if (out != null) {
        out.append(kept ? c : '_');
      }
    }
    return out == null ? version : out.toString();
  }
}
