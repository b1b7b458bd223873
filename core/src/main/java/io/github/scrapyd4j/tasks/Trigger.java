package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a {@link CrawlTask} fires: a cron expression in a time zone, a fixed rate, a fixed delay
 * after the previous run, or once. Immutable and thread-safe; fire times are whole milliseconds
 * (cron fire times whole seconds), so that every scheduler instance sharing a {@link RunStore}
 * computes the same ones and claims them once.
 *
 * <pre>{@code
 * Trigger nightly = Trigger.cron("30 2 * * *", ZoneId.of("Europe/Paris"));   // 02:30 Paris time
 * Trigger everyTwoMinutes = Trigger.cron("0 0/2 * * * *");                    // 6 fields: second first
 * Trigger quarterHour = Trigger.fixedRate(Duration.ofMinutes(15));           // :00 :15 :30 :45 UTC
 * Trigger breather = Trigger.fixedDelay(Duration.ofMinutes(5));              // 5 min after each run
 * Trigger once = Trigger.once(Instant.parse("2026-12-24T18:00:00Z"));
 * Optional<Instant> next = nightly.next(Instant.now());
 * }</pre>
 *
 * <p><b>Cron.</b> Five fields ({@code minute hour day-of-month month day-of-week}) or six (a
 * second first): {@code *}, {@code ?} (day fields), values, ranges {@code 1-5}, steps {@code
 * *}{@code /15}, {@code 10-50/20}, {@code 5/10}, lists {@code 1,15}, month names {@code JAN-DEC},
 * day names {@code SUN-SAT}, day of week 0-7 (0 and 7 are Sunday), and the macros {@code @yearly},
 * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code
 * @hourly}. As in Vixie cron, when both day-of-month and day-of-week are restricted, a day matching
 * either fires. {@code L}, {@code W} and {@code #} are refused with a clear error.
 *
 * <p><b>Daylight saving.</b> Times are read in the trigger's zone (UTC by default). A local time
 * that does not exist (the clocks jump from 02:00 to 03:00) fires once, at the moment of the jump:
 * a daily 02:30 job runs at 03:00 that day. A local time that happens twice (the clocks go back from
 * 03:00 to 02:00) fires once, at its first occurrence, unless the expression fires every hour
 * ({@code 0 * * * *}, {@code *}{@code /10 * * * *}): then it fires in both passes, so that its
 * interval in real time stays the same. The cron arithmetic is our own, about 250 lines tested on
 * those cases, rather than a library whose daylight-saving handling had open bugs.
 *
 * <p><b>Fixed rate</b> fires at {@code startAt + k * period}; without {@code startAt} the grid is
 * anchored at the epoch (a 15-minute rate fires at :00, :15, :30, :45 UTC), so that every instance
 * computes the same fire times. <b>Fixed delay</b> fires one delay after the previous run of the
 * task ended (its first fire one delay after the scheduler started): give it to one scheduler
 * instance only, since instances started at different times compute different fire times for it.
 * <b>Once</b> fires at one instant; when that instant was missed, the task's {@link MisfirePolicy}
 * decides.
 */
public abstract class Trigger {
  /** The kinds of trigger. */
  public enum Kind {
    /** A cron expression in a time zone. */
    CRON,
    /** A fixed rate on a grid. */
    FIXED_RATE,
    /** A fixed delay after the previous run ended. */
    FIXED_DELAY,
    /** One instant. */
    ONCE
  }

  Trigger() {}

  /**
   * Which kind this is.
   *
   * @return the kind
   */
  public abstract Kind kind();

  /**
   * The first fire time strictly after an instant. For a fixed delay, {@code after} is the end
   * of the previous run (the result is {@code after} plus the delay).
   *
   * @param after the instant
   * @return the fire time, empty when the trigger fires no more
   */
  public abstract Optional<Instant> next(Instant after);

  /**
   * A cron expression in UTC.
   *
   * @param expression 5 or 6 fields, or a macro such as {@code @daily}
   * @return the trigger
   * @throws IllegalArgumentException naming the field and what is wrong with it
   */
  public static Trigger cron(String expression) {
    return cron(expression, ZoneOffset.UTC);
  }

  /**
   * A cron expression read in a time zone.
   *
   * @param expression 5 or 6 fields, or a macro such as {@code @daily}
   * @param zone the zone the fields are read in, such as {@code ZoneId.of("Europe/Paris")}
   * @return the trigger
   * @throws IllegalArgumentException naming the field and what is wrong with it
   */
  public static Trigger cron(String expression, ZoneId zone) {
    Checks.notNull("zone", zone);
    return new Cron(CronExpression.parse(expression), zone);
  }

  /**
   * Fires every {@code period} on a grid anchored at the epoch.
   *
   * @param period 1 second or more, in whole milliseconds
   * @return the trigger
   */
  public static Trigger fixedRate(Duration period) {
    return fixedRate(period, Instant.EPOCH);
  }

  /**
   * Fires at {@code startAt} and every {@code period} after it.
   *
   * @param period 1 second or more, in whole milliseconds
   * @param startAt the first fire time (truncated to milliseconds)
   * @return the trigger
   */
  public static Trigger fixedRate(Duration period, Instant startAt) {
    checkPeriod("period", period);
    Checks.notNull("startAt", startAt);
    return new FixedRate(period, startAt.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Fires {@code delay} after the previous run of the task ended.
   *
   * @param delay 1 second or more, in whole milliseconds
   * @return the trigger
   */
  public static Trigger fixedDelay(Duration delay) {
    checkPeriod("delay", delay);
    return new FixedDelay(delay);
  }

  /**
   * Fires once.
   *
   * @param at the fire time (truncated to milliseconds)
   * @return the trigger
   */
  public static Trigger once(Instant at) {
    Checks.notNull("at", at);
    return new Once(at.truncatedTo(ChronoUnit.MILLIS));
  }

  private static void checkPeriod(String name, Duration value) {
    Checks.notNull(name, value);
    if (value.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(name + " must be 1 second or more, but was " + value);
    }
    if (value.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(name + " must be whole milliseconds, but was " + value);
    }
  }

  private static final class Cron extends Trigger {
    private final CronExpression cron;
    private final ZoneId zone;

    Cron(CronExpression cron, ZoneId zone) {
      this.cron = cron;
      this.zone = zone;
    }

    @Override
    public Kind kind() {
      return Kind.CRON;
    }

    @Override
    public Optional<Instant> next(Instant after) {
      Checks.notNull("after", after);
      ZoneRules rules = zone.getRules();
      LocalDateTime local = LocalDateTime.ofInstant(after, zone);
      ZoneOffsetTransition overlap = rules.getTransition(local);
      boolean inOverlap = overlap != null && overlap.isOverlap();
      // Inside a repeated hour, a later instant may have an earlier local time: scan the whole
      // repeated hour, then stop at the first candidate past it.
      LocalDateTime from = inOverlap ? overlap.getDateTimeAfter() : local;
      LocalDateTime end = inOverlap ? overlap.getDateTimeBefore() : null;
      Instant best = null;
      Optional<LocalDateTime> candidate = cron.nextLocal(from);
      while (candidate.isPresent()) {
        LocalDateTime l = candidate.get();
        for (Instant at : instants(rules, l)) {
          if (at.isAfter(after) && (best == null || at.isBefore(best))) {
            best = at;
          }
        }
        if (best != null && (end == null || !l.isBefore(end))) {
          break;
        }
        candidate = cron.nextLocal(l.plusSeconds(1));
      }
      return Optional.ofNullable(best);
    }

    private List<Instant> instants(ZoneRules rules, LocalDateTime local) {
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      List<Instant> out = new ArrayList<>(2);
      if (offsets.isEmpty()) {
        out.add(rules.getTransition(local).getInstant());
      } else if (offsets.size() == 1) {
        out.add(local.toInstant(offsets.get(0)));
      } else {
        Instant a = local.toInstant(offsets.get(0));
        Instant b = local.toInstant(offsets.get(1));
        Instant first = a.isBefore(b) ? a : b;
        out.add(first);
        if (cron.everyHour()) {
          out.add(a.isBefore(b) ? b : a);
        }
      }
      return out;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Cron && ((Cron) other).cron.equals(cron)
          && ((Cron) other).zone.equals(zone);
    }

    @Override
    public int hashCode() {
      return Objects.hash(cron, zone);
    }

    @Override
    public String toString() {
      return "cron(" + cron + ", " + zone + ")";
    }
  }

  private static final class FixedRate extends Trigger {
    private final Duration period;
    private final Instant startAt;

    FixedRate(Duration period, Instant startAt) {
      this.period = period;
      this.startAt = startAt;
    }

    @Override
    public Kind kind() {
      return Kind.FIXED_RATE;
    }

    @Override
    public Optional<Instant> next(Instant after) {
      Checks.notNull("after", after);
      if (after.isBefore(startAt)) {
        return Optional.of(startAt);
      }
      long p = period.toMillis();
      long steps = Math.floorDiv(after.toEpochMilli() - startAt.toEpochMilli(), p) + 1;
      return Optional.of(startAt.plusMillis(Math.multiplyExact(steps, p)));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FixedRate && ((FixedRate) other).period.equals(period)
          && ((FixedRate) other).startAt.equals(startAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(period, startAt);
    }

    @Override
    public String toString() {
      return "fixedRate(" + period + (startAt.equals(Instant.EPOCH) ? "" : ", from " + startAt)
          + ")";
    }
  }

  private static final class FixedDelay extends Trigger {
    private final Duration delay;

    FixedDelay(Duration delay) {
      this.delay = delay;
    }

    @Override
    public Kind kind() {
      return Kind.FIXED_DELAY;
    }

    @Override
    public Optional<Instant> next(Instant after) {
      Checks.notNull("after", after);
      return Optional.of(after.truncatedTo(ChronoUnit.MILLIS).plus(delay));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FixedDelay && ((FixedDelay) other).delay.equals(delay);
    }

    @Override
    public int hashCode() {
      return delay.hashCode();
    }

    @Override
    public String toString() {
      return "fixedDelay(" + delay + ")";
    }
  }

  private static final class Once extends Trigger {
    private final Instant at;

    Once(Instant at) {
      this.at = at;
    }

    @Override
    public Kind kind() {
      return Kind.ONCE;
    }

    @Override
    public Optional<Instant> next(Instant after) {
      Checks.notNull("after", after);
      return at.isAfter(after) ? Optional.of(at) : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Once && ((Once) other).at.equals(at);
    }

    @Override
    public int hashCode() {
      return at.hashCode();
    }

    @Override
    public String toString() {
      return "once(" + at + ")";
    }
  }
}
