package io.github.scrapyd4j.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.jobs.internal.FileAccess;
import io.github.scrapyd4j.jobs.internal.Follower;
import io.github.scrapyd4j.jobs.internal.Futures;
import io.github.scrapyd4j.jobs.internal.LineSplitter;
import io.github.scrapyd4j.jobs.internal.RangeCursor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the items of one node's jobs: the JSON lines file Scrapyd serves at {@code
 * items/{project}/{spider}/{jobid}.jl} (when its {@code items_dir} is a local folder), as Jackson
 * trees or mapped to a type, streamed in constant memory (the longest line aside), and followed
 * while the job runs.
 *
 * <pre>{@code
 * JobItems items = JobItems.of(client);
 * try (Stream<Product> products = items.stream(job, Product.class)) {   // close it
 *   products.filter(p -> p.price() < 10).forEach(System.out::println);
 * }
 * // or take items as they are written, until the job finished:
 * items.followAsync(job, JsonNode.class, item -> queue.add(item))
 *     .thenAccept(r -> System.out.println(r.items() + " items"));
 * }</pre>
 *
 * <p>A line that is not valid JSON (a crawl killed in the middle of writing one leaves such a last
 * line), or does not map to the type, goes to the {@link MalformedItemHandler} with its line number
 * and is skipped; by default a warning is logged. Blank lines are skipped. A file the node does not
 * serve throws {@link ItemsNotFoundException} naming the job. A {@code JobItems} is thread-safe and
 * holds no resources. {@code jobs.items()} of a {@link Jobs} is one, with that {@code Jobs}'s
 * settings; the one of a cluster's {@code Jobs} sends each call to the node of {@link
 * JobRef#node()}.
 */
public final class JobItems {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.logs");
  static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper();

  private final FileAccess files;
  private final JobWaiter waiter;
  private final ObjectMapper mapper;
  private final MalformedItemHandler onMalformed;

  /** For the items of a cluster's {@link Jobs}: the items of each job's node; else null. */
  private final Function<JobRef, JobItems> router;

  /** The items of one node with the settings of a {@link Jobs}. */
  JobItems(ScrapydClient client, JobWaiter waiter, ObjectMapper mapper,
      MalformedItemHandler onMalformed) {
    this.files = new FileAccess(client);
    this.waiter = waiter;
    this.mapper = mapper;
    this.onMalformed = onMalformed;
    this.router = null;
  }

  /** Items that send each call to the items of the job's node. */
  JobItems(Function<JobRef, JobItems> router) {
    this.files = null;
    this.waiter = null;
    this.mapper = null;
    this.onMalformed = null;
    this.router = router;
  }

  private JobItems route(JobRef job) {
    return router.apply(Checks.notNull("job", job));
  }

  /**
   * The items of a node's jobs, with the default polling, a plain {@link ObjectMapper} and
   * skipping malformed lines: {@code Jobs.of(client).items()}. Other settings are set on {@link Jobs#builder(ScrapydClient)}.
   *
   * @param client the node's client
   * @return the items reader
   */
  public static JobItems of(ScrapydClient client) {
    return Jobs.of(client).items();
  }

  /**
   * The job's items as Jackson trees, read as the stream is consumed. Close the stream (or
   * consume it to its end) to release the connection.
   *
   * @param job the job
   * @return the items
   * @throws ItemsNotFoundException if the node does not serve the items
   */
  public Stream<JsonNode> stream(JobRef job) {
    return stream(job, JsonNode.class);
  }

