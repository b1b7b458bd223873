package io.github.scrapyd4j.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decodes {@code application/x-www-form-urlencoded} text into ordered pairs, keeping repeats. */
public final class Forms {
  private Forms() {}

  public static List<Map.Entry<String, String>> decode(String body) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (body == null || body.isEmpty()) {
      return pairs;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(Map.entry(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8)));
    }
    return pairs;
  }
}
