package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@code --call-timeout} of one call, retries included: the fan-out bounds the calls it
 * makes; {@link #bounded} bounds the others (reading a log for an outcome, the overview).
 */
final class CallTimeout {
  private CallTimeout() {}

  /**
   * Runs a call on the node at {@code uri} within {@code timeout}, its retries included: the
   * client's timeouts are per try, so a node that accepts connections but never answers would
   * otherwise take a timeout for each of its tries. On time, the call's thread is interrupted
   * (which ends the client's wait) and the call ends with {@link #exceeded}; {@code option} names
   * what sets the timeout, for the message.
   */
  static <T> T bounded(URI uri, Duration timeout, String option, Supplier<T> call) {
    FutureTask<T> task = new FutureTask<>(call::get);
    Thread worker = new Thread(task, "scrapyd4j-call");
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw exceeded(uri, timeout, option);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted", Scrapyd4jCommand.FAILED);
    }
  }

  /** The failure of a call to the node at {@code uri} that took all of {@code timeout}. */
  static ScrapydTimeoutException exceeded(URI uri, Duration timeout, String option) {
    return new ScrapydTimeoutException(Redaction.uri(uri) + ": no answer within "
        + describe(timeout) + ", retries included" + option
        + "; the node may still act on the request", false, timeout, uri, null, null);
  }

  /**
   * A node's failure as the command line tells it: a call that ran out of time (the fan-out's
   * node timeout or deadline, or the client's request timeout, all {@code --call-timeout}) is
   * {@link #exceeded}; a connect timeout and every other failure stay as they are.
   */
  static ScrapydException told(ScrapydException e, Duration timeout) {
    if (e instanceof ScrapydTimeoutException && !((ScrapydTimeoutException) e).isConnectTimeout()
        && e.baseUri().isPresent()) {
      return exceeded(e.baseUri().get(), timeout, " (--call-timeout)");
    }
    return e;
  }

  /** 30s, 1.5s, 250ms. */
  static String describe(Duration d) {
    long millis = d.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis >= 1000 ? millis / 1000.0 + "s" : millis + "ms";
  }
}
