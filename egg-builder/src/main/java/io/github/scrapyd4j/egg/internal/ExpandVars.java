package io.github.scrapyd4j.egg.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of Python's {@code os.path.expandvars} (POSIX): {@code $NAME} ({@code NAME} made of ASCII
 * letters, digits and {@code _}) and {@code ${NAME}} are replaced by the variable's value; a name
 * that is not defined is left as written; replaced text is not expanded again.
 */
public final class ExpandVars {
  private static final Pattern VAR = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[^}]*\\})");

  private ExpandVars() {}

  /**
   * Expands the variables in a value.
   *
   * @param value the text
   * @param environment the variables
   * @return the expanded text
   */
  public static String expand(String value, Map<String, String> environment) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    Matcher m = VAR.matcher(value);
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      if (name.startsWith("{") && name.endsWith("}")) {
        name = name.substring(1, name.length() - 1);
      }
      String replacement = environment.get(name);
      if (replacement != null) {
        out.append(value, last, m.start()).append(replacement);
        last = m.end();
      }
    }
    return out.append(value, last, value.length()).toString();
  }
}
