package io.github.scrapyd4j.monitor;

import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.logs.CrawlProgress;
import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * What a {@link JobWatch} has seen of a job so far: its live progress, its log's summary (records
 * per level) and the rules that fired.
 *
 * <pre>{@code
 * MonitorReport r = watch.report();
 * System.out.println(r.progress().pages() + " pages, " + r.summary().count("ERROR") + " errors, "
 *     + r.firings().size() + " rules fired");
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class MonitorReport {
  MonitorReport() {}

  /**
   * The job.
   *
   * @return the job
   */
  public abstract JobRef job();

  /**
   * Pages and items with their rates, the latest item.
   *
   * @return the progress
   */
  public abstract CrawlProgress progress();

  /**
   * The log read so far: records per level, first errors, and (once finished) the stats.
   *
   * @return the summary
   */
  public abstract LogSummary summary();

  /**
   * The rules that fired, in order.
   *
   * @return the firings
   */
  public abstract List<RuleFiring> firings();

  /**
   * Whether the job finished and its log was read to its end (false while it runs, or when the
   * watch was stopped).
   *
   * @return true once finished
   */
  public abstract boolean finished();

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableMonitorReport.Builder {
    Builder() {}
  }
}
