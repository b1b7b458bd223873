package io.github.scrapyd4j.monitor;

import io.github.scrapyd4j.model.ScrapydStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A rule that fired on a job: when, why, and how the cancel it asked for went.
 *
 * <pre>{@code
 * for (RuleFiring f : watch.report().firings()) {
 *   System.out.println(f.rule().name() + " at " + f.at() + ": " + f.reason());
 * }
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class RuleFiring {
  RuleFiring() {}

  /**
   * The rule.
   *
   * @return the rule
   */
  public abstract MonitorRule rule();

  /**
   * When it fired, by the monitor's clock.
   *
   * @return the time
   */
  public abstract Instant at();

  /**
   * Why, in words (for example {@code 10 ERROR records (threshold 10); the first: ...}).
   *
   * @return the reason
   */
  public abstract String reason();

  /**
   * Whether a cancel was sent for it (the rule asks for one and the job had not finished).
   *
   * @return true if a cancel was sent
   */
  @Value.Default
  public boolean cancelSent() {
    return false;
  }

  /**
   * Why the cancel failed, when it did (the node's answer); empty while it is under way or once
   * it succeeded. Reports taken after the watch ended hold the final word.
   *
   * @return the cancel's failure
   */
  public abstract Optional<String> cancelError();

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableRuleFiring.Builder {
    Builder() {}
  }
}
