package io.github.scrapyd4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.ScrapydClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Scrapyd servers given to the build with {@code -Dscrapyd.url=URL[,URL...]} (and
 * optional {@code -Dscrapyd.username}, {@code -Dscrapyd.password}). Live tests call {@link
 * #urls()}, which reports the test as skipped, with the reason, when none was given.
 */
public final class LiveScrapyd {
  private LiveScrapyd() {}

  public static List<String> urls() {
    String urls = System.getProperty("scrapyd.url", "").trim();
    assumeTrue(!urls.isEmpty(),
        "live test: no Scrapyd given; run with -Dscrapyd.url=http://host:6800 (comma-separate several)");
    List<String> list = new ArrayList<>();
    for (String url : urls.split(",")) {
      if (!url.isBlank()) {
        list.add(url.trim());
      }
    }
    return list;
  }

  public static String url() {
    return urls().get(0);
  }

  public static ScrapydClient.Builder client(String url) {
    ScrapydClient.Builder builder = ScrapydClient.builder()
        .baseUri(url)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(30));
    String username = System.getProperty("scrapyd.username", "");
    if (!username.isEmpty()) {
      builder.credentials(username, System.getProperty("scrapyd.password", ""));
    }
    return builder;
  }

  /**
   * Skips the calling test when the node is Scrapyd 1.2, told by its refusing to list jobs
   * without a project (1.3 and later accept it): with Scrapy 2 it writes no log or items files,
   * which the test needs.
   */
  public static void assumeWritesLogs(String url) {
    try (ScrapydClient client = client(url).build()) {
      client.listJobs();
    } catch (io.github.scrapyd4j.ScrapydApiException e) {
      throw new org.opentest4j.TestAbortedException(url + " looks like Scrapyd 1.2 (no listjobs"
          + " without a project), which writes no log or items files with Scrapy 2: this test"
          + " reads them", e);
    }
  }
}
