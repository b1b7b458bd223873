package io.github.scrapyd4j.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Resolves the server-relative paths Scrapyd sends ({@code /logs/p/s/job.log}, not percent-encoded)
 * against a base URI, keeping the base URI's path prefix.
 */
public final class ServerPaths {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ServerPaths() {}

  /**
   * Resolves {@code path} under {@code base}.
   *
   * @param base the client's base URI, ending with '/'
   * @param path a server-relative path such as {@code /logs/p/s/j.log}
   * @return the absolute URI
   */
  public static URI resolve(String base, String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    StringBuilder out = new StringBuilder(base.length() + path.length() + 8).append(base);
    appendEncoded(out, path, start, true);
    return URI.create(out.toString());
  }

  /**
   * Appends text to a URI path, percent-encoding (as UTF-8) everything but unreserved characters,
   * sub-delims, ':' and '@', and '/' too unless {@code keepSlash}.
   */
  public static void appendEncoded(StringBuilder out, String path, int from, boolean keepSlash) {
    for (int i = from; i < path.length(); i++) {
      char c = path.charAt(i);
      if (isPathChar(c) || (keepSlash && c == '/')) {
        out.append(c);
      } else {
        int end = i + 1;
        if (Character.isHighSurrogate(c) && end < path.length()) {
          end++;
        }
        for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        i = end - 1;
      }
    }
  }

  /** Encodes one path segment (a '/' inside it is encoded too). */
  public static String encodeSegment(String segment) {
    StringBuilder out = new StringBuilder(segment.length() + 8);
    appendEncoded(out, segment, 0, false);
    return out.toString();
  }

  private static final boolean[] PATH_CHARS = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PATH_CHARS[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      PATH_CHARS[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      PATH_CHARS[c] = true;
    }
    for (char c : "-._~!$&'()*+,;=:@".toCharArray()) {
      PATH_CHARS[c] = true;
    }
  }

  private static boolean isPathChar(char c) {
    return c < 128 && PATH_CHARS[c];
  }
}
