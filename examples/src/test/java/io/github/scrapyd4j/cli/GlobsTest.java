package io.github.scrapyd4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobsTest {
  private static final List<String> NAMES =
      List.of("shop", "shop_eu", "shop.us", "blog", "b1og", "news[1]");

  @Test
  void matchesAsPythonsFnmatchDoes() {
    assertThat(Globs.filter("shop*", NAMES)).containsExactly("shop", "shop_eu", "shop.us");
    assertThat(Globs.filter("*", NAMES)).isEqualTo(NAMES);
    assertThat(Globs.filter("b?og", NAMES)).containsExactly("blog", "b1og");
    assertThat(Globs.filter("b[l]og", NAMES)).containsExactly("blog");
    assertThat(Globs.filter("b[!l]og", NAMES)).containsExactly("b1og");
    assertThat(Globs.filter("b[0-9]og", NAMES)).containsExactly("b1og");
    assertThat(Globs.filter("shop.us", NAMES)).containsExactly("shop.us"); // '.' is literal
    assertThat(Globs.filter("shop?us", NAMES)).containsExactly("shop.us");
    assertThat(Globs.filter("news[", NAMES)).isEmpty(); // an unclosed '[' is literal
    assertThat(Globs.filter("news[[]1]", NAMES)).containsExactly("news[1]");
    assertThat(Globs.filter("nothing*", NAMES)).isEmpty();
  }

  @Test
  void tellsPatternsFromNames() {
    assertThat(Globs.isPattern("shop*")).isTrue();
    assertThat(Globs.isPattern("b?og")).isTrue();
    assertThat(Globs.isPattern("[ab]")).isTrue();
    assertThat(Globs.isPattern("shop_eu.v2-1")).isFalse();
  }
}
