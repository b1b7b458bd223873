package io.github.scrapyd4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.scrapyd4j.egg.Egg;
import io.github.scrapyd4j.testing.Forms;
import io.github.scrapyd4j.testing.Recording;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quickstart against a stubbed Scrapyd that answers as a real 1.6.0 did for the same project
 * (see {@code src/test/resources/quickstart/README.md}); the live suite runs it for real.
 */
class QuickstartTest {
  static final String JOB = "7e5980b6e76b11f1a91702fc00000001"; // schedule_ok's job id
  static final String LOG_PATH = "/logs/quickstart/quotes/" + JOB + ".log";
  static final String ITEMS_PATH = "/items/quickstart/quotes/" + JOB + ".jl";

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(new EchoAddVersion()))
      .build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Quickstart.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  static byte[] resource(String name) {
    try (InputStream in = QuickstartTest.class.getResourceAsStream("/quickstart/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Scrapyd that takes the quickstart project and runs its spider as the real one did. */
  static void stubNode(WireMockExtension node, byte[] log) {
    node.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response()));
    node.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.json("{\"versions\": [], \"status\": \"ok\", \"node_name\": \"vm\"}")));
    node.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(aResponse().withTransformers(EchoAddVersion.NAME)));
    node.stubFor(post(urlPathEqualTo("/schedule.json"))
        .willReturn(Recording.load("schedule_ok").response()));
    node.stubFor(get(urlPathEqualTo("/status.json"))
        .willReturn(Recording.load("status_ok").response()));
    node.stubFor(get(urlPathEqualTo(LOG_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain").withHeader("Accept-Ranges", "bytes")
        .withBody(log)));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void deploysSchedulesWaitsAndPrintsOutcomeLogAndItems() {
    stubNode(wm, resource("quotes-3.log"));
    wm.stubFor(get(urlPathEqualTo(ITEMS_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain").withBody(resource("quotes-3.jl"))));

    assertThat(run(wm.baseUrl())).isZero();

    assertThat(printed())
        .contains("Built the egg of quickstart-project")
        .containsPattern("Deployed project quickstart version \\d{10} \\(1 spider\\(s\\)\\)")
        .contains("Scheduled spider quotes as job " + JOB)
        .contains("Outcome: SUCCEEDED (finished), 3 item(s) scraped")
        .contains("[scrapy.core.engine] INFO: Spider closed (finished)")
        .contains("{\"text\":\"It is our choices that show what we truly are.\","
            + "\"author\":\"J.K. Rowling\"}");
    assertThat(printed().lines().filter(l -> l.startsWith("  {\"text\""))).hasSize(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

    // What went over the wire: the project's egg, and the spider with its argument.
    LoggedRequest upload = wm.findAll(postRequestedFor(urlPathEqualTo("/addversion.json"))).get(0);
    Egg egg = Egg.of(upload.getPart("egg").getBody().asBytes());
    assertThat(egg.entryNames())
        .contains("EGG-INFO/PKG-INFO", "quickstart/settings.py", "quickstart/spiders/quotes.py");
    assertThat(upload.getPart("project").getBody().asString()).isEqualTo("quickstart");
    List<LoggedRequest> schedules = wm.findAll(postRequestedFor(urlPathEqualTo("/schedule.json")));
    assertThat(schedules).hasSize(1);
    assertThat(Forms.decode(schedules.get(0).getBodyAsString()))
        .filteredOn(e -> !e.getKey().equals("jobid")) // core gives every job an id up front
        .containsExactlyInAnyOrder(
            Map.entry("project", "quickstart"), Map.entry("spider", "quotes"),
            Map.entry("count", "3"));
  }

  @Test
  void saysSoWhenTheNodeKeepsNoItems() {
    stubNode(wm, resource("quotes-3.log"));
    wm.stubFor(get(urlPathEqualTo(ITEMS_PATH))
        .willReturn(Recording.load("log_missing").response())); // Twisted's 404 page

    assertThat(run(wm.baseUrl())).isZero();
    assertThat(printed()).contains("Outcome: SUCCEEDED")
        .contains("Items: this Scrapyd keeps no items files (set items_dir");
  }

  @Test
  void exitsWithOneWhenTheCrawlFailed() {
    String failed = new String(resource("quotes-3.log"), StandardCharsets.UTF_8)
        .replace("'finish_reason': 'finished'", "'finish_reason': 'shutdown'")
        .replace("Spider closed (finished)", "Spider closed (shutdown)");
    stubNode(wm, failed.getBytes(StandardCharsets.UTF_8));
    wm.stubFor(get(urlPathEqualTo(ITEMS_PATH)).willReturn(aResponse().withBody("")));

    assertThat(run(wm.baseUrl())).isEqualTo(1);
    assertThat(printed()).contains("Outcome: FAILED (shutdown)");
  }

  @Test
  void deployRejectedByScrapydIsReportedAndNothingIsScheduled() {
    stubNode(wm, resource("quotes-3.log"));
    wm.stubFor(post(urlPathEqualTo("/addversion.json"))
        .willReturn(Recording.load("addversion_noentry").response()));
    wm.stubFor(post(urlPathEqualTo("/delversion.json"))
        .willReturn(Recording.load("delversion_ok").response()));

    assertThat(run(wm.baseUrl())).isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Deploy failed: ");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/schedule.json")));
  }

  @Test
  void saysInOneLineHowToStartAScrapydWhenNothingAnswers() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThat(run("http://127.0.0.1:" + port)).isEqualTo(3);

    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(message).doesNotContain("\n")
        .startsWith("No Scrapyd answers at http://127.0.0.1:" + port)
        .contains("pip install scrapyd && scrapyd");
    assertThat(printed()).isEmpty();
  }

  @Test
  void aFolderWithoutScrapyCfgIsAUsageError() {
    assertThat(run(wm.baseUrl(), "src")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("No Scrapy project found (looked for src/scrapy.cfg)");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
