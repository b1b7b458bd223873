package io.github.scrapyd4j.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Summing up Scrapy logs: levels, errors, the last stats dump, close reasons, odd formats. */
class ScrapyLogAnalyzerTest {
  private static final String LOG = Recording.load("log_full").bodyText();

  private static final String STATS_A = "2026-11-23 18:00:01 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n"
      + "{'finish_reason': 'shutdown',\n 'item_scraped_count': 1}\n";
  private static final String STATS_B = "2026-11-23 18:00:09 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n"
      + "{'finish_reason': 'finished',\n 'item_scraped_count': 7,\n 'nested': {'a': ('x', 'y')}}\n";

  @Test
  void theRecordedLogHasItsLevelsStatsAndCloseReason() {
    LogSummary summary = ScrapyLogAnalyzer.analyze(LOG);

    assertThat(summary.levelCounts()).containsExactly(Map.entry("INFO", 14L), Map.entry("WARNING", 1L));
    assertThat(summary.errorCount()).isZero();
    assertThat(summary.firstErrors()).isEmpty();
    assertThat(summary.stats()).hasValueSatisfying(s -> assertThat(s.itemsScraped()).isEqualTo(31));
    assertThat(summary.statsDumps()).isEqualTo(1);
    assertThat(summary.closeReason()).contains("finished");
    assertThat(summary.lines()).isEqualTo(LOG.split("\n", -1).length - 1);
    assertThat(summary.records()).isEqualTo(15);
  }

  @Test
  void theLastOfSeveralStatsDumpsCounts() {
    LogSummary summary = ScrapyLogAnalyzer.analyze(STATS_A + STATS_B);

    assertThat(summary.statsDumps()).isEqualTo(2);
    assertThat(summary.stats().get().finishReason()).contains("finished");
    assertThat(summary.stats().get().itemsScraped()).isEqualTo(7);
    assertThat(summary.stats().get().raw().get("nested")).isEqualTo(Map.of("a", java.util.List.of("x", "y")));
  }

  @Test
  void textSplitAnywhereGivesTheSameSummaryAsWhole() {
    LogSummary whole = ScrapyLogAnalyzer.analyze(LOG);
    for (int chunk : new int[] {1, 2, 7, 100, 4096}) {
      ScrapyLogAnalyzer analyzer = new ScrapyLogAnalyzer();
      for (int i = 0; i < LOG.length(); i += chunk) {
        analyzer.onText(LOG.substring(i, Math.min(LOG.length(), i + chunk)));
      }
      analyzer.onEnd();
      assertThat(analyzer.summary()).as("chunks of %d", chunk).isEqualTo(whole);
    }
  }

  @Test
  void errorLinesAreCountedAndTheFirstKeptWithoutTheirTracebacks() {
    String log = "2026-11-23 18:00:00 [scrapy.core.scraper] ERROR: Spider error processing <GET data:,p1> (referer: None)\n"
        + "Traceback (most recent call last):\n"
        + "  File \"x.py\", line 1, in parse\n"
        + "ValueError: boom ERROR: not a record\n"
        + "2026-11-23 18:00:01 [root] CRITICAL: disk full\n"
        + "2026-11-23 18:00:02,123 [a.b] WARNING: comma millis\n";

    LogSummary summary = ScrapyLogAnalyzer.analyze(log);

    assertThat(summary.levelCounts()).containsExactly(
        Map.entry("CRITICAL", 1L), Map.entry("ERROR", 1L), Map.entry("WARNING", 1L));
    assertThat(summary.errorCount()).isEqualTo(2);
    assertThat(summary.firstErrors()).containsExactly(
        "2026-11-23 18:00:00 [scrapy.core.scraper] ERROR: Spider error processing <GET data:,p1> (referer: None)",
        "2026-11-23 18:00:01 [root] CRITICAL: disk full");
    assertThat(summary.stats()).isEmpty();
    assertThat(summary.closeReason()).isEmpty();
  }

  @Test
  void aLogCutOffInTheMiddleOfItsStatsDumpHasNoStats() {
    String cut = LOG.substring(0, LOG.indexOf("'item_scraped_count'"));

    LogSummary summary = ScrapyLogAnalyzer.analyze(cut);

    assertThat(summary.stats()).isEmpty();
    assertThat(summary.closeReason()).isEmpty();
    assertThat(summary.count("INFO")).isEqualTo(13);
  }

  @Test
  void anUnreadableStatsDumpIsReportedAndGivesNoStats() {
    LogSummary summary = ScrapyLogAnalyzer.analyze(STATS_B
        + "2026-11-23 18:00:10 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n{'a': ?}\n");

    assertThat(summary.stats()).isEmpty();
    assertThat(summary.statsDumps()).isEqualTo(2);
    assertThat(summary.statsProblem()).hasValueSatisfying(p -> assertThat(p).contains("unexpected character '?'"));
  }

  @Test
  void customLogFormatsWithTheTimeFirstAreRecognisedWithoutHelp() {
    String log = "[2026-11-23 18:00:00] scrapy.core.engine ERROR Spider error\n"
        + "[2026-11-23 18:00:01] scrapy.core.engine INFO Spider closed (finished)\n"
        + "continuation INFO not counted\n";

    LogSummary summary = ScrapyLogAnalyzer.analyze(log);

    assertThat(summary.levelCounts()).containsExactly(Map.entry("ERROR", 1L), Map.entry("INFO", 1L));
    assertThat(summary.closeReason()).contains("finished");
  }

  @Test
  void aCustomPatternCountsLevelsWrittenFirst() {
    String log = "ERROR 2026-11-23 18:00:00 engine: boom\nINFO 2026-11-23 18:00:01 engine: ok\n"
        + "2026-11-23 18:00:02 [x] INFO: would match the default\n";
    LogFormat format = LogFormat.of(Pattern.compile("^(?<level>[A-Z]+) \\d{4}-"));

    LogSummary summary = ScrapyLogAnalyzer.analyze(
        new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), format);

    assertThat(summary.levelCounts()).containsExactly(Map.entry("ERROR", 1L), Map.entry("INFO", 1L));
    assertThatThrownBy(() -> LogFormat.of(Pattern.compile("no group")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'level'");
  }

  @Test
  void aRestartForgetsWhatWasSeen() {
    ScrapyLogAnalyzer analyzer = new ScrapyLogAnalyzer();
    analyzer.onText(STATS_A);
    analyzer.onRestart();
    analyzer.onText("2026-11-23 18:00:00 [x] INFO: again\n");
    analyzer.onEnd();

    assertThat(analyzer.summary().stats()).isEmpty();
    assertThat(analyzer.summary().levelCounts()).containsExactly(Map.entry("INFO", 1L));
    assertThat(analyzer.summary().lines()).isEqualTo(1);
  }
}
