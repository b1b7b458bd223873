package io.github.scrapyd4j.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Live progress from real Scrapy 2.8 logs (src/test/resources/logs/real), fed in any chunks. */
class ProgressReaderTest {
  static String fixture(String name) throws Exception {
    try (InputStream in = ProgressReaderTest.class.getResourceAsStream("/logs/real/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ProgressReader feed(String log, long seed) {
    ProgressReader reader = new ProgressReader();
    Random random = new Random(seed);
    for (int i = 0; i < log.length(); ) {
      int n = Math.min(log.length() - i, 1 + random.nextInt(200));
      reader.onText(log.substring(i, i + n));
      i += n;
    }
    reader.onEnd();
    return reader;
  }

  @Test
  void aDebugLogGivesTheLastStatsLineTheOneByOneCountsAndTheLatestItem() throws Exception {
    String log = fixture("slow-logstats.log");
    for (long seed = 0; seed < 5; seed++) {
      CrawlProgress p = feed(log, seed).progress();
      assertThat(p.pages()).isEqualTo(21);
      assertThat(p.pagesPerMinute()).isEqualTo(240);
      assertThat(p.items()).isEqualTo(21);
      assertThat(p.itemsPerMinute()).isEqualTo(300);
      assertThat(p.statsLoggedAt()).contains(LocalDateTime.parse("2026-12-06T19:33:01"));
      assertThat(p.crawledLines()).isEqualTo(25);
      assertThat(p.scrapedLines()).isEqualTo(25);
      assertThat(p.latestItem()).contains("{'n': 24, 'text': 'café ☕'}");
      assertThat(p.activity()).isEqualTo(21 + 21 + 25 + 25);
    }
  }

  @Test
  void anInfoLogHasStatsAndLevelCountsButNoItem() throws Exception {
    ProgressReader reader = feed(fixture("errs-logstats.log"), 7);
    CrawlProgress p = reader.progress();
    assertThat(p.pages()).isEqualTo(9);
    assertThat(p.items()).isEqualTo(6);
    assertThat(p.statsLines()).isEqualTo(4);
    assertThat(p.scrapedLines()).isZero();
    assertThat(p.latestItem()).isEmpty();
    assertThat(reader.summary().count("ERROR")).isEqualTo(4);
    assertThat(reader.summary().firstErrors()).first().asString()
        .contains("Spider error processing <GET data:,page2>");
  }

  @Test
  void progressGrowsAsTheLogGrowsAndARestartForgetsIt() throws Exception {
    String log = fixture("slow-logstats.log");
    ProgressReader reader = new ProgressReader();
    int cut = log.indexOf("Crawled 5 pages");
    reader.onText(log.substring(0, cut));
    CrawlProgress early = reader.progress();
    assertThat(early.pages()).isZero();
    assertThat(early.statsLines()).isEqualTo(1);
    assertThat(early.crawledLines()).isEqualTo(5);
    assertThat(early.latestItem()).contains("{'n': 3, 'text': 'café ☕'}");
    reader.onText(log.substring(cut));
    assertThat(reader.progress().activity()).isGreaterThan(early.activity());

    reader.onRestart();
    assertThat(reader.progress()).isEqualTo(CrawlProgress.builder().build());
    assertThat(reader.summary().records()).isZero();
  }

  @Test
  void aLongItemIsCapped() {
    ProgressReader reader = new ProgressReader();
    StringBuilder big = new StringBuilder("{'text': '");
    for (int i = 0; i < 5000; i++) {
      big.append('x');
    }
    reader.onText("2026-12-06 19:32:56 [scrapy.core.scraper] DEBUG: Scraped from <200 http://a/>\n"
        + big + "'}\n2026-12-06 19:32:57 [scrapy.core.engine] INFO: Closing spider (finished)\n");
    assertThat(reader.progress().latestItem().get()).hasSize(ProgressReader.MAX_ITEM_CHARS)
        .startsWith("{'text': 'xxx");
  }
}
