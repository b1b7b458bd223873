package io.github.scrapyd4j.monitor;

import io.github.scrapyd4j.model.ScrapydStyle;
import io.github.scrapyd4j.model.Signal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A monitoring rule: a condition on a running job's log and what to do when it holds (send an
 * alert, cancel the job with a signal, or both). A rule fires at most once per job.
 *
 * <pre>{@code
 * List<MonitorRule> rules = List.of(
 *     MonitorRule.logLevelAtLeast("ERROR", 10).thenCancel(Signal.TERM),  // stop on 10 errors
 *     MonitorRule.logLevelAtLeast("CRITICAL", 1),                        // alert only
 *     MonitorRule.noProgressFor(Duration.ofMinutes(15)).thenCancel(Signal.KILL),
 *     MonitorRule.runTimeOver(Duration.ofHours(2)).named("too long"));
 * }</pre>
 *
 * <p>The conditions, as ScrapydWeb's monitor has them:
 *
 * <ul>
 *   <li>{@link Condition#LOG_LEVEL_COUNT}: the log has at least {@link #threshold()} records of
 *       {@link #level()} (ERROR, CRITICAL, WARNING, or any level the log format names).
 *   <li>{@link Condition#NO_PROGRESS}: neither pages nor items grew for {@link #duration()}
 *       (read from Scrapy's periodic LogStats line, and the responses and items a DEBUG log shows
 *       one by one; see {@link io.github.scrapyd4j.logs.CrawlProgress#activity()}). Note that
 *       Scrapy writes its LogStats line every {@code LOGSTATS_INTERVAL} (60 s): a duration of a
 *       few minutes suits an INFO log.
 *   <li>{@link Condition#RUN_TIME}: the job has run for {@link #duration()}.
 * </ul>
 */
@Value.Immutable
@ScrapydStyle
public abstract class MonitorRule {
  MonitorRule() {}

  /** What a rule watches. */
  public enum Condition {
    /** Records of a level reach a count. */
    LOG_LEVEL_COUNT,
    /** No new page or item for a time. */
    NO_PROGRESS,
    /** The job ran longer than a time. */
    RUN_TIME
  }

  /**
   * What the rule watches.
   *
   * @return the condition
   */
  public abstract Condition condition();

  /**
   * The level counted ({@link Condition#LOG_LEVEL_COUNT} only), upper case.
   *
   * @return the level
   */
  public abstract Optional<String> level();

  /**
   * The count at which the rule fires ({@link Condition#LOG_LEVEL_COUNT} only).
   *
   * @return the threshold
   */
  @Value.Default
  public long threshold() {
    return 0;
  }

  /**
   * The time after which the rule fires ({@link Condition#NO_PROGRESS} and {@link
   * Condition#RUN_TIME}).
   *
   * @return the duration
   */
  public abstract Optional<Duration> duration();

  /**
   * The signal to cancel the job with when the rule fires; none: the job is not cancelled.
   *
   * @return the signal
   */
  public abstract Optional<Signal> cancelSignal();

  /**
   * Whether the rule sends an alert when it fires. Default: true.
   *
   * @return true to alert
   */
  @Value.Default
  public boolean alert() {
    return true;
  }

  /**
   * The rule's name, in alerts and reports. Default: the condition in short, such as {@code
   * ERROR>=10}, {@code no progress for PT15M}, {@code run time over PT2H}.
   *
   * @return the name
   */
  @Value.Default
  public String name() {
    switch (condition()) {
      case LOG_LEVEL_COUNT:
        return level().orElse("?") + ">=" + threshold();
      case NO_PROGRESS:
        return "no progress for " + duration().map(Duration::toString).orElse("?");
      default:
        return "run time over " + duration().map(Duration::toString).orElse("?");
    }
  }

  /**
   * Fires when the log has at least {@code count} records of {@code level}; alerts.
   *
   * @param level ERROR, CRITICAL, WARNING (WARN and FATAL are read as WARNING and CRITICAL), or
   *     another level of the log format
   * @param count the threshold, 1 or more
   * @return the rule
   * @throws IllegalArgumentException if the level is blank or the count below 1
   */
  public static MonitorRule logLevelAtLeast(String level, long count) {
    if (level == null || level.isBlank()) {
      throw new IllegalArgumentException("level must be a log level such as ERROR, but was "
          + (level == null ? "null" : "blank"));
    }
    String upper = level.strip().toUpperCase(Locale.ROOT);
    upper = upper.equals("WARN") ? "WARNING" : upper.equals("FATAL") ? "CRITICAL" : upper;
    if (count < 1) {
      throw new IllegalArgumentException("count must be 1 or more, but was " + count);
    }
    return builder().condition(Condition.LOG_LEVEL_COUNT).level(upper).threshold(count).build();
  }

  /**
   * Fires when neither pages nor items grew for a time; alerts.
   *
   * @param duration the time, positive
   * @return the rule
   * @throws IllegalArgumentException if the duration is not positive
   */
  public static MonitorRule noProgressFor(Duration duration) {
    return builder().condition(Condition.NO_PROGRESS).duration(positive(duration)).build();
  }

  /**
   * Fires when the job has run for a time; alerts.
   *
   * @param duration the time, positive
   * @return the rule
   * @throws IllegalArgumentException if the duration is not positive
   */
  public static MonitorRule runTimeOver(Duration duration) {
    return builder().condition(Condition.RUN_TIME).duration(positive(duration)).build();
  }

  /**
   * This rule, also cancelling the job with a signal when it fires ({@link Signal#INT} as
   * Scrapyd's own default, {@link Signal#TERM}, {@link Signal#KILL} to end it at once).
   *
   * @param signal the signal
   * @return the new rule
   */
  public MonitorRule thenCancel(Signal signal) {
    if (signal == null) {
      throw new IllegalArgumentException("signal must not be null");
    }
    return builder().from(this).cancelSignal(signal).build();
  }

  /**
   * This rule without its alert (it only cancels, or only shows in the report).
   *
   * @return the new rule
   */
  public MonitorRule withoutAlert() {
    return builder().from(this).alert(false).build();
  }

  /**
   * This rule with a name of your choice.
   *
   * @param name the name, not blank
   * @return the new rule
   */
  public MonitorRule named(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return builder().from(this).name(name).build();
  }

  private static Duration positive(Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be positive, but was " + duration);
    }
    return duration;
  }

  @Value.Check
  void check() {
    boolean counts = condition() == Condition.LOG_LEVEL_COUNT;
    if (counts && (level().isEmpty() || threshold() < 1)) {
      throw new IllegalStateException("a LOG_LEVEL_COUNT rule needs a level and a threshold of 1"
          + " or more: use MonitorRule.logLevelAtLeast");
    }
    if (!counts && duration().isEmpty()) {
      throw new IllegalStateException("a " + condition() + " rule needs a duration");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableMonitorRule.Builder {
    Builder() {}
  }
}
