package io.github.scrapyd4j.internal;

import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.RunningJob;

/**
 * Lets the answer parsers set the lazily resolved log and items locations of jobs, which the
 * model keeps package-private: the model registers its implementation when its link class loads.
 */
public final class ModelAccess {
  /** Sets a job's log or items location from a server-relative path, resolved on first use. */
  public interface Links {
    void runningLog(RunningJob.Builder job, String base, String serverPath);

    void runningItems(RunningJob.Builder job, String base, String serverPath);

    void finishedLog(FinishedJob.Builder job, String base, String serverPath);

    void finishedItems(FinishedJob.Builder job, String base, String serverPath);
  }

  private static volatile Links links;

  private ModelAccess() {}

  public static void register(Links implementation) {
    links = implementation;
  }

  public static Links links() {
    if (links == null) {
      try {
        Class.forName("io.github.scrapyd4j.model.Link", true, FinishedJob.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return links;
  }
}
