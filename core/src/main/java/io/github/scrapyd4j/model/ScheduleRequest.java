package io.github.scrapyd4j.model;

import io.github.scrapyd4j.internal.Checks;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What to run: the parameters of {@code schedule.json}.
 *
 * <pre>{@code
 * ScheduleRequest request = ScheduleRequest.builder()
 *     .project("shop")
 *     .spider("products")
 *     .putArg("category", "garden & tools")   // spider argument: -a category=...
 *     .putSetting("DOWNLOAD_DELAY", "2")      // Scrapy setting: -s DOWNLOAD_DELAY=2
 *     .putSetting("CLOSESPIDER_ITEMCOUNT", "500")
 *     .priority(5)
 *     .jobId("products-2026-11-23")
 *     .build();
 * ScheduleResult result = client.schedule(request);
 * }</pre>
 *
 * <p>Values may hold any text (spaces, {@code &}, {@code =}, {@code %}, {@code +}, non-ASCII);
 * they are encoded on the wire. Settings are sent as repeated {@code setting=NAME=VALUE} fields
 * and arguments as fields of their own, both in the order they were added. A spider argument
 * named like one of Scrapyd's own fields ({@code project}, {@code spider}, {@code setting}, {@code
 * jobid}, {@code priority}, {@code _version}, or {@code _job}, which Scrapyd passes itself) would
 * change the request instead of reaching the spider, so it is rejected when the request is built.
 */
@Value.Immutable
@ScrapydStyle
public abstract class ScheduleRequest {
  /** Form fields of {@code schedule.json} that a spider argument must not be named after. */
  public static final Set<String> RESERVED_ARGUMENT_NAMES =
      Set.of("project", "spider", "setting", "jobid", "priority", "_version", "_job");

  ScheduleRequest() {}

  /**
   * The project to run.
   *
   * @return the project name
   */
  public abstract String project();

  /**
   * The spider to run.
   *
   * @return the spider name
   */
  public abstract String spider();

  /**
   * The project version to run ({@code _version}). Without it the job runs the version that is
   * latest when the job starts, not when it is scheduled.
   *
   * @return the version, as uploaded or as stored
   */
  public abstract Optional<String> version();

  /**
   * The job id to use ({@code jobid}); it names the job's log and items files. Without it Scrapyd
   * makes one up.
   *
   * @return the requested job id
   */
  public abstract Optional<String> jobId();

  /**
   * The queue priority (Scrapyd 1.3 and later): higher runs first, the default is 0.
   *
   * @return the priority
   */
  public abstract OptionalDouble priority();

  /**
   * Scrapy settings for this run only, passed as {@code -s NAME=VALUE}.
   *
   * @return setting names to values, in the order added
   */
  public abstract Map<String, String> settings();

  /**
   * Spider arguments, passed as {@code -a NAME=VALUE}.
   *
   * @return argument names to values, in the order added
   */
  public abstract Map<String, String> args();

  /**
   * A request that runs a spider with no arguments, settings, version or job id.
   *
   * @param project the project name
   * @param spider the spider name
   * @return the request
   */
  public static ScheduleRequest of(String project, String spider) {
    return builder().project(project).spider(spider).build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Checks.project(project());
    Checks.spider(spider());
    version().ifPresent(Checks::version);
    jobId().ifPresent(Checks::jobId);
    if (priority().isPresent() && !Double.isFinite(priority().getAsDouble())) {
      throw new IllegalArgumentException(
          "priority must be a finite number, but was " + priority().getAsDouble());
    }
    for (String name : settings().keySet()) {
      if (name.isBlank() || name.indexOf('=') >= 0) {
        throw new IllegalArgumentException(
            "setting name must be non-blank and contain no '=', but was '" + name + "'");
      }
    }
    for (String name : args().keySet()) {
      if (name.isBlank() || name.indexOf('=') >= 0) {
        throw new IllegalArgumentException(
            "spider argument name must be non-blank and contain no '=', but was '" + name + "'");
      }
      if (RESERVED_ARGUMENT_NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "spider argument '"
                + name
                + "' has the name of a schedule.json field and would not reach the spider; "
                + "use the request's own "
                + fieldFor(name)
                + " or rename the argument");
      }
    }
  }

  private static String fieldFor(String name) {
    switch (name) {
      case "setting":
        return "putSetting(...)";
      case "jobid":
        return "jobId(...)";
      case "_version":
        return "version(...)";
      case "priority":
        return "priority(...)";
      case "_job":
        return "jobId(...) (Scrapyd passes _job to every spider itself)";
      default:
        return name + "(...)";
    }
  }

  /** Builds {@link ScheduleRequest} values; checks every field when {@code build()} is called. */
  public static final class Builder extends ImmutableScheduleRequest.Builder {
    Builder() {}
  }
}
