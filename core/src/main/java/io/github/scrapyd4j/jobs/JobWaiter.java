package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.internal.ClientAccess;
import io.github.scrapyd4j.jobs.internal.Futures;
import io.github.scrapyd4j.jobs.internal.PollLoop;
import io.github.scrapyd4j.jobs.internal.StateProbe;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.Job;
import io.github.scrapyd4j.model.JobState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for jobs of one node to finish, blocking with a timeout or as a cancellable {@link
 * CompletableFuture}, without a thread held between polls.
 *
 * <pre>{@code
 * JobWaiter waiter = JobWaiter.of(client);
 * JobRef job = JobRef.of(client.schedule(ScheduleRequest.of("shop", "products")));
 * JobCompletion done = waiter.await(job, Duration.ofHours(1));   // blocks
 * System.out.println("finished after " + done.waited());
 *
 * CompletableFuture<JobCompletion> later = waiter.awaitAsync(job);  // or not
 * later.thenAccept(c -> System.out.println(c.job().jobId() + " finished"));
 * later.cancel(true);                                               // stops polling
 * }</pre>
 *
 * <p><b>How it polls.</b> It asks {@code status.json} (Scrapyd 1.5 and later); a node that answers
 * it with 404 (older servers) is asked {@code listjobs.json} for the job's project instead, and the
 * client remembers which one its node has. Polls follow the {@link Polling}: 1 s at first, growing
 * to 15 s while the job's state stays the same, back to 1 s when it changes.
 *
 * <p><b>How a wait ends.</b> With a {@link JobCompletion} when the node says the job is finished
 * (Scrapyd says so for crashed and cancelled crawls too: see {@link
 * io.github.scrapyd4j.jobs.JobLogs#outcome}); with {@link JobVanishedException} when the node has
 * not known the job for {@link Polling#vanishGrace()}; with {@link JobWaitTimeoutException} when the
 * timeout passes; with the client's exceptions when the node cannot be asked ({@link Polling#failureTolerance()}
 * transport failures in a row, or at once for authentication and HTTP errors). Cancelling the
 * future stops the polling.
 *
 * <p>A waiter is thread-safe and holds no resources; it may wait for any number of jobs at once.
 * For a cluster, use one waiter per node client.
 */
public final class JobWaiter {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.jobs");

  private final ScrapydClient client;
  private final Polling polling;
  private final PollScheduler scheduler;
  private final Clock clock;

  JobWaiter(ScrapydClient client, Polling polling, PollScheduler scheduler, Clock clock) {
    this.client = client;
    this.polling = polling;
    this.scheduler = scheduler != null
        ? scheduler
        : PollScheduler.onExecutor(ClientAccess.transport(client).executor());
    this.clock = clock;
  }

  /**
   * A waiter with the default polling, scheduling on the client's executor. A waiter with other
   * polling, scheduler or clock is {@code jobs.waiter()} of a {@link Jobs} built with them.
   *
   * @param client the client of the node the jobs run on
   * @return the waiter
   */
  public static JobWaiter of(ScrapydClient client) {
    return new JobWaiter(Checks.notNull("client", client), Polling.defaults(), null,
        Clock.systemUTC());
  }

  /**
   * The client whose node this waiter asks.
   *
   * @return the client
   */
  public ScrapydClient client() {
    return client;
  }

  /**
   * The polling this waiter uses.
   *
   * @return the polling
   */
  public Polling polling() {
    return polling;
  }

  /**
   * The scheduler this waiter uses.
   *
   * @return the scheduler
   */
  public PollScheduler scheduler() {
    return scheduler;
  }

  /**
   * The clock this waiter measures time with.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Asks the node once for the job's state ({@code status.json}, or {@code listjobs.json} on
   * servers without it).
   *
   * @param job the job; only its project and id are used
   * @return the state, empty if the node does not know the job
   */
  public Optional<JobState> state(JobRef job) {
    return Futures.join(stateAsync(job), client.baseUri(), "job state");
  }

  /**
   * Asks the node once for the job's state, without blocking.
   *
   * @param job the job; only its project and id are used
   * @return the state, empty if the node does not know the job
   */
  public CompletableFuture<Optional<JobState>> stateAsync(JobRef job) {
    Checks.notNull("job", job);
    return StateProbe.probe(client, job.project(), job.jobId()).thenApply(seen -> seen.state);
  }

  /**
   * Waits until the job finishes, blocking the calling thread.
   *
   * @param job the job
   * @param timeout how long to wait at most
   * @return what was found when it finished
   * @throws JobWaitTimeoutException if it did not finish in time
   * @throws JobVanishedException if the node forgot the job
   * @throws io.github.scrapyd4j.ScrapydException if the node could not be asked, or the thread was
   *     interrupted (the wait then stops and the interrupt flag stays set)
   */
  public JobCompletion await(JobRef job, Duration timeout) {
    Checks.notNull("timeout", timeout);
    return Futures.join(awaitAsync(job, timeout), client.baseUri(), "waiting for a job");
  }

  /**
   * Waits until the job finishes, without a time limit; cancel the future to stop.
   *
   * @param job the job
   * @return a future of what was found when it finished; it fails with the exceptions of {@link
   *     #await(JobRef, Duration)}
   */
  public CompletableFuture<JobCompletion> awaitAsync(JobRef job) {
    return start(job, null);
  }

  /**
   * Waits until the job finishes or the timeout passes; cancel the future to stop.
   *
   * @param job the job
   * @param timeout how long to wait at most
   * @return a future of what was found when it finished; it fails with the exceptions of {@link
   *     #await(JobRef, Duration)}
   */
  public CompletableFuture<JobCompletion> awaitAsync(JobRef job, Duration timeout) {
    Checks.notNull("timeout", timeout);
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, but was " + timeout);
    }
    return start(job, timeout);
  }

  private CompletableFuture<JobCompletion> start(JobRef job, Duration timeout) {
    Checks.notNull("job", job);
    Wait wait = new Wait(job);
    wait.loop.deadline(job, timeout, client.baseUri());
    wait.poll();
    return wait.result;
  }

  /** One wait: its state lives here, touched by one poll at a time. */
  private final class Wait {
    final JobRef job;
    final CompletableFuture<JobCompletion> result = new CompletableFuture<>();
    final PollLoop loop;
    final Instant started = clock.instant();
    int polls;
    String nodeName;

    Wait(JobRef job) {
      this.job = job;
      this.loop = new PollLoop(polling, scheduler, clock, result, "waiting for " + job.jobId(),
          this::poll);
    }

    void poll() {
      if (!result.isDone()) {
        polls++;
      }
      loop.call(() -> StateProbe.probe(client, job.project(), job.jobId()), this::answered);
    }

    private void answered(StateProbe.Seen seen) {
      nodeName = seen.nodeName;
      Instant now = loop.now();
      if (seen.state.isEmpty()) {
        Duration unknownFor = loop.unknown(now);
        if (loop.vanished(unknownFor)) {
          result.completeExceptionally(new JobVanishedException(
              job, loop.lastState(), unknownFor, client.baseUri(), nodeName));
          return;
        }
        // Come back no later than the end of the grace period.
        loop.later(polling.vanishGrace().minus(unknownFor));
        return;
      }
      JobState state = seen.state.get();
      if (loop.known(state)) {
        LOG.debug("job {} on {} is {}", job.jobId(), client.baseUri(), state.wireName());
      }
      if (state == JobState.FINISHED) {
        finished(seen, now);
        return;
      }
      loop.later();
    }

    private void finished(StateProbe.Seen seen, Instant now) {
      Duration waited = Duration.between(started, now);
      if (seen.listed.isPresent()) {
        complete(seen.listed, waited);
        return;
      }
      // status.json tells no times or file locations: one listing does (best effort).
      CompletableFuture<Optional<Job>> listed;
      try {
        listed = client.async().listJobs(job.project())
            .thenApply(list -> list.finished().stream()
                .filter(j -> j.id().equals(job.jobId()))
                .<Job>map(j -> j)
                .findFirst());
      } catch (RuntimeException e) {
        complete(Optional.empty(), waited);
        return;
      }
      listed.whenComplete((found, error) -> {
        if (error != null) {
          LOG.debug("job {} finished; listing it for its details failed: {}", job.jobId(),
              Futures.unwrap(error).getMessage());
        }
        complete(error == null ? found : Optional.empty(), waited);
      });
    }

    private void complete(Optional<Job> listed, Duration waited) {
      Optional<FinishedJob> finished = listed
          .filter(j -> j instanceof FinishedJob)
          .map(j -> (FinishedJob) j);
      JobRef ref = job;
      if (finished.isPresent()) {
        JobRef fromListing = JobRef.of(finished.get());
        JobRef.Builder b = JobRef.builder().from(job);
        if (job.logUrl().isEmpty()) {
          b.logUrl(fromListing.logUrl());
        }
        if (job.itemsUrl().isEmpty()) {
          b.itemsUrl(fromListing.itemsUrl());
        }
        ref = b.build();
      }
      result.complete(JobCompletion.builder()
          .job(ref)
          .nodeName(nodeName != null ? nodeName : nodeNameFallback(client.baseUri()))
          .finishedJob(finished)
          .waited(waited)
          .polls(polls)
          .build());
    }
  }

  private static String nodeNameFallback(URI baseUri) {
    return baseUri.getAuthority();
  }
}
