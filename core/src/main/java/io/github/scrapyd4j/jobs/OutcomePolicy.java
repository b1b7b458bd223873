package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What counts as a successful crawl: which finish reasons, and how many ERROR/CRITICAL log lines
 * are tolerated.
 *
 * <pre>{@code
 * OutcomePolicy lenient = OutcomePolicy.builder()
 *     .addSuccessReasons("finished", "closespider_itemcount")  // an item limit is fine
 *     .maxErrorLines(5)                                       // a few errors are fine
 *     .build();
 * Jobs jobs = Jobs.builder(client).outcomePolicy(lenient).build();
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class OutcomePolicy {
  private static final OutcomePolicy DEFAULTS = builder().build();

  OutcomePolicy() {}

  /**
   * Finish reasons of a success. Empty means the default, {@code finished} only.
   *
   * @return the accepted finish reasons
   */
  public abstract Set<String> successReasons();

  /**
   * The most ERROR and CRITICAL log lines a success may have.
   *
   * @return the limit, 0 or more; 0 by default
   */
  @Value.Default
  public long maxErrorLines() {
    return 0;
  }

  /**
   * The defaults: finish reason {@code finished}, no error lines.
   *
   * @return the default policy
   */
  public static OutcomePolicy defaults() {
    return DEFAULTS;
  }

  @Value.Check
  void check() {
    if (maxErrorLines() < 0) {
      throw new IllegalArgumentException("maxErrorLines must be 0 or more, but was " + maxErrorLines());
    }
    for (String reason : successReasons()) {
      Checks.notBlank("successReasons", reason);
    }
  }

  /**
   * Classifies a finished job from its log alone.
   *
   * @param summary the log summary
   * @return the outcome
   */
  public JobOutcome classify(LogSummary summary) {
    return classify(summary, Optional.empty(), Optional.empty());
  }

  /**
   * Classifies a job from its log and its node's state: a pending or running job is {@link
   * JobOutcome.Verdict#IN_PROGRESS}; otherwise the log decides.
   *
   * @param summary the log summary
   * @param job the job, or empty
   * @param state the state the node reported, or empty (not asked, or unknown to the node)
   * @return the outcome
   */
  public JobOutcome classify(LogSummary summary, Optional<JobRef> job, Optional<JobState> state) {
    Checks.notNull("summary", summary);
    Checks.notNull("job", job);
    Checks.notNull("state", state);
    JobOutcome.Builder out = JobOutcome.builder().summary(summary).job(job).jobState(state);
    List<String> reasons = new ArrayList<>();
    if (state.isPresent() && state.get() != JobState.FINISHED) {
      reasons.add("the node says the job is " + state.get().wireName());
      return out.verdict(JobOutcome.Verdict.IN_PROGRESS).reasons(reasons).build();
    }
    long errors = summary.records() > 0 || summary.stats().isEmpty()
        ? summary.errorCount()
        : summary.stats().get().errorCount();
    Optional<String> reason = summary.stats().flatMap(ScrapyStats::finishReason);
    if (reason.isEmpty()) {
      reason = summary.closeReason();
    }
    if (summary.stats().isEmpty() && summary.closeReason().isEmpty()) {
      reasons.add(summary.statsProblem().isPresent()
          ? "the stats dump could not be read (" + summary.statsProblem().get()
              + ") and no 'Spider closed' line follows it"
          : "the log has no 'Dumping Scrapy stats:' block and no 'Spider closed' line: the crawl "
              + "process ended without closing the spider (killed, out of memory, or it failed "
              + "before the crawl started)");
      if (job.isPresent() && state.isEmpty()) {
        reasons.add("the node no longer knows the job");
      }
      addErrors(reasons, summary, errors);
      return out.verdict(JobOutcome.Verdict.CRASHED).reasons(reasons).build();
    }
    Set<String> accepted = successReasons().isEmpty() ? Set.of("finished") : successReasons();
    if (reason.isEmpty()) {
      reasons.add("the log tells no finish reason");
    } else if (!accepted.contains(reason.get())) {
      reasons.add("finish reason '" + reason.get() + "'" + hint(reason.get()));
    }
    if (errors > maxErrorLines()) {
      addErrors(reasons, summary, errors);
    }
    return out.verdict(reasons.isEmpty() ? JobOutcome.Verdict.SUCCEEDED : JobOutcome.Verdict.FAILED)
        .reasons(reasons)
        .build();
  }

  private static void addErrors(List<String> reasons, LogSummary summary, long errors) {
    if (errors > 0) {
      reasons.add(errors + " ERROR/CRITICAL log line" + (errors == 1 ? "" : "s")
          + (summary.firstErrors().isEmpty() ? "" : "; the first: " + summary.firstErrors().get(0)));
    }
  }

  private static String hint(String reason) {
    if (reason.equals("shutdown")) {
      return " (stopped by a signal: cancelled, or the process was asked to stop)";
    }
    if (reason.startsWith("closespider_")) {
      return " (a CLOSESPIDER_" + reason.substring("closespider_".length()).toUpperCase(java.util.Locale.ROOT)
          + " limit was reached)";
    }
    if (reason.equals("cancelled")) {
      return " (the spider closed itself)";
    }
    return "";
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link OutcomePolicy} values. */
  public static final class Builder extends ImmutableOutcomePolicy.Builder {
    Builder() {}
  }
}
