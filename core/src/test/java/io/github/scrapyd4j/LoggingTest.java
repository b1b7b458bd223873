package io.github.scrapyd4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.Recording;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** One DEBUG line per request and per answer, with timing; never credentials. */
class LoggingTest {
  private static final String PASSWORD = "pa55-w0rd:secret";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void capture() {
    logger = (Logger) LoggerFactory.getLogger("io.github.scrapyd4j");
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
  }

  private List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
  }

  @Test
  void eachCallLogsItsRequestAndItsAnswerAtDebugWithTiming() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json")).willReturn(Recording.load("listjobs").response()));
    try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).build()) {
      client.listJobs("labbot");
      client.async().listJobs("labbot").join();
    }

    assertThat(appender.list).hasSize(4).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
    assertThat(lines().get(0)).isEqualTo("--> GET " + wm.baseUrl() + "/listjobs.json?project=labbot");
    assertThat(lines().get(1)).matches("<-- 200 GET .*/listjobs\\.json\\?project=labbot \\(\\d+ ms, 626 bytes\\)");
  }

  @Test
  void credentialsNeverAppearInLogsMessagesOrToString() {
    String encoded = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.load("auth_bad").response()));
    wm.stubFor(post(urlPathEqualTo("/schedule.json")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(get(urlPathEqualTo("/listprojects.json")).willReturn(Recording.load("listprojects").response()));
    StringBuilder seen = new StringBuilder();
    String base = wm.baseUrl().replace("http://", "http://admin:" + PASSWORD.replace(":", "%3A") + "@");
    try (ScrapydClient client = ScrapydClient.builder().baseUri(base).build()) {
      seen.append(client).append('\n');
      client.listProjects();
      try {
        client.daemonStatus();
      } catch (ScrapydException e) {
        seen.append(e).append('\n');
      }
      try {
        client.schedule(ScheduleRequest.of("p", "s"));
      } catch (ScrapydException e) {
        seen.append(e).append('\n');
      }
      assertThatThrownBy(() -> client.async().daemonStatus().join()).hasCauseInstanceOf(ScrapydAuthenticationException.class);
    }
    assertThat(wm.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Basic " + encoded));
    String logs = String.join("\n", lines());
    assertThat(logs).isNotEmpty().doesNotContain(PASSWORD).doesNotContain(encoded).doesNotContain("pa55");
    assertThat(seen.toString()).doesNotContain(PASSWORD).doesNotContain(encoded).doesNotContain("pa55");
  }
}
