package io.github.scrapyd4j.model;

import io.github.scrapyd4j.internal.ModelAccess;
import io.github.scrapyd4j.internal.ServerPaths;
import java.net.URI;

/**
 * Where a job's log or items file is served: either a URI, or a server-relative path under a base
 * URI that is only resolved (parsed as a URI) when first asked for. Listings can hold thousands
 * of these, and most are never looked at.
 */
final class Link {
  static {
    ModelAccess.register(new ModelAccess.Links() {
      @Override
      public void runningLog(RunningJob.Builder job, String base, String serverPath) {
        job.lazyLogUrl(base, serverPath);
      }

      @Override
      public void runningItems(RunningJob.Builder job, String base, String serverPath) {
        job.lazyItemsUrl(base, serverPath);
      }

      @Override
      public void finishedLog(FinishedJob.Builder job, String base, String serverPath) {
        job.lazyLogUrl(base, serverPath);
      }

      @Override
      public void finishedItems(FinishedJob.Builder job, String base, String serverPath) {
        job.lazyItemsUrl(base, serverPath);
      }
    });
  }

  private final String base;
  private final String path;
  private volatile URI uri;

  private Link(String base, String path, URI uri) {
    this.base = base;
    this.path = path;
    this.uri = uri;
  }

  static Link of(URI uri) {
    return new Link(null, null, uri);
  }

  static Link lazy(String base, String serverPath) {
    return new Link(base, serverPath, null);
  }

  URI uri() {
    URI resolved = uri;
    if (resolved == null) {
      resolved = path.startsWith("http://") || path.startsWith("https://")
          ? URI.create(path)
          : ServerPaths.resolve(base, path);
      uri = resolved;
    }
    return resolved;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Link && ((Link) other).uri().equals(uri());
  }

  @Override
  public int hashCode() {
    return uri().hashCode();
  }

  @Override
  public String toString() {
    return uri().toString();
  }
}
