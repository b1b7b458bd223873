package io.github.scrapyd4j.jobs.internal;

import io.github.scrapyd4j.ScrapydException;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Blocking on futures with the library's exception types. */
public final class Futures {
  private Futures() {}

  /** The real failure inside CompletionException/ExecutionException wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Waits for a future and returns its value, rethrowing its failure as it is when unchecked. On
   * interrupt the future is cancelled, the interrupt flag kept, and a ScrapydException thrown.
   */
  public static <T> T join(CompletableFuture<T> future, URI baseUri, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ScrapydException(
          what + " on " + baseUri + ": interrupted while waiting", baseUri, null, null, e);
    } catch (CancellationException e) {
      throw e;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause(), baseUri, what);
    }
  }

  /** An unchecked exception to throw for a failure. */
  public static RuntimeException rethrow(Throwable error, URI baseUri, String what) {
    Throwable cause = unwrap(error);
    if (cause instanceof RuntimeException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new ScrapydException(what + " on " + baseUri + ": " + cause, baseUri, null, null, cause);
  }

  /** A future failed with an error. */
  public static <T> CompletableFuture<T> failed(Throwable error) {
    CompletableFuture<T> f = new CompletableFuture<>();
    f.completeExceptionally(unwrap(error));
    return f;
  }
}
