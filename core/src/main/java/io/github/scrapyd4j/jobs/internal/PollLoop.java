package io.github.scrapyd4j.jobs.internal;

import io.github.scrapyd4j.ScrapydTransportException;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.JobWaitTimeoutException;
import io.github.scrapyd4j.jobs.PollScheduler;
import io.github.scrapyd4j.jobs.Polling;
import io.github.scrapyd4j.model.JobState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a wait ({@code JobWaiter}) and a follow ({@link Follower}) share while they poll a job: the
 * interval (back to the first when the job's state changes, backing off while it stays), transport
 * failures tolerated in a row, how long the node has not known the job, the last state seen, and
 * the timeout. A request that throws, or fails in a way not tolerated, ends the loop's future.
 * Touched by one poll at a time; {@link #lastState()} may be read from any thread.
 */
public final class PollLoop {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.jobs");

  private final Polling polling;
  private final PollScheduler scheduler;
  private final Clock clock;
  private final CompletableFuture<?> result;
  private final String what;
  private final Runnable poll;
  private Duration interval;
  private volatile JobState lastState;
  private Instant unknownSince;
  private int unknownPolls;
  private int failures;

  /**
   * A loop.
   *
   * @param polling the intervals, failure tolerance and vanish grace
   * @param scheduler what runs the next poll later
   * @param clock what the vanish grace is measured with
   * @param result the future the loop ends (exceptionally) on a failure
   * @param what what polls, for the DEBUG line of a tolerated failure
   * @param poll the next poll
   */
  public PollLoop(Polling polling, PollScheduler scheduler, Clock clock,
      CompletableFuture<?> result, String what, Runnable poll) {
    this.polling = polling;
    this.scheduler = scheduler;
    this.clock = clock;
    this.result = result;
    this.what = what;
    this.poll = poll;
    this.interval = polling.initialInterval();
  }

  /** Fails the result with {@link JobWaitTimeoutException} after {@code timeout}, if not null. */
  public void deadline(JobRef job, Duration timeout, URI baseUri) {
    if (timeout != null) {
      scheduler.schedule(timeout, () -> result.completeExceptionally(
          new JobWaitTimeoutException(job, timeout, lastState, baseUri)));
    }
  }

  /**
   * Sends a request unless the result is done, and hands its answer on. A failure is tolerated
   * (the next poll comes later) when it is a transport failure within {@link
   * Polling#failureTolerance()} in a row; any other, or a throw, ends the result.
   */
  public <T> void call(Supplier<CompletableFuture<T>> request, Consumer<T> answered) {
    if (result.isDone()) {
      return;
    }
    CompletableFuture<T> sent;
    try {
      sent = request.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    sent.whenComplete((answer, error) -> {
      try {
        if (result.isDone()) {
          return;
        }
        if (error != null) {
          failed(Futures.unwrap(error));
          return;
        }
        failures = 0;
        answered.accept(answer);
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
  }

  private void failed(Throwable cause) {
    if (cause instanceof ScrapydTransportException && failures < polling.failureTolerance()) {
      failures++;
      LOG.debug("{}: poll failed ({} of {} tolerated): {}", what, failures,
          polling.failureTolerance(), cause.getMessage());
      later();
      return;
    }
    result.completeExceptionally(cause);
  }

  /** Now, by the loop's clock. */
  public Instant now() {
    return clock.instant();
  }

  /** The node did not know the job at {@code now}: how long it has not, in polls in a row. */
  public Duration unknown(Instant now) {
    if (unknownSince == null) {
      unknownSince = now;
      unknownPolls = 0;
    }
    unknownPolls++;
    return Duration.between(unknownSince, now);
  }

  /** Whether a job unknown for this long (two polls at least) counts as vanished. */
  public boolean vanished(Duration unknownFor) {
    return unknownPolls >= 2 && unknownFor.compareTo(polling.vanishGrace()) >= 0;
  }

  /** The node knows the job in this state; true if it changed (the interval starts again). */
  public boolean known(JobState state) {
    unknownSince = null;
    if (state == lastState) {
      return false;
    }
    interval = polling.initialInterval();
    lastState = state;
    return true;
  }

  /** The last state the node told, null before it told one. */
  public JobState lastState() {
    return lastState;
  }

  /** The next poll after the interval, which then backs off. */
  public void later() {
    later(null);
  }

  /** The next poll after the interval, or after {@code atMost} if shorter; the interval backs off. */
  public void later(Duration atMost) {
    Duration delay = atMost != null && atMost.compareTo(interval) < 0 && !atMost.isNegative()
        ? atMost : interval;
    interval = polling.next(interval);
    scheduler.schedule(delay, poll);
  }

  /** The next poll after the first interval, from which backing off starts again. */
  public void soon() {
    interval = polling.initialInterval();
    scheduler.schedule(interval, poll);
  }
}
