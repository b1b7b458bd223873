package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.internal.ByteSink;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.internal.TextSink;
import io.github.scrapyd4j.internal.Utf8Decoder;
import io.github.scrapyd4j.jobs.internal.FileAccess;
import io.github.scrapyd4j.jobs.internal.Follower;
import io.github.scrapyd4j.jobs.internal.Futures;
import io.github.scrapyd4j.jobs.internal.RangeCursor;
import io.github.scrapyd4j.logs.LogChunk;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.logs.LogFormat;
import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ScrapyLogAnalyzer;
import io.github.scrapyd4j.logs.ScrapyStats;
import io.github.scrapyd4j.model.JobState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads the logs of one node's jobs: whole (streamed, never held in memory), as a byte range, its
 * last bytes or lines, or followed while the job runs; and tells from a log how the job went.
 * Scrapyd serves each log as a static file at {@code logs/{project}/{spider}/{jobid}.log} with
 * byte-range support, which is what makes tails and follows cheap.
 *
 * <pre>{@code
 * JobLogs logs = JobLogs.of(client);
 * JobRef job = JobRef.of(client.schedule(ScheduleRequest.of("shop", "products")));
 *
 * // print the log as it grows; ends when the job finished and the log was read to its end
 * logs.follow(job, LogConsumer.lines(System.out::println), Duration.ofHours(1));
 *
 * JobOutcome outcome = logs.outcome(job);            // SUCCEEDED, FAILED or CRASHED, and why
 * System.out.println(outcome.verdict() + " " + outcome.reasons());
 * List<String> last = logs.tailLines(job, 20);       // reads only the end of the file
 * }</pre>
 *
 * <p>Text is decoded as UTF-8; invalid bytes become U+FFFD. A log the node does not serve throws
 * {@link LogNotFoundException} naming the job. Blocking methods must not be called from the
 * client's own callbacks (they wait for the client's threads). A {@code JobLogs} is thread-safe
 * and holds no resources. {@code jobs.logs()} of a {@link Jobs} is one, with that {@code Jobs}'s
 * settings; the one of a cluster's {@code Jobs} sends each call to the node of {@link
 * JobRef#node()}.
 */
public final class JobLogs {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("io.github.scrapyd4j.logs");
  private static final int TAIL_CHUNK = 16384;
  private static final int MAX_TAIL_CHUNK = 1 << 22;
  private static final String DUMP = "Dumping Scrapy stats:";

  private final FileAccess files;
  private final JobWaiter waiter;
  private final LogFormat format;
  private final OutcomePolicy policy;
  /** For the logs of a cluster's {@link Jobs}: the logs of each job's node; else null. */
  private final Function<JobRef, JobLogs> router;

  /** The logs of one node with the settings of a {@link Jobs}. */
  JobLogs(ScrapydClient client, JobWaiter waiter, LogFormat format, OutcomePolicy policy) {
    this.files = new FileAccess(client);
    this.waiter = waiter;
    this.format = format;
    this.policy = policy;
    this.router = null;
  }

  /** Logs that send each call to the logs of the job's node. */
  JobLogs(Function<JobRef, JobLogs> router) {
    this.files = null;
    this.waiter = null;
    this.format = null;
    this.policy = null;
    this.router = router;
  }

  private JobLogs route(JobRef job) {
    return router.apply(Checks.notNull("job", job));
  }

  /**
   * The logs of a node's jobs, with the default polling, log format and outcome policy: {@code
   * Jobs.of(client).logs()}. Other settings are set on {@link Jobs#builder(ScrapydClient)}.
   *
   * @param client the node's client
   * @return the logs
   */
  public static JobLogs of(ScrapydClient client) {
    return Jobs.of(client).logs();
  }

  /**
   * The waiter that follows and outcomes ask for job states.
   *
   * @return the waiter
   * @throws IllegalStateException for the logs of a cluster's {@link Jobs}, which have one waiter
   *     per node
   */
  public JobWaiter waiter() {
    if (router != null) {
      throw new IllegalStateException("the logs of a cluster's Jobs have one waiter per node");
    }
    return waiter;
  }

  // ------------------------------------------------------------------ whole

