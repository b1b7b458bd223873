package io.github.scrapyd4j.internal;

import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * Body handlers that bound what an answer may cost: a byte cap (reading stops at the cap, the
 * subscription is cancelled, which closes the connection) and a deadline over the body, which the
 * JDK's request timeout does not cover (it stops at the headers). Not part of the public API.
 */
public final class Bodies {
  /** One daemon thread for every deadline of every client; timers are removed when cancelled. */
  private static final ScheduledThreadPoolExecutor TIMERS = newTimers();

  private Bodies() {}

  private static ScheduledThreadPoolExecutor newTimers() {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "scrapyd4j-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    timers.setRemoveOnCancelPolicy(true);
    return timers;
  }

  /** What the deadline fails a body with: a timeout, as the JDK reports one for the headers. */
  public static final class BodyTimeout extends HttpTimeoutException {
    private static final long serialVersionUID = 1L;

    BodyTimeout(String message) {
      super(message);
    }
  }

  /**
   * The body as bytes, at most {@code maxBytes} for a 2xx answer (more fails the read with the
   * exception {@code tooLarge} makes from the cap) and at most {@code maxErrorBytes} for any other
   * status (the rest is not read: an error body is only quoted).
   *
   * @param maxBytes the cap of a successful answer
   * @param maxErrorBytes the cap of an error answer
   * @param tooLarge makes the failure for a successful answer over its cap
   * @return the handler
   */
  public static BodyHandler<byte[]> capped(
      long maxBytes, int maxErrorBytes, LongFunction<RuntimeException> tooLarge) {
    return info -> {
      boolean ok = info.statusCode() >= 200 && info.statusCode() < 300;
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (ok && tooLarge != null && declared > maxBytes) {
        // Said to be over the cap: fail before reading a byte (the JDK then closes the connection).
        return new Capped(maxBytes, tooLarge, true);
      }
      return new Capped(ok ? maxBytes : maxErrorBytes, ok ? tooLarge : null, false);
    };
  }

  /** Collects up to a cap, then fails (or, for an error body, stops and keeps what it has). */
  static final class Capped implements BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final long max;
    private final LongFunction<RuntimeException> tooLarge;
    /** The body as it came, one array per buffer: no doubling, one copy at the end. */
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private final boolean declaredOver;
    private Flow.Subscription subscription;
    private boolean done;

