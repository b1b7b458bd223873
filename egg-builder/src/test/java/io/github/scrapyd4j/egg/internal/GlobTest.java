package io.github.scrapyd4j.egg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  void patternWithoutSlashMatchesANameAtAnyDepth() {
    Glob g = Glob.compile("*.md");

    assertThat(g.matches("README.md", false)).isTrue();
    assertThat(g.matches("bot/docs/NOTES.md", false)).isTrue();
    assertThat(g.matches("bot/docs/NOTES.mdx", false)).isFalse();
    assertThat(g.mightMatchBelow("anything")).isTrue();
  }

  @Test
  void patternWithSlashIsAnchoredToTheRoot() {
    Glob g = Glob.compile("bot/*.json");

    assertThat(g.matches("bot/a.json", false)).isTrue();
    assertThat(g.matches("bot/sub/a.json", false)).isFalse();
    assertThat(g.matches("x/bot/a.json", false)).isFalse();
    assertThat(Glob.compile("/build/").matches("build", true)).isTrue();
    assertThat(Glob.compile("/build/").matches("bot/build", true)).isFalse();
  }

  @Test
  void doubleStarSpansFoldersIncludingNone() {
    Glob g = Glob.compile("res/**/*.json");

    assertThat(g.matches("res/a.json", false)).isTrue();
    assertThat(g.matches("res/x/y/a.json", false)).isTrue();
    assertThat(g.matches("other/a.json", false)).isFalse();
    assertThat(Glob.compile("res/**").matches("res/x/y", false)).isTrue();
    assertThat(Glob.compile("res/**").matches("res", true)).isFalse();
    assertThat(Glob.compile("**/fixtures/").matches("a/b/fixtures", true)).isTrue();
  }

  @Test
  void trailingSlashMatchesFoldersOnly() {
    Glob g = Glob.compile("cache/");

    assertThat(g.matches("bot/cache", true)).isTrue();
    assertThat(g.matches("bot/cache", false)).isFalse();
  }

  @Test
  void classesAlternativesAndEscapes() {
    assertThat(Glob.compile("data?.[cj]s{v,on}").matches("data1.csv", false)).isTrue();
    assertThat(Glob.compile("data?.[cj]s{v,on}").matches("data1.json", false)).isTrue();
    assertThat(Glob.compile("data?.[cj]s{v,on}").matches("data1.jsx", false)).isFalse();
    assertThat(Glob.compile("[!a]*").matches("bcd", false)).isTrue();
    assertThat(Glob.compile("[!a]*").matches("abc", false)).isFalse();
    assertThat(Glob.compile("\\*.txt").matches("*.txt", false)).isTrue();
    assertThat(Glob.compile("\\*.txt").matches("a.txt", false)).isFalse();
    assertThat(Glob.compile("a+b(1).txt").matches("a+b(1).txt", false)).isTrue();
  }

  @Test
  void mightMatchBelowPrunesFoldersThatCannotMatch() {
    Glob g = Glob.compile("resources/img/*.png");

    assertThat(g.mightMatchBelow("resources")).isTrue();
    assertThat(g.mightMatchBelow("resources/img")).isTrue();
    assertThat(g.mightMatchBelow("resources/css")).isFalse();
    assertThat(g.mightMatchBelow("other")).isFalse();
    assertThat(Glob.compile("res/**").mightMatchBelow("res/a/b")).isTrue();
  }

  @Test
  void malformedPatternsAreRejected() {
    assertThatThrownBy(() -> Glob.compile(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> Glob.compile("a//b")).hasMessageContaining("empty segment");
    assertThatThrownBy(() -> Glob.compile("[abc")).hasMessageContaining("unclosed '['");
    assertThatThrownBy(() -> Glob.compile("{a,b")).hasMessageContaining("unclosed '{'");
    assertThatThrownBy(() -> Glob.compile("{a/b,c}")).hasMessageContaining("inside {...}");
    assertThatThrownBy(() -> Glob.compile("a\\")).hasMessageContaining("escaping");
  }
}
