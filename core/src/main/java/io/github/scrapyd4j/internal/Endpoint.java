package io.github.scrapyd4j.internal;

/** Scrapyd's JSON endpoints: their paths, methods, and how the client treats them. */
public enum Endpoint {
  DAEMON_STATUS("daemonstatus.json", false, false),
  ADD_VERSION("addversion.json", true, true),
  SCHEDULE("schedule.json", true, true),
  CANCEL("cancel.json", true, false),
  STATUS("status.json", false, false),
  LIST_PROJECTS("listprojects.json", false, false),
  LIST_VERSIONS("listversions.json", false, false),
  LIST_SPIDERS("listspiders.json", false, true),
  LIST_JOBS("listjobs.json", false, false),
  DEL_VERSION("delversion.json", true, false),
  DEL_PROJECT("delproject.json", true, false);

  private final String path;
  private final boolean post;
  private final boolean listsSpiders;

  Endpoint(String path, boolean post, boolean listsSpiders) {
    this.path = path;
    this.post = post;
    this.listsSpiders = listsSpiders;
  }

  /** The path relative to the base URI, such as {@code listjobs.json}. */
  public String path() {
    return path;
  }

  /** Whether the endpoint takes POST (and changes state); otherwise it takes GET. */
  public boolean isPost() {
    return post;
  }

  /** Whether a call may be retried without any risk of acting twice. */
  public boolean isReadOnly() {
    return !post;
  }

  /**
   * Whether Scrapyd may run {@code scrapy list} while answering, blocking its whole server, so the
   * call needs the longer timeout.
   */
  public boolean listsSpiders() {
    return listsSpiders;
  }
}
