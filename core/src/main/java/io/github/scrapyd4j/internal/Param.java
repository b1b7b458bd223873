package io.github.scrapyd4j.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One form or query field; a request holds an ordered list, so keys may repeat. */
public final class Param {
  final String name;
  final String value;

  private Param(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public static Param of(String name, String value) {
    return new Param(name, value);
  }

  /** Encodes fields as {@code application/x-www-form-urlencoded} (also right for a query). */
  public static String encode(List<Param> params) {
    StringBuilder out = new StringBuilder();
    for (Param param : params) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(param.name, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(param.value, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return name + '=' + value;
  }
}
