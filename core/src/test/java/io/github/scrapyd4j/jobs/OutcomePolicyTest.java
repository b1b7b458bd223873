package io.github.scrapyd4j.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ScrapyLogAnalyzer;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.testing.Recording;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Succeeded, failed, crashed or in progress, and why. */
class OutcomePolicyTest {
  private static final String GOOD = Recording.load("log_full").bodyText();
  private static final String ERROR_LINE =
      "2026-11-23 18:27:12 [scrapy.core.scraper] ERROR: Spider error processing <GET x> (referer: None)\n";

  private static LogSummary summary(String log) {
    return ScrapyLogAnalyzer.analyze(log);
  }

  @Test
  void finishedWithoutErrorsSucceeds() {
    JobOutcome outcome = OutcomePolicy.defaults().classify(summary(GOOD));

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.reasons()).isEmpty();
    assertThat(outcome.finishReason()).contains("finished");
    assertThat(outcome.stats().get().itemsScraped()).isEqualTo(31);
  }

  @Test
  void anErrorLineMakesAFinishedCrawlFailUnlessAllowed() {
    String log = ERROR_LINE + GOOD;

    JobOutcome strict = OutcomePolicy.defaults().classify(summary(log));
    JobOutcome lenient = OutcomePolicy.builder().maxErrorLines(1).build().classify(summary(log));

    assertThat(strict.verdict()).isEqualTo(JobOutcome.Verdict.FAILED);
    assertThat(strict.reasons()).singleElement().asString()
        .startsWith("1 ERROR/CRITICAL log line; the first: ")
        .contains("Spider error processing");
    assertThat(lenient.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
  }

  @Test
  void anotherFinishReasonFailsWithAHintUnlessAccepted() {
    String log = GOOD.replace("'finish_reason': 'finished'", "'finish_reason': 'closespider_itemcount'");

    JobOutcome failed = OutcomePolicy.defaults().classify(summary(log));
    JobOutcome accepted = OutcomePolicy.builder().addSuccessReasons("finished", "closespider_itemcount")
        .build().classify(summary(log));
    JobOutcome shutdown = OutcomePolicy.defaults().classify(
        summary(GOOD.replace("'finish_reason': 'finished'", "'finish_reason': 'shutdown'")));

    assertThat(failed.verdict()).isEqualTo(JobOutcome.Verdict.FAILED);
    assertThat(failed.reasons()).containsExactly(
        "finish reason 'closespider_itemcount' (a CLOSESPIDER_ITEMCOUNT limit was reached)");
    assertThat(accepted.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(shutdown.reasons()).singleElement().asString().contains("stopped by a signal");
  }

  @Test
  void aLogWithoutStatsOrCloseLineIsACrash() {
    String killed = GOOD.substring(0, GOOD.indexOf("2026-11-23 18:27:14 [scrapy.core.engine] INFO: Closing spider"));

    JobOutcome outcome = OutcomePolicy.defaults().classify(
        summary(killed), Optional.of(JobRef.of("p", "s", "j")), Optional.of(JobState.FINISHED));

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.CRASHED);
    assertThat(outcome.reasons()).singleElement().asString().contains("no 'Dumping Scrapy stats:' block");
    assertThat(outcome.finishReason()).isEmpty();
    assertThat(outcome.job()).contains(JobRef.of("p", "s", "j"));
  }

  @Test
  void aCloseLineWithoutStatsIsNoCrash() {
    String noStats = "2026-11-23 18:27:14 [scrapy.core.engine] INFO: Spider closed (finished)\n";

    JobOutcome outcome = OutcomePolicy.defaults().classify(summary(noStats));

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.SUCCEEDED);
    assertThat(outcome.finishReason()).contains("finished");
  }

  @Test
  void aRunningJobIsInProgressWhateverItsLogSays() {
    JobOutcome outcome = OutcomePolicy.defaults().classify(
        summary(ERROR_LINE), Optional.empty(), Optional.of(JobState.RUNNING));

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.IN_PROGRESS);
    assertThat(outcome.summary().errorCount()).isEqualTo(1);
    assertThat(outcome.reasons()).containsExactly("the node says the job is running");
  }

  @Test
  void aCrashedJobTheNodeForgotSaysSo() {
    JobOutcome outcome = OutcomePolicy.defaults().classify(
        summary(ERROR_LINE), Optional.of(JobRef.of("p", "s", "j")), Optional.empty());

    assertThat(outcome.verdict()).isEqualTo(JobOutcome.Verdict.CRASHED);
    assertThat(outcome.reasons()).hasSize(3).contains("the node no longer knows the job");
  }

  @Test
  void badPoliciesAreRejectedNamingTheSetting() {
    assertThatThrownBy(() -> OutcomePolicy.builder().maxErrorLines(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxErrorLines");
    assertThatThrownBy(() -> OutcomePolicy.builder().addSuccessReasons(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("successReasons");
  }
}
