package io.github.scrapyd4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.LiveScrapyd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The example programs against the real Scrapyd(s) given with -Dscrapyd.url; skipped otherwise.
 * They deploy the project {@code quickstart}, which is deleted afterwards from the nodes that did
 * not have it before.
 */
@Tag("live")
class ExamplesLiveTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream outPrint = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final PrintStream errPrint = new PrintStream(err, true, StandardCharsets.UTF_8);
  private final List<String> cleanUp = new ArrayList<>();

  @BeforeEach
  void rememberWhereQuickstartIsNew() {
    if (!System.getProperty("scrapyd.username", "").isEmpty()
        && System.getenv("SCRAPYD_USERNAME") == null) {
      throw new TestAbortedException("the examples read credentials from SCRAPYD_USERNAME and "
          + "SCRAPYD_PASSWORD: set them to run the live example tests against this server");
    }
    for (String url : LiveScrapyd.urls()) {
      try (ScrapydClient client = LiveScrapyd.client(url).build()) {
        if (!client.listProjects().projects().contains("quickstart")) {
          cleanUp.add(url);
        }
      }
    }
  }

  @AfterEach
  void deleteQuickstartWhereItWasNew() {
    for (String url : cleanUp) {
      try (ScrapydClient client = LiveScrapyd.client(url).build()) {
        client.delProject("quickstart");
      } catch (ScrapydException e) {
        // not deployed by the test
      }
    }
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickstartDeploysAndRunsTheSpider() {
    LiveScrapyd.assumeWritesLogs(LiveScrapyd.url());
    int code = Quickstart.run(new String[] {LiveScrapyd.url()}, outPrint, errPrint);

    assertThat(code).as(printed() + err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed()).contains("Outcome: SUCCEEDED (finished), 3 item(s) scraped")
        .contains("Spider closed (finished)");
  }

  @Test
  void clusterDeployReachesEveryNodeAndSchedulesOnOne() {
    String urls = String.join(",", LiveScrapyd.urls());

    int code = ClusterDeploy.run(new String[] {urls}, outPrint, errPrint);

    assertThat(code).as(printed() + err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed().lines().filter(l -> l.contains(" DEPLOYED version ")))
        .hasSize(LiveScrapyd.urls().size());
    assertThat(printed()).contains("Scheduled job ");
  }

  @Test
  void recurringCrawlSchedulesAndSkipsWhileACrawlRuns() throws Exception {
    LiveScrapyd.assumeWritesLogs(LiveScrapyd.url());
    assertThat(Quickstart.run(new String[] {LiveScrapyd.url()}, outPrint, errPrint)).isZero();
    out.reset();

    int code = RecurringCrawl.run(
        new String[] {LiveScrapyd.url(), "quickstart", "quotes", "0.3", "4"}, outPrint, errPrint);

    assertThat(code).isZero();
    List<String> ticks = printed().lines().collect(Collectors.toList());
    assertThat(ticks).hasSize(4).first().asString().startsWith("scheduled quickstart/quotes as ");
    // A crawl takes longer than 0.3 s to start and finish on Scrapyd (it polls its queue every
    // few seconds): at least one tick finds the previous one still going.
    assertThat(ticks).anyMatch(line -> line.startsWith("skipped: "));
    assertThat(ticks).allMatch(line -> line.startsWith("scheduled ") || line.startsWith("skipped: "));
  }

  @Test
  void jobMonitorSeesACrawlFinish() throws Exception {
    LiveScrapyd.assumeWritesLogs(LiveScrapyd.url());
    assertThat(Quickstart.run(new String[] {LiveScrapyd.url()}, outPrint, errPrint)).isZero();
    out.reset();
    CompletableFuture<Integer> monitor = CompletableFuture.supplyAsync(() -> {
      try {
        return JobMonitor.run(new String[] {LiveScrapyd.url(), "15"}, outPrint, errPrint);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(2000);
    String job;
    try (ScrapydClient client = LiveScrapyd.client(LiveScrapyd.url()).build()) {
      job = client.schedule(ScheduleRequest.builder().project("quickstart").spider("quotes")
          .putArg("count", "2").build()).jobId();
    }

    assertThat(monitor.get()).isZero();
    assertThat(printed()).containsPattern("FINISHED +quickstart/quotes " + job
        + " SUCCEEDED after [0-9.]+s, 2 item\\(s\\)");
  }
}
