package io.github.scrapyd4j.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.logs.LogFormat;
import io.github.scrapyd4j.model.JobState;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The jobs of one node ({@code client.jobs()}) or of a cluster ({@code cluster.jobs()}): one
 * place to wait for a job and tell how it went, with its log and items as views. The polling,
 * scheduler, clock, JSON mapper, log format and outcome policy are set once, in one builder, and
 * shared by the waits, the logs and the items.
 *
 * <pre>{@code
 * Jobs jobs = client.jobs();                       // or cluster.jobs(), or Jobs.builder(client)
 * JobRef job = JobRef.of(client.schedule(ScheduleRequest.of("shop", "products")));
 * JobOutcome outcome = jobs.await(job, Duration.ofHours(1));   // waits, then reads the log once
 * System.out.println(outcome.verdict() + " " + outcome.reasons());
 * List<String> last = jobs.logs().tailLines(job, 20);
 * try (Stream<JsonNode> items = jobs.items().stream(job)) {
 *   items.forEach(System.out::println);
 * }
 * jobs.awaitAsync(job, Duration.ofHours(1))              // the same wait, as a future
 *     .thenAccept(o -> System.out.println(o.verdict()));
 * }</pre>
 *
 * <p><b>One node or many.</b> The {@code Jobs} of a cluster sends each call to the node named by
 * {@link JobRef#node()} (a {@code JobRef} from the cluster's {@code schedule}, {@code allJobs} or
 * {@code findJob} names it; {@link JobRef#onNode} adds it); a {@code JobRef} that names no node, or
 * a node the cluster does not have, is refused with {@link IllegalArgumentException} before any
 * request. The {@code Jobs} of one node ignores {@link JobRef#node()}.
 *
 * <p>A {@code Jobs} is thread-safe and holds no resources of its own: the client (or the cluster)
 * owns the connections and threads.
 */
public final class Jobs {
  private final Builder config;
  private final Function<String, ScrapydClient> nodes;
  private final JobWaiter waiter;
  private final JobLogs logs;
  private final JobItems items;

  private Jobs(Builder config, ScrapydClient client) {
    this.config = config;
    this.nodes = null;
    this.waiter = new JobWaiter(client, config.polling, config.scheduler, config.clock);
    this.logs = new JobLogs(client, waiter, config.format, config.policy);
    this.items = new JobItems(client, waiter, config.mapper, config.onMalformed);
  }

  private Jobs(Builder config, Function<String, ScrapydClient> nodes) {
    this.config = config;
    this.nodes = nodes;
    this.waiter = null;
    this.logs = new JobLogs(job -> node(job).logs);
    this.items = new JobItems(job -> node(job).items);
  }

  /**
   * The jobs of one node, with the default polling, mapper, log format and outcome policy; the
   * same as {@code client.jobs()}.
   *
   * @param client the node's client
   * @return the jobs
   */
  public static Jobs of(ScrapydClient client) {
    return builder(client).build();
  }

  /**
   * Starts building the jobs of one node.
   *
   * @param client the node's client
   * @return a builder
   */
  public static Builder builder(ScrapydClient client) {
    return new Builder(Checks.notNull("client", client), null);
  }

  /**
   * Starts building the jobs of many nodes, each call sent to the client of the job's {@link
   * JobRef#node()}. {@code cluster.jobs()} is {@code Jobs.builderOfNodes(cluster::client).build()}.
   *
   * @param clientOfNode the client of a node id; it throws {@link IllegalArgumentException} for
   *     an unknown id (as {@code ClusterClient.client} does)
   * @return a builder
   */
  public static Builder builderOfNodes(Function<String, ScrapydClient> clientOfNode) {
    return new Builder(null, Checks.notNull("clientOfNode", clientOfNode));
  }

  /**
   * The jobs' logs: read, tail, follow, sum up. For a cluster, each call goes to the job's node.
   *
   * @return the logs view
   */
  public JobLogs logs() {
    return logs;
  }

  /**
   * The waiter of one node's jobs, with this {@code Jobs}' polling, scheduler and clock: it waits
   * for a job to finish without reading its log, and tells what the node listed for it ({@link
   * JobCompletion}). {@link #await} is the wait that also tells how the job went.
   *
   * @return the waiter
   * @throws IllegalStateException for the {@code Jobs} of a cluster, which has one waiter per node
   */
  public JobWaiter waiter() {
    if (nodes != null) {
      throw new IllegalStateException("the Jobs of a cluster have one waiter per node");
    }
    return waiter;
  }

  /**
   * The jobs' items: stream, follow. For a cluster, each call goes to the job's node.
   *
   * @return the items view
   */
  public JobItems items() {
    return items;
  }

  /**
   * Asks the job's node once for its state.
   *
   * @param job the job
   * @return the state, empty if the node does not know the job
   * @throws IllegalArgumentException for a cluster, if the job names no node or an unknown one
   */
  public Optional<JobState> state(JobRef job) {
    return node(job).waiter.state(job);
  }

  /**
   * Asks the job's node once for its state, without blocking.
   *
   * @param job the job
   * @return a future of the state, empty if the node does not know the job
   * @throws IllegalArgumentException for a cluster, if the job names no node or an unknown one
   */
  public CompletableFuture<Optional<JobState>> stateAsync(JobRef job) {
    return node(job).waiter.stateAsync(job);
  }

  /**
   * How the job went so far: its state, then its log (see {@link JobLogs#outcome}).
   *
   * @param job the job
   * @return the outcome; {@link JobOutcome.Verdict#IN_PROGRESS} while it runs
   * @throws LogNotFoundException if the job is not running and the node does not serve its log
   * @throws IllegalArgumentException for a cluster, if the job names no node or an unknown one
   */
  public JobOutcome outcome(JobRef job) {
    return logs.outcome(job);
  }

  /**
   * Waits for the job to finish (polling its state, not its log), then reads its log once and
   * tells how it went. The one way to wait; {@link #awaitAsync(JobRef, Duration)} is the same as a
   * future.
   *
   * @param job the job
   * @param timeout how long to wait at most
   * @return the outcome of the finished job
   * @throws JobWaitTimeoutException if it did not finish in time
   * @throws JobVanishedException if the node forgot the job
   * @throws LogNotFoundException if the node does not serve the finished job's log
   * @throws IllegalArgumentException for a cluster, if the job names no node or an unknown one
   */
  public JobOutcome await(JobRef job, Duration timeout) {
    return logs.awaitOutcome(job, timeout);
  }

  /**
   * Waits for the job to finish, then reads its log and tells how it went, without blocking a
   * thread; cancel the future to stop the wait.
   *
   * @param job the job
   * @param timeout how long to wait at most
   * @return a future of the outcome; it fails with the exceptions of {@link #await}
   * @throws IllegalArgumentException for a cluster, if the job names no node or an unknown one
   */
  public CompletableFuture<JobOutcome> awaitAsync(JobRef job, Duration timeout) {
    return logs.awaitOutcomeAsync(job, timeout);
  }

  /**
   * Waits for the job to finish without a time limit, then tells how it went; cancel the future
   * to stop the wait.
   *
   * @param job the job
   * @return a future of the outcome; it fails with the exceptions of {@link #await}
   * @throws IllegalArgumentException for a cluster, if the job names no node or an unknown one
   */
  public CompletableFuture<JobOutcome> awaitAsync(JobRef job) {
    return logs.awaitOutcomeAsync(job);
  }

  /** The jobs of the node that runs the job: this one for a node, a per-node one for a cluster. */
  private Jobs node(JobRef job) {
    Checks.notNull("job", job);
    if (nodes == null) {
      return this;
    }
    String id = job.node().orElseThrow(() -> new IllegalArgumentException("job " + job.jobId()
        + " names no node: the Jobs of a cluster sends each call to JobRef.node(); use a JobRef"
        + " from the cluster (schedule, allJobs, findJob) or job.onNode(nodeId)"));
    ScrapydClient client = nodes.apply(id);
    if (client == null) {
      throw new IllegalArgumentException("job " + job.jobId() + " names node " + id
          + ", which the cluster does not have");
    }
    return new Jobs(config, client);
  }

  @Override
  public String toString() {
    return nodes == null ? "Jobs{" + waiter.client() + "}" : "Jobs{nodes}";
  }

  /**
   * Builds {@link Jobs}: the one place for polling, scheduler, clock, mapper, log format and
   * outcome policy.
   */
  public static final class Builder {
    private final ScrapydClient client;
    private final Function<String, ScrapydClient> nodes;
    private Polling polling = Polling.defaults();
    private PollScheduler scheduler;
    private Clock clock = Clock.systemUTC();
    private ObjectMapper mapper = JobItems.DEFAULT_MAPPER;
    private MalformedItemHandler onMalformed = MalformedItemHandler.skipAndLog();
    private LogFormat format = LogFormat.scrapyDefault();
    private OutcomePolicy policy = OutcomePolicy.defaults();

    private Builder(ScrapydClient client, Function<String, ScrapydClient> nodes) {
      this.client = client;
      this.nodes = nodes;
    }

    /**
     * How waits and follows poll. Default: {@link Polling#defaults()}.
     *
     * @param polling the polling
     * @return this builder
     */
    public Builder polling(Polling polling) {
      this.polling = Checks.notNull("polling", polling);
      return this;
    }

    /**
     * What schedules the polls. Default: the executor of the job's node client.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(PollScheduler scheduler) {
      this.scheduler = Checks.notNull("scheduler", scheduler);
      return this;
    }

    /**
     * The clock for timeouts and grace periods. Default: the system clock (UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * The mapper items are read with. Default: a plain {@link ObjectMapper}.
     *
     * @param mapper the mapper
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = Checks.notNull("mapper", mapper);
      return this;
    }

    /**
     * What happens to an items line that is not valid JSON or does not map to the type. Default:
     * {@link MalformedItemHandler#skipAndLog()}.
     *
     * @param handler the handler
     * @return this builder
     */
    public Builder onMalformedLine(MalformedItemHandler handler) {
      this.onMalformed = Checks.notNull("handler", handler);
      return this;
    }

    /**
     * How log records start. Default: {@link LogFormat#scrapyDefault()}.
     *
     * @param format the log format
     * @return this builder
     */
    public Builder logFormat(LogFormat format) {
      this.format = Checks.notNull("format", format);
      return this;
    }

    /**
     * What counts as a success. Default: {@link OutcomePolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder outcomePolicy(OutcomePolicy policy) {
      this.policy = Checks.notNull("policy", policy);
      return this;
    }

    /**
     * Builds.
     *
     * @return the jobs
     */
    public Jobs build() {
      Builder copy = new Builder(client, nodes);
      copy.polling = polling;
      copy.scheduler = scheduler;
      copy.clock = clock;
      copy.mapper = mapper;
      copy.onMalformed = onMalformed;
      copy.format = format;
      copy.policy = policy;
      return client != null ? new Jobs(copy, client) : new Jobs(copy, nodes);
    }
  }
}
