package io.github.scrapyd4j.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link JobItems} does with a line that is not valid JSON (a crawl killed mid-write leaves
 * one) or does not map to the type asked for. The line is skipped after the handler returns; a
 * handler that throws ends the stream with its exception.
 *
 * <pre>{@code
 * List<MalformedItemException> bad = new ArrayList<>();
 * JobItems items = Jobs.builder(client).onMalformedLine(bad::add).build().items(); // skip
 * JobItems strict =
 *     Jobs.builder(client).onMalformedLine(MalformedItemHandler.fail()).build().items();
 * }</pre>
 */
@FunctionalInterface
public interface MalformedItemHandler {
  /**
   * Called for each malformed line.
   *
   * @param problem the line, its number and the parse error
   */
  void onMalformed(MalformedItemException problem);

  /**
   * The default: logs a warning (logger {@code io.github.scrapyd4j.logs}) and skips the line.
   *
   * @return the handler
   */
  static MalformedItemHandler skipAndLog() {
    Logger log = LoggerFactory.getLogger("io.github.scrapyd4j.logs");
    return problem -> log.warn("{}; skipped", problem.getMessage());
  }

  /**
   * Ends the stream with the {@link MalformedItemException}.
   *
   * @return the handler
   */
  static MalformedItemHandler fail() {
    return problem -> {
      throw problem;
    };
  }
}
