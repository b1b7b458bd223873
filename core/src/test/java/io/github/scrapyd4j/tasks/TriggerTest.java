package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Trigger arithmetic on fixed instants: cron fields, time zones, the daylight-saving gap and
 * overlap (Europe/Paris: 2026-03-29 02:00 CET to 03:00 CEST at 01:00Z, 2026-10-25 03:00 CEST back
 * to 02:00 CET at 01:00Z; New York: 2026-03-08 02:00 EST to 03:00 EDT at 07:00Z), fixed rates and
 * delays, one-shots.
 */
class TriggerTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static List<Instant> fires(Trigger trigger, String from, int n) {
    List<Instant> out = new ArrayList<>();
    Instant t = at(from);
    for (int i = 0; i < n; i++) {
      t = trigger.next(t).orElseThrow();
      out.add(t);
    }
    return out;
  }

  @Test
  void fiveFieldsStepsAndRanges() {
    assertThat(fires(Trigger.cron("*/15 * * * *"), "2026-11-23T10:07:00Z", 3)).containsExactly(
        at("2026-11-23T10:15:00Z"), at("2026-11-23T10:30:00Z"), at("2026-11-23T10:45:00Z"));
    assertThat(fires(Trigger.cron("10-50/20 8-9 * * *"), "2026-11-23T08:00:00Z", 4))
        .containsExactly(at("2026-11-23T08:10:00Z"), at("2026-11-23T08:30:00Z"),
            at("2026-11-23T08:50:00Z"), at("2026-11-23T09:10:00Z"));
    assertThat(fires(Trigger.cron("5/20 0 1,15 * *"), "2026-11-01T00:06:00Z", 3)).containsExactly(
        at("2026-11-01T00:25:00Z"), at("2026-11-01T00:45:00Z"), at("2026-11-15T00:05:00Z"));
  }

  @Test
  void aFireIsStrictlyAfterTheInstantGiven() {
    assertThat(Trigger.cron("0 3 * * *").next(at("2026-11-23T03:00:00Z")))
        .contains(at("2026-11-24T03:00:00Z"));
    assertThat(Trigger.cron("0 3 * * *").next(at("2026-11-23T02:59:59.999Z")))
        .contains(at("2026-11-23T03:00:00Z"));
  }

  @Test
  void sixFieldsPutTheSecondFirst() {
    assertThat(fires(Trigger.cron("30 0/2 * * * *"), "2026-11-23T10:01:00Z", 2)).containsExactly(
        at("2026-11-23T10:02:30Z"), at("2026-11-23T10:04:30Z"));
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEitherAsInVixieCron() {
    // Friday the 13th style: the 13th OR any Friday. 2026-11-13 is a Friday, 2026-11-20 too.
    assertThat(fires(Trigger.cron("0 0 13 * FRI"), "2026-11-14T00:00:00Z", 2)).containsExactly(
        at("2026-11-20T00:00:00Z"), at("2026-11-27T00:00:00Z"));
    assertThat(fires(Trigger.cron("0 0 13 * FRI"), "2026-12-05T00:00:00Z", 2)).containsExactly(
        at("2026-12-11T00:00:00Z"), at("2026-12-13T00:00:00Z"));
    // one day field starred: both must match (the other is every day)
    assertThat(Trigger.cron("0 0 * * MON").next(at("2026-11-23T00:00:00Z")))
        .contains(at("2026-11-30T00:00:00Z"));
    assertThat(Trigger.cron("0 0 ? * 7").next(at("2026-11-23T00:00:00Z")))
        .as("7 is Sunday").contains(at("2026-11-29T00:00:00Z"));
    assertThat(Trigger.cron("0 12 * jan-feb sun").next(at("2026-11-23T00:00:00Z")))
        .contains(at("2027-01-03T12:00:00Z"));
  }

  @Test
  void macros() {
    assertThat(Trigger.cron("@daily").next(at("2026-11-23T10:00:00Z")))
        .contains(at("2026-11-24T00:00:00Z"));
    assertThat(Trigger.cron("@hourly").next(at("2026-11-23T10:00:00Z")))
        .contains(at("2026-11-23T11:00:00Z"));
    assertThat(Trigger.cron("@weekly").next(at("2026-11-23T10:00:00Z")))
        .contains(at("2026-11-29T00:00:00Z"));
    assertThat(Trigger.cron("@yearly")).isEqualTo(Trigger.cron("@YEARLY".toLowerCase()));
  }

  @Test
  void leapDaysAreFoundYearsAhead() {
    assertThat(Trigger.cron("0 0 29 2 *").next(at("2026-11-23T00:00:00Z")))
        .contains(at("2028-02-29T00:00:00Z"));
  }

  @Test
  void badExpressionsNameTheFieldAndTheProblem() {
    assertThatThrownBy(() -> Trigger.cron("* * * *"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 4 fields");
    assertThatThrownBy(() -> Trigger.cron("0 25 * * *"))
        .hasMessage("cron expression '0 25 * * *': hour field: value 25 is out of range 0-23");
    assertThatThrownBy(() -> Trigger.cron("0 0 L * *"))
        .hasMessageContaining("day-of-month field").hasMessageContaining("L, W and # are not");
    assertThatThrownBy(() -> Trigger.cron("0 0 30 2 *"))
        .hasMessageContaining("never matches a date");
    assertThatThrownBy(() -> Trigger.cron("0 0 * * MON-XYZ"))
        .hasMessageContaining("day-of-week field: value 'XYZ' is not a number");
    assertThatThrownBy(() -> Trigger.cron("*/0 * * * *"))
        .hasMessageContaining("minute field: step 0 is out of range");
    assertThatThrownBy(() -> Trigger.cron("0 5-2 * * *")).hasMessageContaining("goes backwards");
    assertThatThrownBy(() -> Trigger.cron("? * * * *"))
        .hasMessageContaining("'?' is only allowed");
    assertThatThrownBy(() -> Trigger.cron("@sometimes")).hasMessageContaining("unknown macro");
    assertThatThrownBy(() -> Trigger.cron(" ")).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> Trigger.cron("0 * * * *", null))
        .hasMessageContaining("zone");
  }

  @Test
  void aDailyTimeFollowsTheZoneAcrossDaylightSaving() {
    // 09:00 Paris: 08:00Z in winter, 07:00Z in summer; the spring day is 23 hours long
    assertThat(fires(Trigger.cron("0 9 * * *", PARIS), "2026-03-27T12:00:00Z", 3)).containsExactly(
        at("2026-03-28T08:00:00Z"), at("2026-03-29T07:00:00Z"), at("2026-03-30T07:00:00Z"));
    assertThat(fires(Trigger.cron("0 9 * * *", PARIS), "2026-10-24T12:00:00Z", 2)).containsExactly(
        at("2026-10-25T08:00:00Z"), at("2026-10-26T08:00:00Z"));
  }

  @Test
  void aTimeInTheSpringGapFiresOnceAtTheJump() {
    // 02:30 does not exist on 2026-03-29 in Paris: it fires at 03:00 CEST (01:00Z), once
    assertThat(fires(Trigger.cron("30 2 * * *", PARIS), "2026-03-28T12:00:00Z", 2))
        .containsExactly(at("2026-03-29T01:00:00Z"), at("2026-03-30T00:30:00Z"));
    assertThat(fires(Trigger.cron("30 2 * * *", NEW_YORK), "2026-03-07T12:00:00Z", 2))
        .containsExactly(at("2026-03-08T07:00:00Z"), at("2026-03-09T06:30:00Z"));
  }

  @Test
  void aFrequentExpressionKeepsItsRealIntervalThroughTheGap() {
    assertThat(fires(Trigger.cron("*/15 * * * *", PARIS), "2026-03-29T00:30:00Z", 3))
        .as("01:45 CET, then 03:00 CEST, 03:15 CEST").containsExactly(
            at("2026-03-29T00:45:00Z"), at("2026-03-29T01:00:00Z"), at("2026-03-29T01:15:00Z"));
  }

  @Test
  void aTimeInTheRepeatedAutumnHourFiresOnceAtItsFirstOccurrence() {
    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET) on 2026-10-25
    assertThat(fires(Trigger.cron("30 2 * * *", PARIS), "2026-10-24T12:00:00Z", 2))
        .containsExactly(at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z"));
    // asked from inside the repeated hour, the second pass is not a fire either
    assertThat(Trigger.cron("30 2 * * *", PARIS).next(at("2026-10-25T01:10:00Z")))
        .contains(at("2026-10-26T01:30:00Z"));
  }

  @Test
  void anEveryHourExpressionFiresInBothPassesOfTheRepeatedHour() {
    assertThat(fires(Trigger.cron("0 * * * *", PARIS), "2026-10-24T23:30:00Z", 3)).containsExactly(
        at("2026-10-25T00:00:00Z"), at("2026-10-25T01:00:00Z"), at("2026-10-25T02:00:00Z"));
    assertThat(fires(Trigger.cron("*/30 * * * *", PARIS), "2026-10-25T00:10:00Z", 4))
        .containsExactly(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:00:00Z"),
            at("2026-10-25T01:30:00Z"), at("2026-10-25T02:00:00Z"));
    // every second through the moment the clocks go back: no gap, no repeat
    assertThat(fires(Trigger.cron("* * * * * *", PARIS), "2026-10-25T00:59:58Z", 3))
        .containsExactly(at("2026-10-25T00:59:59Z"), at("2026-10-25T01:00:00Z"),
            at("2026-10-25T01:00:01Z"));
  }

  @Test
  void fixedRateFiresOnAGridAnchoredAtTheEpochOrAtItsStart() {
    Trigger quarter = Trigger.fixedRate(Duration.ofMinutes(15));
    assertThat(quarter.kind()).isEqualTo(Trigger.Kind.FIXED_RATE);
    assertThat(fires(quarter, "2026-11-23T10:07:12.345Z", 2)).containsExactly(
        at("2026-11-23T10:15:00Z"), at("2026-11-23T10:30:00Z"));
    assertThat(quarter.next(at("2026-11-23T10:15:00Z"))).contains(at("2026-11-23T10:30:00Z"));
    Trigger started = Trigger.fixedRate(Duration.ofMinutes(10), at("2026-11-23T10:03:00Z"));
    assertThat(started.next(at("2026-11-01T00:00:00Z"))).contains(at("2026-11-23T10:03:00Z"));
    assertThat(fires(started, "2026-11-23T10:03:00Z", 2)).containsExactly(
        at("2026-11-23T10:13:00Z"), at("2026-11-23T10:23:00Z"));
  }

  @Test
  void fixedDelayCountsFromTheEndOfThePreviousRun() {
    Trigger delay = Trigger.fixedDelay(Duration.ofMinutes(5));
    assertThat(delay.kind()).isEqualTo(Trigger.Kind.FIXED_DELAY);
    assertThat(delay.next(at("2026-11-23T10:07:12.345678Z"))).contains(at("2026-11-23T10:12:12.345Z"));
  }

  @Test
  void onceFiresOnlyBeforeItsInstant() {
    Trigger once = Trigger.once(at("2026-12-24T18:00:00Z"));
    assertThat(once.next(at("2026-12-01T00:00:00Z"))).contains(at("2026-12-24T18:00:00Z"));
    assertThat(once.next(at("2026-12-24T18:00:00Z"))).isEqualTo(Optional.empty());
  }

  @Test
  void periodsAreCheckedAndTriggersAreValues() {
    assertThatThrownBy(() -> Trigger.fixedRate(Duration.ofMillis(999)))
        .hasMessage("period must be 1 second or more, but was PT0.999S");
    assertThatThrownBy(() -> Trigger.fixedDelay(Duration.ofNanos(1_000_000_001L)))
        .hasMessageContaining("delay must be whole milliseconds");
    assertThat(Trigger.cron("0 3 * * *", PARIS)).isEqualTo(Trigger.cron("0 3 * * *", PARIS))
        .isNotEqualTo(Trigger.cron("0 3 * * *"))
        .hasToString("cron(0 3 * * *, Europe/Paris)");
    assertThat(Trigger.fixedRate(Duration.ofMinutes(1)))
        .isEqualTo(Trigger.fixedRate(Duration.ofMinutes(1), Instant.EPOCH));
    assertThat(Trigger.once(at("2026-12-24T18:00:00.0001Z")))
        .isEqualTo(Trigger.once(at("2026-12-24T18:00:00Z")));
  }
}