  /**
   * The job's items mapped to a type with the {@link ObjectMapper}. Close the stream.
   *
   * @param <T> the item type
   * @param job the job
   * @param type the item class
   * @return the items
   * @throws ItemsNotFoundException if the node does not serve the items
   */
  public <T> Stream<T> stream(JobRef job, Class<T> type) {
    if (router != null) {
      return route(job).stream(job, type);
    }
    Checks.notNull("type", type);
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.ITEMS);
    HttpResponse<InputStream> response = files.open(t, null);
    InputStream in = response.body();
    // Items and malformed lines queue up in file order; a problem reaches the handler only when
    // the stream gets to it, so items before it are handed out first.
    Deque<Object> ready = new ArrayDeque<>();
    Parser<T> parser = new Parser<>(t, reader(type), null, ready::addLast);
    LineSplitter splitter = new LineSplitter(parser.lines(ready::addLast), files.maxLineBytes());
    byte[] buffer = new byte[16384];
    Spliterator<T> items = new Spliterators.AbstractSpliterator<T>(
        Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
      private boolean eof;

      @Override
      public boolean tryAdvance(Consumer<? super T> action) {
        while (true) {
          while (ready.isEmpty() && !eof) {
            int n;
            try {
              n = in.read(buffer);
            } catch (IOException e) {
              throw files.readFailed(t, e);
            }
            if (n < 0) {
              eof = true;
              splitter.end();
            } else if (n > 0) {
              splitter.accept(ByteBuffer.wrap(buffer, 0, n));
            }
          }
          if (ready.isEmpty()) {
            return false;
          }
          Object next = ready.removeFirst();
          if (next instanceof MalformedItemException) {
            onMalformed.onMalformed((MalformedItemException) next);
            continue;
          }
          @SuppressWarnings("unchecked")
          T item = (T) next;
          action.accept(item);
          return true;
        }
      }
    };
    return StreamSupport.stream(items, false).onClose(() -> {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Reads every item as a Jackson tree.
   *
   * @param job the job
   * @param action receives each item
   * @return the number of items
   * @throws ItemsNotFoundException if the node does not serve the items
   */
  public long forEach(JobRef job, Consumer<? super JsonNode> action) {
    return forEach(job, JsonNode.class, action);
  }

  /**
   * Reads every item mapped to a type.
   *
   * @param <T> the item type
   * @param job the job
   * @param type the item class
   * @param action receives each item
   * @return the number of items
   * @throws ItemsNotFoundException if the node does not serve the items
   */
  public <T> long forEach(JobRef job, Class<T> type, Consumer<? super T> action) {
    Checks.notNull("action", action);
    long[] count = {0};
    try (Stream<T> items = stream(job, type)) {
      items.forEach(item -> {
        count[0]++;
        action.accept(item);
      });
    }
    return count[0];
  }

  /**
   * Follows the items as Jackson trees while the job runs; see {@link #followAsync(JobRef, Class,
   * Consumer)}.
   *
   * @param job the job
   * @param action receives each item
   * @return a future of the transfer counts
   */
  public CompletableFuture<FollowResult> followAsync(JobRef job, Consumer<? super JsonNode> action) {
    return followAsync(job, JsonNode.class, action);
  }

  /**
   * Follows the items while the job runs: each poll asks only for the bytes after those already
   * read, complete lines are parsed and handed on (an incomplete last line waits for the rest),
   * and once the job finished the rest is read and the future completes. A file not there yet is
   * waited for. If the file shrinks or is replaced (a reused job id), it is read again from its
   * start, and its items come again.
   *
   * @param <T> the item type
   * @param job the job
   * @param type the item class
   * @param action receives each item, from the client's threads, one call at a time
   * @return a future of the transfer counts; it fails with {@link ItemsNotFoundException} when the
   *     job finished without an items file, the action's or malformed-line handler's exception,
   *     {@link io.github.scrapyd4j.jobs.JobVanishedException}, or the client's exceptions.
   *     Cancelling it stops the follow.
   */
  public <T> CompletableFuture<FollowResult> followAsync(
      JobRef job, Class<T> type, Consumer<? super T> action) {
    if (router != null) {
      return route(job).followAsync(job, type, action);
    }
    return start(job, type, action, null);
  }

  /**
   * Follows the items while the job runs, blocking until it finished; see {@link
   * #followAsync(JobRef, Class, Consumer)}.
   *
   * @param <T> the item type
   * @param job the job
   * @param type the item class
   * @param action receives each item, from the client's threads
   * @param timeout how long to follow at most
   * @return the transfer counts
   * @throws io.github.scrapyd4j.jobs.JobWaitTimeoutException if the job did not finish in time
   */
  public <T> FollowResult follow(
      JobRef job, Class<T> type, Consumer<? super T> action, Duration timeout) {
    if (router != null) {
      return route(job).follow(job, type, action, timeout);
    }
    Checks.notNull("timeout", timeout);
    return Futures.join(start(job, type, action, timeout), files.baseUri(), "following items");
  }

  private <T> CompletableFuture<FollowResult> start(
      JobRef job, Class<T> type, Consumer<? super T> action, Duration timeout) {
    Checks.notNull("type", type);
    Checks.notNull("action", action);
    FileAccess.Target t = files.target(Checks.notNull("job", job), FileAccess.Kind.ITEMS);
    AtomicLong items = new AtomicLong();
    Parser<T> parser = new Parser<>(t, reader(type), items, onMalformed::onMalformed);
    LineSplitter splitter = new LineSplitter(parser.lines(action::accept), files.maxLineBytes());
    RangeCursor cursor = new RangeCursor(splitter, 0);
    return Follower.start(files, t, cursor, waiter, timeout, done -> done.result(job)
        .items(items.get())
        .malformedLines(parser.malformed.get())
        .build());
  }

  private ObjectReader reader(Class<?> type) {
    return mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Parses lines into items, sending malformed ones to the handler. */
  private final class Parser<T> {
    final FileAccess.Target target;
    final ObjectReader reader;
    final AtomicLong count;
    final Consumer<MalformedItemException> problems;
    final AtomicLong malformed = new AtomicLong();

    Parser(FileAccess.Target target, ObjectReader reader, AtomicLong count,
        Consumer<MalformedItemException> problems) {
      this.target = target;
      this.reader = reader;
      this.count = count;
      this.problems = problems;
    }

    LineSplitter.Lines lines(Consumer<? super T> out) {
      return new LineSplitter.Lines() {
        @Override
        public void line(byte[] bytes, int offset, int length, long lineNumber) {
          if (isBlank(bytes, offset, length)) {
            return;
          }
          T item;
          try {
            item = reader.readValue(bytes, offset, length);
            if (item == null || (item instanceof JsonNode && ((JsonNode) item).isNull())) {
              throw new IOException("the line is a JSON null, not an item");
            }
          } catch (IOException | RuntimeException e) {
            malformed.incrementAndGet();
            problems.accept(new MalformedItemException(target.job, lineNumber,
                new String(bytes, offset, length, StandardCharsets.UTF_8), files.baseUri(),
                target.endpoint, e));
            return;
          }
          if (count != null) {
            count.incrementAndGet();
          }
          out.accept(item);
        }

        @Override
        public void overlong(long lineNumber, long offset, long length, byte[] head) {
          malformed.incrementAndGet();
          problems.accept(new MalformedItemException(target.job, lineNumber,
              new String(head, StandardCharsets.UTF_8), files.baseUri(), target.endpoint, offset,
              new IOException("the line has " + length + " bytes, more than the cap of "
                  + files.maxLineBytes() + " (maxLineBytes); it was not read into memory")));
        }

        @Override
        public void restart() {
          LOG.debug("{} on {} was replaced: reading its items again from the start",
              target.endpoint, files.baseUri());
        }

        @Override
        public void end() {}
      };
    }
  }

  private static boolean isBlank(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
