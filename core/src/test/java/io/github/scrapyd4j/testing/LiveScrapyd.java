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
}
