package io.github.scrapyd4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NamePatternTest {
  private static final List<String> NAMES = List.of("shop", "shop_eu", "shop.us", "blog", "b1og",
      "news[1]", "a-b", "x]y", "!bang", "back\\slash", "^caret");

  private static final List<String> PATTERNS = List.of("shop*", "*", "b?og", "b[l]og", "b[!l]og",
      "b[0-9]og", "shop.us", "shop?us", "news[", "news[[]1]", "nothing*", "[]x]*", "x[]]y",
      "[!]x]*", "a[-]b", "a[b-]b", "[!!]*", "back\\*", "[^]*", "*[.]*", "?", "[a-c-e]*");

  private static List<String> filter(String pattern) {
    return NamePattern.of(pattern).filter(NAMES);
  }

  @Test
  void matchesAsPythonsFnmatchDoes() {
    assertThat(filter("shop*")).containsExactly("shop", "shop_eu", "shop.us");
    assertThat(filter("*")).isEqualTo(NAMES);
    assertThat(filter("b?og")).containsExactly("blog", "b1og");
    assertThat(filter("b[l]og")).containsExactly("blog");
    assertThat(filter("b[!l]og")).containsExactly("b1og");
    assertThat(filter("b[0-9]og")).containsExactly("b1og");
    assertThat(filter("shop.us")).containsExactly("shop.us"); // '.' is literal
    assertThat(filter("shop?us")).containsExactly("shop.us");
    assertThat(filter("news[")).isEmpty(); // an unclosed '[' is literal
    assertThat(filter("news[[]1]")).containsExactly("news[1]");
    assertThat(filter("nothing*")).isEmpty();
    assertThat(filter("x[]]y")).containsExactly("x]y"); // a ']' first is a member
    assertThat(filter("a[-]b")).containsExactly("a-b");
    assertThat(filter("back\\*")).containsExactly("back\\slash"); // no escapes in fnmatch
    assertThat(filter("[^]*")).containsExactly("^caret"); // '^' is no negation
  }

  /** The same table through /usr/bin/python3's fnmatch.filter, when there is one. */
  @Test
  void agreesWithPythonOnEveryPatternOfTheTable() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 to compare with");
    StringBuilder script = new StringBuilder("import fnmatch\nnames = [");
    NAMES.forEach(n -> script.append(pyString(n)).append(','));
    script.append("]\n");
    for (String p : PATTERNS) {
      script.append("print(','.join(fnmatch.filter(names, ").append(pyString(p))
          .append(")))\n");
    }
    Process process = new ProcessBuilder(python.toString(), "-c", script.toString())
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    String[] lines = out.split("\n", -1);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < PATTERNS.size(); i++) {
      String ours = String.join(",", filter(PATTERNS.get(i)));
      if (!ours.equals(lines[i])) {
        mismatches.add(PATTERNS.get(i) + ": python " + lines[i] + ", ours " + ours);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  private static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Test
  void tellsPlainNamesFromPatterns() {
    assertThat(NamePattern.of("shop*").isLiteral()).isFalse();
    assertThat(NamePattern.of("b?og").isLiteral()).isFalse();
    assertThat(NamePattern.of("[ab]").isLiteral()).isFalse();
    assertThat(NamePattern.of("shop_eu.v2-1").isLiteral()).isTrue();
    assertThat(NamePattern.of("news[").isLiteral()).isTrue(); // matches itself only
    assertThat(NamePattern.of("news[").matches("news[")).isTrue();
    assertThat(NamePattern.any().isLiteral()).isFalse();
    assertThat(NamePattern.any().matches("anything at all\n")).isTrue();
  }

  @Test
  void badPatternsAreRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> NamePattern.of("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pattern must not be empty: give * for every name");
    assertThatThrownBy(() -> NamePattern.of(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be null");
    assertThatThrownBy(() -> NamePattern.of("shop_[z-a]*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pattern 'shop_[z-a]*' holds the reversed range z-a, which matches nothing:"
            + " write a-z");
  }

  @Test
  void isAValueOfItsText() {
    assertThat(NamePattern.of("shop*")).isEqualTo(NamePattern.of("shop*"))
        .hasSameHashCodeAs(NamePattern.of("shop*")).hasToString("shop*")
        .isNotEqualTo(NamePattern.of("shop?"));
    assertThat(NamePattern.of("*")).isEqualTo(NamePattern.any());
    assertThat(NamePattern.of("shop*").glob()).isEqualTo("shop*");
  }
}
