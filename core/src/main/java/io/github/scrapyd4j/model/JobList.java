package io.github.scrapyd4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The answer of {@code listjobs.json}: a node's jobs, kept apart by state.
 *
 * <p>Pending jobs are in queue order (highest priority first). Finished jobs are newest first on
 * Scrapyd 1.5 and later; older servers keep memory-stored jobs oldest first. Scrapyd keeps only the
 * last {@code finished_to_keep} finished jobs (100 by default), and with its default memory
 * storage forgets them all on restart.
 */
@Value.Immutable
@ScrapydStyle
public abstract class JobList {
  JobList() {}

  /**
   * The {@code node_name} the server reported.
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * Jobs waiting to run.
   *
   * @return pending jobs in queue order
   */
  public abstract List<PendingJob> pending();

  /**
   * Jobs whose process is running.
   *
   * @return running jobs
   */
  public abstract List<RunningJob> running();

  /**
   * Jobs whose process has ended.
   *
   * @return finished jobs
   */
  public abstract List<FinishedJob> finished();

  /**
   * Every job, pending first, then running, then finished.
   *
   * @return all jobs
   */
  @Value.Lazy
  public List<Job> all() {
    List<Job> all = new ArrayList<>(pending().size() + running().size() + finished().size());
    all.addAll(pending());
    all.addAll(running());
    all.addAll(finished());
    return Collections.unmodifiableList(all);
  }

  /**
   * Finds a job by id, looking in running, then pending, then finished jobs.
   *
   * @param jobId the job id
   * @return the job, if listed
   */
  public Optional<Job> find(String jobId) {
    for (Job job : running()) {
      if (job.id().equals(jobId)) {
        return Optional.of(job);
      }
    }
    for (Job job : pending()) {
      if (job.id().equals(jobId)) {
        return Optional.of(job);
      }
    }
    for (Job job : finished()) {
      if (job.id().equals(jobId)) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JobList} values. */
  public static final class Builder extends ImmutableJobList.Builder {
    Builder() {}
  }
}
