package io.github.scrapyd4j.tasks;

import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScrapydStyle;
import io.github.scrapyd4j.model.Signal;
import io.github.scrapyd4j.monitor.MonitorRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * A timed crawl: which spider to run with which arguments and settings, when ({@link Trigger}),
 * where ({@link Target}), and what to do when its runs overlap, run too long or fail. Immutable;
 * checked when built (the arguments and settings as a {@link ScheduleRequest} would check them).
 * Give it to a {@link TaskScheduler}.
 *
 * <pre>{@code
 * CrawlTask nightly = CrawlTask.builder()
 *     .id("nightly-products")                        // the key of its history: keep it stable
 *     .project("shop")
 *     .spider("products")
 *     .putArg("category", "garden")
 *     .putSetting("CLOSESPIDER_ITEMCOUNT", "5000")
 *     .trigger(Trigger.cron("30 2 * * *", ZoneId.of("Europe/Paris")))
 *     .target(Target.tagged("eu"))
 *     .overlap(OverlapPolicy.SKIP)                   // the default
 *     .timeLimit(Duration.ofHours(2))                // then cancel; KILL after killAfter()
 *     .maxReruns(1)                                  // one more try after FAILED or CRASHED
 *     .build();
 * }</pre>
 *
 * <p>Its {@code toString()} names the arguments and settings but shows none of their values,
 * which may hold secrets.
 */
@Value.Immutable
@ScrapydStyle
public abstract class CrawlTask {
  CrawlTask() {}

  /**
   * The task's id: the key of its runs in the {@link RunStore}, so it must stay the same across
   * restarts and be the same in every scheduler instance sharing a store. Letters, digits, {@code
   * .}, {@code _} and {@code -}, at most 100.
   *
   * @return the id
   */
  public abstract String id();

  /**
   * The Scrapyd project.
   *
   * @return the project
   */
  public abstract String project();

  /**
   * The spider.
   *
   * @return the spider
   */
  public abstract String spider();

  /**
   * Spider arguments ({@code -a NAME=VALUE}).
   *
   * @return names to values, in the order added
   */
  public abstract Map<String, String> args();

  /**
   * Scrapy settings for the runs ({@code -s NAME=VALUE}).
   *
   * @return names to values, in the order added
   */
  public abstract Map<String, String> settings();

  /**
   * The project version to run; without it each run takes the latest when it starts.
   *
   * @return the version
   */
  public abstract Optional<String> version();

  /**
   * The queue priority (Scrapyd 1.3 and later).
   *
   * @return the priority
   */
  public abstract OptionalDouble priority();

  /**
   * When the task fires.
   *
   * @return the trigger
   */
  public abstract Trigger trigger();

  /**
   * Where it runs. Default: {@link Target#anyNode()}.
   *
   * @return the target
   */
  @Value.Default
  public Target target() {
    return Target.anyNode();
  }

  /**
   * What a fire does while the previous run is pending or running. Default: {@link
   * OverlapPolicy#SKIP}.
   *
   * @return the overlap policy
   */
  @Value.Default
  public OverlapPolicy overlap() {
    return OverlapPolicy.SKIP;
  }

  /**
   * What happens to missed fires. Default: {@link MisfirePolicy#SKIP}.
   *
   * @return the misfire policy
   */
  @Value.Default
  public MisfirePolicy misfire() {
    return MisfirePolicy.SKIP;
  }

  /**
   * How long a run may take, counted from the moment Scrapyd accepted it (its time in the queue
   * included). Then it is cancelled with {@link #cancelSignal()}, and with {@code KILL} when it
   * is still going {@link #killAfter()} later. A run cancelled for its time limit is never re-run.
   *
   * @return the time limit; none by default
   */
  public abstract Optional<Duration> timeLimit();

  /**
   * The signal of the first cancel (time limit, {@link OverlapPolicy#CANCEL_PREVIOUS}).
   *
   * @return the signal; the node's default (INT on Scrapyd 1.5 and later) when empty
   */
  public abstract Optional<Signal> cancelSignal();

  /**
   * How long after the time limit's first cancel a run still going is killed ({@code KILL}).
   *
   * @return the grace; 1 minute by default
   */
  @Value.Default
  public Duration killAfter() {
    return Duration.ofMinutes(1);
  }

  /**
   * How many times a fire is run again after its run finished {@code FAILED} or {@code CRASHED}.
   * Never after a schedule whose outcome is unknown ({@link RunStatus#OUTCOME_UNKNOWN}), a failed
   * schedule, a lost job, or a run the scheduler cancelled.
   *
   * @return re-runs per fire, 0 (the default) to 10
   */
  @Value.Default
  public int maxReruns() {
    return 0;
  }

  /**
   * The monitoring rules applied to each run while its job runs (thresholds on ERROR, CRITICAL or
   * WARNING lines, no progress, run time; alert or cancel). A {@link TaskScheduler} applies them
   * when given a {@link TaskMonitoring} listener.
   *
   * @return the rules, in order; none by default
   */
  public abstract List<MonitorRule> rules();

  /**
   * The schedule request of one run.
   *
   * @param jobId the job id the run gets
   * @return the request
   */
  public ScheduleRequest request(String jobId) {
    ScheduleRequest.Builder b = ScheduleRequest.builder()
        .project(project())
        .spider(spider())
        .putAllArgs(args())
        .putAllSettings(settings())
        .version(version());
    if (priority().isPresent()) {
      b.priority(priority().getAsDouble());
    }
    return b.jobId(jobId).build();
  }

  @Value.Check
  void check() {
    if (!id().matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("id must be 1 to 100 letters, digits, '.', '_' or '-',"
          + " but was '" + id() + "'");
    }
    if (maxReruns() < 0 || maxReruns() > 10) {
      throw new IllegalArgumentException("maxReruns must be 0 to 10, but was " + maxReruns());
    }
    if (timeLimit().isPresent()
        && (timeLimit().get().isZero() || timeLimit().get().isNegative())) {
      throw new IllegalArgumentException("timeLimit must be positive, but was "
          + timeLimit().get());
    }
    if (killAfter().isNegative()) {
      throw new IllegalArgumentException("killAfter must not be negative, but was " + killAfter());
    }
    request("check"); // the arguments, settings, names and version as a request checks them
  }

  @Override
  public String toString() {
    return "CrawlTask{id=" + id() + ", project=" + project() + ", spider=" + spider()
        + ", trigger=" + trigger() + ", target=" + target()
        + (args().isEmpty() ? "" : ", args=" + args().keySet())
        + (settings().isEmpty() ? "" : ", settings=" + settings().keySet()) + "}";
  }

  /**
   * A new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CrawlTask}. */
  public static final class Builder extends ImmutableCrawlTask.Builder {
    Builder() {}
  }
}
