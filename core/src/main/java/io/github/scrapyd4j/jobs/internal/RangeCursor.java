package io.github.scrapyd4j.jobs.internal;

import io.github.scrapyd4j.internal.ByteSink;

/**
 * Where a follow is in a file: the offset of the next byte its sink expects, and transfer counts.
 * Each response skips what the sink already has, so a retried or range-ignoring request never
 * delivers a byte twice. Touched by one response at a time.
 */
public final class RangeCursor {
  final ByteSink sink;
  volatile long offset;
  volatile long received;
  volatile long delivered;
  volatile int restarts;
  volatile int requests;
  volatile boolean rangeIgnored;

  public RangeCursor(ByteSink sink, long offset) {
    this.sink = sink;
    this.offset = offset;
  }

  /** The file starts over: tell the sink and go back to offset 0. */
  void restart() {
    sink.restart();
    offset = 0;
    restarts++;
  }

  public long offset() {
    return offset;
  }

  /** Body bytes received, skipped ones included. */
  public long received() {
    return received;
  }

  /** Bytes handed to the sink. */
  public long delivered() {
    return delivered;
  }

  public int restarts() {
    return restarts;
  }

  /** File requests sent (retries by the transport not counted). */
  public int requests() {
    return requests;
  }
}