  /**
   * Copies the whole log, bytes as they are, to a stream (not closed).
   *
   * @param job the job
   * @param out where to write
   * @return the number of bytes copied
   * @throws LogNotFoundException if the node does not serve the log
   * @throws UncheckedIOException if writing to {@code out} fails
   */
  public long copy(JobRef job, OutputStream out) {
    if (router != null) {
      return route(job).copy(job, out);
    }
    Checks.notNull("out", out);
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.LOG);
    HttpResponse<InputStream> response = files.open(t, null);
    return files.drain(t, response, new ByteSink() {
      @Override
      public void accept(ByteBuffer bytes) {
        try {
          out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        bytes.position(bytes.limit());
      }

      @Override
      public void restart() {}

      @Override
      public void end() {}
    });
  }

  /**
   * Reads the whole log as text, streaming it to a consumer chunk by chunk.
   *
   * @param job the job
   * @param consumer receives the text, then {@link LogConsumer#onEnd()}
   * @return the number of bytes read
   * @throws LogNotFoundException if the node does not serve the log
   */
  public long read(JobRef job, LogConsumer consumer) {
    if (router != null) {
      return route(job).read(job, consumer);
    }
    Checks.notNull("consumer", consumer);
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.LOG);
    Utf8Decoder decoder = new Utf8Decoder(sink(consumer));
    long n = files.drain(t, files.open(t, null), decoder);
    decoder.end();
    return n;
  }

  /**
   * The size of the log now ({@code HEAD}).
   *
   * @param job the job
   * @return the size in bytes, empty if the server does not tell it
   * @throws LogNotFoundException if the node does not serve the log
   */
  public OptionalLong size(JobRef job) {
    if (router != null) {
      return route(job).size(job);
    }
    return files.size(files.target(Checks.notNull("job", job), FileAccess.Kind.LOG));
  }

  // ------------------------------------------------------------------ ranges

  /**
   * A byte range of the log ({@code Range: bytes=offset-(offset+length-1)}). Near the end of
   * the log it is shorter; past the end it is empty.
   *
   * @param job the job
   * @param offset the first byte, 0 or more
   * @param length how many bytes at most, 1 or more
   * @return the bytes
   * @throws LogNotFoundException if the node does not serve the log
   */
  public LogChunk range(JobRef job, long offset, int length) {
    if (router != null) {
      return route(job).range(job, offset, length);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more, but was " + offset);
    }
    if (length < 1) {
      throw new IllegalArgumentException("length must be 1 or more, but was " + length);
    }
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.LOG);
    HttpResponse<InputStream> r =
        files.open(t, "bytes=" + offset + "-" + (offset + length - 1));
    FileAccess.ContentRange range = FileAccess.contentRange(r.headers());
    if (r.statusCode() == 416) {
      close(r);
      return chunk(offset, new byte[0], range == null ? -1 : range.total);
    }
    if (r.statusCode() == 206) {
      if (range == null || range.start != offset) {
        close(r);
        throw files.malformed(t, "asked for bytes from " + offset + " and got "
            + r.headers().firstValue("Content-Range").orElse("no Content-Range"));
      }
      return chunk(offset, readAtMost(t, r, length), range.total);
    }
    // 200: the server ignored the range; keep only the slice.
    ByteArrayOutputStream slice = new ByteArrayOutputStream();
    long[] position = {0};
    long total = files.drain(t, r, new Slice(offset, length, slice, position));
    return chunk(offset, slice.toByteArray(), total);
  }

  /**
   * The last bytes of the log (a suffix range, {@code Range: bytes=-n}).
   *
   * @param job the job
   * @param bytes how many bytes at most, 1 or more
   * @return the bytes, with the offset they start at
   * @throws LogNotFoundException if the node does not serve the log
   */
  public LogChunk tail(JobRef job, int bytes) {
    if (router != null) {
      return route(job).tail(job, bytes);
    }
    if (bytes < 1) {
      throw new IllegalArgumentException("bytes must be 1 or more, but was " + bytes);
    }
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.LOG);
    return suffix(t, bytes);
  }

  private LogChunk suffix(FileAccess.Target t, int bytes) {
    HttpResponse<InputStream> r = files.openSuffix(t, bytes);
    FileAccess.ContentRange range = FileAccess.contentRange(r.headers());
    if (r.statusCode() == 416) {
      close(r);
      return chunk(0, new byte[0], range == null ? 0 : range.total);
    }
    if (r.statusCode() == 206 && range != null && range.start >= 0) {
      return chunk(range.start, readAtMost(t, r, bytes), range.total);
    }
    // 200 (or a 206 we cannot place): keep the last bytes of the whole file.
    Ring ring = new Ring(bytes);
    long total = files.drain(t, r, ring);
    byte[] last = ring.bytes();
    return chunk(total - last.length, last, total);
  }

  /**
   * The last lines of the log, read from its end backwards in growing suffix ranges until enough
   * lines are in: a tail of a huge log reads little more than those lines.
   *
   * @param job the job
   * @param lines how many lines at most, 1 or more
   * @return the lines, oldest first, without line terminators
   * @throws LogNotFoundException if the node does not serve the log
   */
  public List<String> tailLines(JobRef job, int lines) {
    if (router != null) {
      return route(job).tailLines(job, lines);
    }
    if (lines < 1) {
      throw new IllegalArgumentException("lines must be 1 or more, but was " + lines);
    }
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.LOG);
    int size = (int) Math.min(MAX_TAIL_CHUNK, Math.max(TAIL_CHUNK, (long) lines * 160));
    HttpResponse<InputStream> r = files.openSuffix(t, size);
    FileAccess.ContentRange range = FileAccess.contentRange(r.headers());
    if (r.statusCode() == 416) {
      close(r);
      return Collections.emptyList();
    }
    if (r.statusCode() != 206 || range == null || range.start < 0) {
      // The server ignored the range: stream the file, keeping the last lines only.
      return lastLinesOfStream(t, r, lines);
    }
    Deque<byte[]> pieces = new ArrayDeque<>();
    byte[] first = readAtMost(t, r, size);
    pieces.addFirst(first);
    long start = range.start;
    long end = range.start + first.length;
    int newlines = newlines(first, end == range.total || range.total < 0);
    // Bytes before the first line break read: the line that holds 'start'. Once it is longer than
    // the line cap, reading further back would only buffer more of that one line: stop there.
    int cap = files.maxLineBytes();
    long leading = firstNewline(first) < 0 ? first.length : firstNewline(first);
    while (start > 0 && newlines < lines && leading <= cap) {
      size = (int) Math.min(MAX_TAIL_CHUNK, (long) size * 2);
      long from = Math.max(0, start - size);
      HttpResponse<InputStream> more = files.open(t, "bytes=" + from + "-" + (start - 1));
      FileAccess.ContentRange moreRange = FileAccess.contentRange(more.headers());
      if (more.statusCode() != 206 || moreRange == null || moreRange.start != from) {
        close(more);
        HttpResponse<InputStream> whole = files.open(t, null);
        return lastLinesOfStream(t, whole, lines);
      }
      byte[] piece = readAtMost(t, more, (int) (start - from));
      int newline = firstNewline(piece);
      leading = newline < 0 ? leading + piece.length : newline;
      pieces.addFirst(piece);
      newlines += newlines(piece, false);
      start = from;
    }
    boolean overlong = leading > cap;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    long skip = overlong ? leading + 1 : 0; // the over-long line and its line break
    for (byte[] piece : pieces) {
      int k = (int) Math.min(skip, piece.length);
      skip -= k;
      all.write(piece, k, piece.length - k);
    }
    if (overlong) {
      LOG.warn("{} on {}: the line before byte {} is longer than the cap of {} bytes "
          + "(maxLineBytes); tailLines stops there and returns the lines after it", t.endpoint,
          files.baseUri(), start + leading, cap);
    }
    List<String> split = new ArrayList<>();
    LogConsumer splitter = LogConsumer.lines(split::add, () -> { }, cap);
    splitter.onText(new String(all.toByteArray(), StandardCharsets.UTF_8));
    splitter.onEnd(); // an unterminated last line
    if (start > 0 && !overlong && !split.isEmpty()) {
      split.remove(0); // it may begin mid-line
    }
    return Collections.unmodifiableList(
        new ArrayList<>(split.subList(Math.max(0, split.size() - lines), split.size())));
  }

  private static int firstNewline(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private List<String> lastLinesOfStream(
      FileAccess.Target t, HttpResponse<InputStream> r, int lines) {
    Deque<String> last = new ArrayDeque<>();
    Utf8Decoder decoder = new Utf8Decoder(sink(LogConsumer.lines(line -> {
      if (last.size() == lines) {
        last.removeFirst();
      }
      last.addLast(line);
    })));
    files.drain(t, r, decoder);
    decoder.end();
    return Collections.unmodifiableList(new ArrayList<>(last));
  }

  /** Line breaks in the bytes; a break at the very end of the file ends the last line, not counted. */
  private static int newlines(byte[] bytes, boolean atEndOfFile) {
    int n = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        n++;
      }
    }
    if (atEndOfFile && bytes.length > 0 && bytes[bytes.length - 1] == '\n') {
      n--;
    }
    return n;
  }

  // ------------------------------------------------------------------ follow

  /**
   * Follows the log from its start while the job runs: each poll asks only for the bytes after
   * those already read ({@code Range: bytes=<offset>-}); a poll that brings nothing new (416)
   * asks the job's state, and once the job finished the rest of the log is read and the consumer
   * ended. A log that shrank or was replaced is read again from its start after {@link
   * LogConsumer#onRestart()}. A log not there yet (the job is pending) is waited for.
   *
   * @param job the job
   * @param consumer receives the text as it comes, from the client's threads
   * @return a future of the transfer counts; it fails with {@link LogNotFoundException} when the
   *     job finished without a log, {@link io.github.scrapyd4j.jobs.JobVanishedException} when
   *     the node forgot the job (after the rest of the log was read), the consumer's exception,
   *     or the client's. Cancelling it stops the follow.
   */
  public CompletableFuture<FollowResult> followAsync(JobRef job, LogConsumer consumer) {
    return followAsync(job, consumer, 0);
  }

  /**
   * Follows the log from an offset, for example the size of what was already read. See {@link
   * #followAsync(JobRef, LogConsumer)}. An offset inside a multi-byte character makes its first
   * bytes decode as U+FFFD.
   *
   * @param job the job
   * @param consumer receives the text as it comes
   * @param fromOffset the byte to start at, 0 or more
   * @return a future of the transfer counts
   */
  public CompletableFuture<FollowResult> followAsync(
      JobRef job, LogConsumer consumer, long fromOffset) {
    if (router != null) {
      return route(job).followAsync(job, consumer, fromOffset);
    }
    return start(job, consumer, fromOffset, null);
  }

  /**
   * Follows the log from its start until the job finished, blocking. See {@link
   * #followAsync(JobRef, LogConsumer)}.
   *
   * @param job the job
   * @param consumer receives the text as it comes, from the client's threads
   * @param timeout how long to follow at most
   * @return the transfer counts
   * @throws io.github.scrapyd4j.jobs.JobWaitTimeoutException if the job did not finish in time
   *     (the follow then stops)
   */
  public FollowResult follow(JobRef job, LogConsumer consumer, Duration timeout) {
    if (router != null) {
      return route(job).follow(job, consumer, timeout);
    }
    Checks.notNull("timeout", timeout);
    return Futures.join(start(job, consumer, 0, timeout), files.baseUri(), "following a log");
  }

  private CompletableFuture<FollowResult> start(
      JobRef job, LogConsumer consumer, long fromOffset, Duration timeout) {
    Checks.notNull("consumer", consumer);
    if (fromOffset < 0) {
      throw new IllegalArgumentException("fromOffset must be 0 or more, but was " + fromOffset);
    }
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.LOG);
    RangeCursor cursor = new RangeCursor(new Utf8Decoder(sink(consumer)), fromOffset);
    return Follower.start(files, t, cursor, waiter, timeout, done -> done.result(job).build());
  }

  // ------------------------------------------------------------------ outcome

  /**
   * Reads the whole log (streamed) and sums it up: records per level, first errors, the last
   * stats dump, the close reason.
   *
   * @param job the job
   * @return the summary
   * @throws LogNotFoundException if the node does not serve the log
   */
  public LogSummary summarize(JobRef job) {
    if (router != null) {
      return route(job).summarize(job);
    }
    ScrapyLogAnalyzer analyzer = new ScrapyLogAnalyzer(format, files.maxLineBytes());
    read(job, analyzer);
    return analyzer.summary();
  }

  /**
   * Scrapy's final stats, from the last {@code Dumping Scrapy stats:} block of the log. Reads the
   * end of the log first (up to 4 MiB), and the whole log only if the block is not there.
   *
   * @param job the job
   * @return the stats, empty if the log has none (the job is running, or crashed)
   * @throws LogNotFoundException if the node does not serve the log
   */
  public Optional<ScrapyStats> stats(JobRef job) {
    if (router != null) {
      return route(job).stats(job);
    }
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.LOG);
    for (int size = 65536; ; size *= 4) {
      LogChunk end = suffix(t, size);
      String text = end.text();
      int marker = text.lastIndexOf(DUMP);
      if (marker >= 0) {
        int lineStart = text.lastIndexOf('\n', marker) + 1;
        LogSummary found = ScrapyLogAnalyzer.analyze(text.substring(lineStart));
        if (found.stats().isPresent()) {
          return found.stats();
        }
      }
      if (end.offset() == 0) {
        return Optional.empty(); // that was the whole log
      }
      if (size >= MAX_TAIL_CHUNK) {
        return summarize(job).stats();
      }
    }
  }

  /**
   * How the job went: asks the node for its state, then reads its log. A pending or running job
   * is {@link JobOutcome.Verdict#IN_PROGRESS} (with what its log says so far); a finished one is
   * classified by the {@link OutcomePolicy}.
   *
   * @param job the job
   * @return the outcome
   * @throws LogNotFoundException if the job is not running and the node does not serve its log
   */
  public JobOutcome outcome(JobRef job) {
    if (router != null) {
      return route(job).outcome(job);
    }
    Checks.notNull("job", job);
    Optional<JobState> state = waiter.state(job);
    LogSummary summary;
    if (state.isPresent() && state.get() == JobState.PENDING) {
      summary = new ScrapyLogAnalyzer(format).summary();
    } else if (state.isPresent() && state.get() == JobState.RUNNING) {
      try {
        summary = summarize(job);
      } catch (LogNotFoundException e) {
        summary = new ScrapyLogAnalyzer(format).summary(); // not created yet
      }
    } else {
      summary = summarize(job);
    }
    return policy.classify(summary, Optional.of(job), state);
  }

  /**
   * Waits for the job to finish, then tells how it went: {@link JobWaiter#await} and {@link
   * #outcome}.
   *
   * @param job the job
   * @param timeout how long to wait at most
   * @return the outcome
   * @throws io.github.scrapyd4j.jobs.JobWaitTimeoutException if it did not finish in time
   * @throws io.github.scrapyd4j.jobs.JobVanishedException if the node forgot the job
   */
  public JobOutcome awaitOutcome(JobRef job, Duration timeout) {
    if (router != null) {
      return route(job).awaitOutcome(job, timeout);
    }
    JobCompletion done = waiter.await(job, timeout);
    return outcome(done.job());
  }

  /**
   * Waits for the job to finish, then tells how it went, without blocking a thread: the async
   * form of {@link #awaitOutcome}. It polls the job's state (not its log) while the job runs,
   * then reads the finished job's log once, asynchronously.
   *
   * @param job the job
   * @param timeout how long to wait at most
   * @return a future of the outcome; it fails with the exceptions of {@link #awaitOutcome}.
   *     Cancelling it stops the wait.
   */
  public CompletableFuture<JobOutcome> awaitOutcomeAsync(JobRef job, Duration timeout) {
    if (router != null) {
      return route(job).awaitOutcomeAsync(job, timeout);
    }
    Checks.notNull("job", job);
    return outcomeAfter(waiter.awaitAsync(job, timeout));
  }

  /**
   * Waits for the job to finish without a time limit, then tells how it went, without blocking a
   * thread. See {@link #awaitOutcomeAsync(JobRef, Duration)}.
   *
   * @param job the job
   * @return a future of the outcome. Cancelling it stops the wait.
   */
  public CompletableFuture<JobOutcome> awaitOutcomeAsync(JobRef job) {
    if (router != null) {
      return route(job).awaitOutcomeAsync(job);
    }
    Checks.notNull("job", job);
    return outcomeAfter(waiter.awaitAsync(job));
  }

  /** Once the wait ends, reads the finished job's log to its end and classifies it. */
  private CompletableFuture<JobOutcome> outcomeAfter(CompletableFuture<JobCompletion> wait) {
    CompletableFuture<JobOutcome> result = new CompletableFuture<>();
    wait.whenComplete((done, waitFailed) -> {
      if (waitFailed != null) {
        result.completeExceptionally(Futures.unwrap(waitFailed));
        return;
      }
      ScrapyLogAnalyzer analyzer = new ScrapyLogAnalyzer(format, files.maxLineBytes());
      CompletableFuture<FollowResult> read = start(done.job(), analyzer, 0, null);
      result.whenComplete((r, e) -> read.cancel(true)); // a cancelled result stops the read
      read.whenComplete((r, readFailed) -> {
        if (readFailed != null) {
          result.completeExceptionally(Futures.unwrap(readFailed));
        } else {
          result.complete(policy.classify(
              analyzer.summary(), Optional.of(done.job()), Optional.of(JobState.FINISHED)));
        }
      });
    });
    result.whenComplete((r, e) -> wait.cancel(true)); // a cancelled result stops the wait
    return result;
  }

  // ------------------------------------------------------------------ helpers

  /** The consumer's sink; a line consumer gets this client's line cap. */
  private TextSink sink(LogConsumer given) {
    LogConsumer consumer = given.withLineCap(files.maxLineBytes());
    return new TextSink() {
      @Override
      public void text(String text) {
        consumer.onText(text);
      }

      @Override
      public void restart() {
        consumer.onRestart();
      }

      @Override
      public void end() {
        consumer.onEnd();
      }
    };
  }

  private static LogChunk chunk(long offset, byte[] bytes, long total) {
    return LogChunk.builder()
        .offset(offset)
        .bytes(bytes)
        .totalSize(total >= 0 ? OptionalLong.of(total) : OptionalLong.empty())
        .build();
  }

  private byte[] readAtMost(FileAccess.Target t, HttpResponse<InputStream> r, int max) {
    try (InputStream in = r.body()) {
      return in.readNBytes(max);
    } catch (IOException e) {
      throw files.readFailed(t, e);
    }
  }

  private static void close(HttpResponse<InputStream> r) {
    try {
      r.body().close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** Keeps bytes [offset, offset + length) of a stream. */
  private static final class Slice implements ByteSink {
    private final long offset;
    private final int length;
    private final ByteArrayOutputStream out;
    private final long[] position;

    Slice(long offset, int length, ByteArrayOutputStream out, long[] position) {
      this.offset = offset;
      this.length = length;
      this.out = out;
      this.position = position;
    }

    @Override
    public void accept(ByteBuffer bytes) {
      int n = bytes.remaining();
      long from = Math.max(offset, position[0]);
      long to = Math.min(offset + length, position[0] + n);
      if (to > from) {
        int start = bytes.arrayOffset() + bytes.position() + (int) (from - position[0]);
        out.write(bytes.array(), start, (int) (to - from));
      }
      position[0] += n;
      bytes.position(bytes.limit());
    }

    @Override
    public void restart() {}

    @Override
    public void end() {}
  }

  /** Keeps the last n bytes of a stream. */
  private static final class Ring implements ByteSink {
    private final byte[] ring;
    private long written;

    Ring(int size) {
      ring = new byte[size];
    }

    @Override
    public void accept(ByteBuffer bytes) {
      while (bytes.hasRemaining()) {
        int at = (int) (written % ring.length);
        int n = Math.min(bytes.remaining(), ring.length - at);
        bytes.get(ring, at, n);
        written += n;
      }
    }

    byte[] bytes() {
      int n = (int) Math.min(written, ring.length);
      byte[] out = new byte[n];
      int start = (int) ((written - n) % ring.length);
      int first = Math.min(n, ring.length - start);
      System.arraycopy(ring, start, out, 0, first);
      System.arraycopy(ring, 0, out, first, n - first);
      return out;
    }

    @Override
    public void restart() {}

    @Override
    public void end() {}
  }
}