    Capped(long max, LongFunction<RuntimeException> tooLarge, boolean declaredOver) {
      this.max = max;
      this.tooLarge = tooLarge;
      this.declaredOver = declaredOver;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declaredOver) { // its Content-Length is over the cap: fail without reading
        done = true;
        s.cancel();
        body.completeExceptionally(tooLarge.apply(max));
        return;
      }
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (done) {
        return;
      }
      for (ByteBuffer b : buffers) {
        long room = max - size;
        if (b.remaining() > room) {
          done = true;
          subscription.cancel();
          if (tooLarge != null) {
            chunks.clear();
            body.completeExceptionally(tooLarge.apply(max));
          } else {
            write(b, (int) room);
            body.complete(joined());
          }
          return;
        }
        write(b, b.remaining());
      }
      subscription.request(1);
    }

    private void write(ByteBuffer b, int n) {
      if (n > 0) {
        byte[] chunk = new byte[n];
        b.get(chunk);
        chunks.add(chunk);
        size += n;
      }
    }

    private byte[] joined() {
      if (chunks.size() == 1) {
        return chunks.get(0);
      }
      byte[] all = new byte[(int) size];
      int at = 0;
      for (byte[] chunk : chunks) {
        System.arraycopy(chunk, 0, all, at, chunk.length);
        at += chunk.length;
      }
      chunks.clear();
      return all;
    }

    @Override
    public void onError(Throwable error) {
      if (!done) {
        done = true;
        body.completeExceptionally(error);
      }
    }

    @Override
    public void onComplete() {
      if (!done) {
        done = true;
        body.complete(joined());
      }
    }
  }

  /** How a deadline counts. */
  public enum Clock {
    /** The whole exchange, headers and body, must end by the timeout after the send. */
    WHOLE,
    /** The body may take longer, as long as no gap between bytes is longer than the timeout. */
    IDLE
  }

  /**
   * A deadline over a body, started now (at the send). When it passes, the subscription is
   * cancelled (the JDK then closes the connection) and the body fails with a {@link BodyTimeout}.
   * {@link #cancel()} it once the exchange ended another way.
   */
  public static final class Deadline {
    private final long timeoutNanos;
    private final Clock clock;
    private final String message;
    private final AtomicBoolean expired = new AtomicBoolean();
    private volatile long lastActivity;
    private volatile Timed<?> subscriber;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean cancelled;

    private Deadline(Duration timeout, Clock clock, String message) {
      this.timeoutNanos = timeout.toNanos();
      this.clock = clock;
      this.message = message;
      this.lastActivity = System.nanoTime();
      schedule(timeoutNanos);
    }

    /**
     * Starts a deadline.
     *
     * @param timeout how long
     * @param clock what it covers
     * @param message the timeout's message
     * @return the running deadline
     */
    public static Deadline start(Duration timeout, Clock clock, String message) {
      return new Deadline(timeout, clock, message);
    }

    private void schedule(long nanos) {
      if (!cancelled) {
        timer = TIMERS.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
      }
    }

    private void fire() {
      if (cancelled) {
        return;
      }
      if (clock == Clock.IDLE) {
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
          schedule(timeoutNanos - idle);
          return;
        }
      }
      expired.set(true);
      Timed<?> timed = subscriber;
      if (timed != null) {
        timed.expire(new BodyTimeout(message));
      }
      // Before the headers the JDK's own request timeout (the same duration) ends the exchange.
    }

    /** Stops the timer: the exchange ended, or its body was read. */
    public void cancel() {
      cancelled = true;
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }

    /**
     * A handler whose subscribers this deadline can end.
     *
     * @param <T> the body type
     * @param inner the handler to wrap
     * @return the wrapping handler
     */
    public <T> BodyHandler<T> wrap(BodyHandler<T> inner) {
      return info -> {
        Timed<T> timed = new Timed<>(inner.apply(info), this);
        subscriber = timed;
        lastActivity = System.nanoTime();
        if (expired.get()) {
          timed.expire(new BodyTimeout(message));
        }
        return timed;
      };
    }

    void active() {
      lastActivity = System.nanoTime();
    }
  }

  /** Forwards to the wrapped subscriber until the deadline passes, then fails it. */
  static final class Timed<T> implements BodySubscriber<T> {
    private final BodySubscriber<T> inner;
    private final Deadline deadline;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Flow.Subscription raw;
    private volatile Throwable expiredWith;

    Timed(BodySubscriber<T> inner, Deadline deadline) {
      this.inner = inner;
      this.deadline = deadline;
    }

    @Override
    public CompletionStage<T> getBody() {
      return inner.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      raw = s;
      inner.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          s.request(n);
        }

        @Override
        public void cancel() {
          ended.set(true); // the reader stopped: nothing to time any more
          deadline.cancel();
          s.cancel();
        }
      });
      Throwable late = expiredWith;
      if (late != null) {
        expire(late);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      if (!ended.get()) {
        deadline.active();
        inner.onNext(item);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      if (ended.compareAndSet(false, true)) {
        deadline.cancel();
        inner.onError(throwable);
      }
    }

    @Override
    public void onComplete() {
      if (ended.compareAndSet(false, true)) {
        deadline.cancel();
        inner.onComplete();
      }
    }

    void expire(Throwable error) {
      Flow.Subscription s = raw;
      if (s == null) {
        expiredWith = error; // onSubscribe expires it
        return;
      }
      if (ended.compareAndSet(false, true)) {
        s.cancel();
        inner.onError(error);
      }
    }
  }
}
