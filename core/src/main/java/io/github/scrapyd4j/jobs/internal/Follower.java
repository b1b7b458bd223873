package io.github.scrapyd4j.jobs.internal;

import io.github.scrapyd4j.jobs.FollowResult;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.JobVanishedException;
import io.github.scrapyd4j.jobs.JobWaitTimeoutException;
import io.github.scrapyd4j.jobs.JobWaiter;
import io.github.scrapyd4j.model.JobState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a growing file: polls it from the cursor's offset ({@code Range: bytes=<offset>-}), so
 * each poll transfers only new bytes; when a poll brings nothing new it asks the job's state, and
 * once the job is finished reads the rest once more and ends. Polls back off while nothing
 * changes. No thread is held between polls.
 */
public final class Follower {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.logs");

  /** Counts for the result. */
  public static final class Done {
    public final RangeCursor cursor;
    public final int stateRequests;
    public final JobState finalState;

    Done(RangeCursor cursor, int stateRequests, JobState finalState) {
      this.cursor = cursor;
      this.stateRequests = stateRequests;
      this.finalState = finalState;
    }

    /** The result's transfer counts; a follow of items adds its own. */
    public FollowResult.Builder result(JobRef job) {
      return FollowResult.builder()
          .job(job)
          .bytes(cursor.delivered())
          .bytesReceived(cursor.received())
          .fileRequests(cursor.requests())
          .stateRequests(stateRequests)
          .restarts(cursor.restarts());
    }
  }

  private final FileAccess files;
  private final FileAccess.Target target;
  private final RangeCursor cursor;
  private final JobWaiter waiter;
  private final CompletableFuture<Done> result = new CompletableFuture<>();
  private final PollLoop loop;
  private boolean finalRead;
  private JobVanishedException vanished;
  private int stateRequests;

  private Follower(FileAccess files, FileAccess.Target target, RangeCursor cursor, JobWaiter waiter) {
    this.files = files;
    this.target = target;
    this.cursor = cursor;
    this.waiter = waiter;
    this.loop = new PollLoop(waiter.polling(), waiter.scheduler(), waiter.clock(), result,
        "following " + target.endpoint, this::poll);
  }

  /**
   * Starts following. The future completes when the job finished and the file was read to its
   * end (the sink has then been ended), and fails with the sink's exception, a typed not-found when
   * the job finished without the file, {@link JobVanishedException}, {@link
   * JobWaitTimeoutException} after {@code timeout} (if not null), or the client's exceptions.
   * Cancelling it stops the polling.
   */
  public static CompletableFuture<Done> start(FileAccess files, FileAccess.Target target,
      RangeCursor cursor, JobWaiter waiter, Duration timeout) {
    Follower f = new Follower(files, target, cursor, waiter);
    f.loop.deadline(target.job, timeout, files.baseUri());
    f.poll();
    return f.result;
  }

  /**
   * Starts following, and maps what it ends with. Cancelling the returned future stops the
   * polling (a plain {@code thenApply} would not: cancelling a dependent future leaves its source
   * running).
   */
  public static <T> CompletableFuture<T> start(FileAccess files, FileAccess.Target target,
      RangeCursor cursor, JobWaiter waiter, Duration timeout, Function<Done, T> map) {
    CompletableFuture<Done> source = start(files, target, cursor, waiter, timeout);
    CompletableFuture<T> mapped = source.thenApply(map);
    mapped.whenComplete((value, error) -> {
      if (mapped.isCancelled()) {
        source.cancel(false);
      }
    });
    return mapped;
  }

  private void poll() {
    loop.call(() -> files.poll(target, cursor), this::polled);
  }

  private void polled(FileAccess.Poll answer) {
    switch (answer.kind) {
      case DATA:
        if (finalRead) {
          end();
        } else if (answer.delivered > 0) {
          loop.soon();
        } else {
          checkState();
        }
        return;
      case SHRUNK:
        LOG.debug("{} on {} shrank to {} bytes (below offset {}): reading it from the start",
            target.endpoint, files.baseUri(), answer.total, cursor.offset);
        cursor.restart();
        poll();
        return;
      case NOT_FOUND:
        if (finalRead) {
          RuntimeException notFound = target.notFound("");
          if (vanished != null) {
            vanished.addSuppressed(notFound);
            result.completeExceptionally(vanished);
          } else {
            result.completeExceptionally(notFound);
          }
          return;
        }
        checkState();
        return;
      case NOTHING_NEW:
      default:
        if (finalRead) {
          end();
        } else {
          checkState();
        }
    }
  }

  private void checkState() {
    stateRequests++;
    loop.call(() -> StateProbe.probe(waiter.client(), target.job.project(), target.job.jobId()),
        this::stateSeen);
  }

  private void stateSeen(StateProbe.Seen seen) {
    if (seen.state.isEmpty()) {
      Duration unknownFor = loop.unknown(loop.now());
      if (loop.vanished(unknownFor)) {
        vanished = new JobVanishedException(target.job, loop.lastState(), unknownFor,
            files.baseUri(), seen.nodeName);
        finalRead = true;
        poll();
        return;
      }
      loop.later();
      return;
    }
    JobState state = seen.state.get();
    loop.known(state);
    if (state == JobState.FINISHED) {
      finalRead = true;
      poll();
      return;
    }
    loop.later();
  }

  private void end() {
    cursor.sink.end();
    if (vanished != null) {
      result.completeExceptionally(vanished);
    } else {
      result.complete(new Done(cursor, stateRequests, loop.lastState()));
    }
  }
}
