package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void passwordOfUserInfoIsMaskedAndUserKept() {
    assertThat(Redaction.uri(URI.create("http://scrapy:s3cret@host:6800/base/")))
        .isEqualTo("http://scrapy:***@host:6800/base/");
  }

  @Test
  void userInfoWithoutColonIsMaskedWhole() {
    assertThat(Redaction.uri("https://tok3n@host/")).isEqualTo("https://***@host/");
  }

  @Test
  void malformedUrlWithSeveralAtSignsHidesEverythingBeforeTheLast() {
    assertThat(Redaction.uri("http://scrapy:pw@x@host/")).isEqualTo("http://scrapy:***@host/");
  }

  @Test
  void passwordHoldingASlashIsStillHidden() {
    assertThat(Redaction.uri("http://u:pa/ss@host/")).isEqualTo("http://u:***@host/");
  }

  @Test
  void everyUrlInATextIsMasked() {
    assertThat(Redaction.uri("node n1 added (http://a:p1@h1/), n2 'https://b:p2@h2'"))
        .isEqualTo("node n1 added (http://a:***@h1/), n2 'https://b:***@h2'")
        .doesNotContain("p1", "p2");
  }

  @Test
  void textWithoutUserInfoIsUnchanged() {
    assertThat(Redaction.uri("http://host:6800/listjobs.json?project=p"))
        .isEqualTo("http://host:6800/listjobs.json?project=p");
    assertThat(Redaction.uri("mail me at a@b.c")).isEqualTo("mail me at a@b.c");
    assertThat(Redaction.uri((String) null)).isEqualTo("null");
  }

  @Test
  void quoteQuotesTheRedactedUrlOrNotAtAllWhenTheAtSignCannotBePlaced() {
    assertThat(Redaction.quote("http://u:pw@host/")).isEqualTo("'http://u:***@host/'");
    assertThat(Redaction.quote("u:pw@host:6800")).doesNotContain("pw").startsWith("(not quoted");
    assertThat(Redaction.quote("http://u:p w@host/")).doesNotContain("p w").startsWith("(not");
  }
}
