package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.internal.Checks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: how waits, follows and watchers schedule their next poll. No thread is
 * held between polls. Tests give one that runs on a virtual clock, so that polling and backoff can
 * be checked without waiting.
 *
 * <pre>{@code
 * ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
 * Jobs jobs = Jobs.builder(client).scheduler(PollScheduler.of(timer)).build();
 * }</pre>
 */
@FunctionalInterface
public interface PollScheduler {
  /**
   * Runs a task once after a delay. The task must run even if it cannot run where intended (it
   * then finds out, for example, that its client was closed); implementations must not throw.
   *
   * @param delay the delay, zero or more
   * @param task the task
   */
  void schedule(Duration delay, Runnable task);

  /**
   * Schedules with {@link CompletableFuture#delayedExecutor}, running each task on {@code
   * executor} (the default: the client's executor). A task the executor rejects (it was shut down
   * with its client) runs on the timer thread instead.
   *
   * @param executor where tasks run
   * @return the scheduler
   */
  static PollScheduler onExecutor(Executor executor) {
    Checks.notNull("executor", executor);
    Executor guarded = task -> {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
    return (delay, task) -> CompletableFuture
        .delayedExecutor(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS, guarded)
        .execute(task);
  }

  /**
   * Schedules on a {@link ScheduledExecutorService}, which the caller keeps and shuts down. A task
   * it rejects runs on the calling thread instead.
   *
   * @param executor the scheduled executor
   * @return the scheduler
   */
  static PollScheduler of(ScheduledExecutorService executor) {
    Checks.notNull("executor", executor);
    return (delay, task) -> {
      try {
        executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
  }
}
