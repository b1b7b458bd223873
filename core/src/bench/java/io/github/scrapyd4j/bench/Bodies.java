package io.github.scrapyd4j.bench;

import java.nio.charset.StandardCharsets;

/**
 * The fixed answers the benchmarks give {@code FakeScrapyd} ({@code answer(path, body)}), in the
 * shape of Scrapyd 1.6.0's, so that the stand-in does as little as a server can and what the
 * benchmarks measure is the client side.
 */
final class Bodies {
  static final String DAEMON_STATUS =
      "{\"pending\": 0, \"running\": 1, \"finished\": 3, \"status\": \"ok\", \"node_name\": \"vm\"}\n";

  /** A small listjobs answer with one finished job: what each simulated cluster node answers. */
  static final String ONE_FINISHED = "{\"pending\": [], \"running\": [], \"finished\": [{\"id\": \"j1\","
      + " \"project\": \"p\", \"spider\": \"s\", \"start_time\": \"2026-11-23 18:27:10.217898\","
      + " \"end_time\": \"2026-11-23 18:27:14.536343\", \"log_url\": \"/logs/p/s/j1.log\","
      + " \"items_url\": null}], \"status\": \"ok\", \"node_name\": \"sim\"}\n";

  private Bodies() {}

  /** A listjobs.json answer with {@code finished} finished jobs, as Scrapyd 1.6 writes them. */
  static String listJobs(int finished) {
    StringBuilder json = new StringBuilder("{\"pending\": [], \"running\": [], \"finished\": [");
    for (int i = 0; i < finished; i++) {
      if (i > 0) {
        json.append(", ");
      }
      String id = String.format("%032x", 0x7e5980b6e76b11f1L + i);
      json.append("{\"id\": \"").append(id).append("\", \"project\": \"labbot\", \"spider\": \"pages\", ")
          .append("\"start_time\": \"2026-11-23 18:27:10.").append(String.format("%06d", i % 1_000_000))
          .append("\", \"end_time\": \"2026-11-23 18:28:14.536343\", ")
          .append("\"log_url\": \"/logs/labbot/pages/").append(id).append(".log\", ")
          .append("\"items_url\": \"/items/labbot/pages/").append(id).append(".jl\"}");
    }
    json.append("], \"status\": \"ok\", \"node_name\": \"vm\"}\n");
    return json.toString();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
