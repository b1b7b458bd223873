package io.github.scrapyd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.scrapyd4j.Api.Mode;
import io.github.scrapyd4j.jobs.JobLogs;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.testing.HostileServer;
import io.github.scrapyd4j.testing.TestEggs;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Requests that cannot work are refused before anything is sent, with the argument named: a
 * request line and headers over Twisted's 16 KiB, a project name that breaks Scrapyd's log and
 * items URLs. Credentials over plain http to another machine get one WARN per node.
 */
class QuickFailuresTest {
  private HostileServer server;
  private ScrapydClient client;

  @AfterEach
  void close() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Api api(Mode mode) throws Exception {
    server = new HostileServer((head, c) -> c.json(
        "{\"status\": \"ok\", \"project\": \"p\", \"version\": \"1\", \"spiders\": 1,"
            + " \"node_name\": \"n\", \"pending\": [], \"running\": [], \"finished\": []}"));
    client = ScrapydClient.builder().baseUri(server.baseUrl()).build();
    return mode.of(client);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void queryOverTwistedsHeaderLimitIsRefusedBeforeSending(Mode mode) throws Exception {
    Api api = api(mode);
    String project = "p".repeat(20_000);

    assertThatThrownBy(() -> api.listJobs(project))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("project (20000 characters) is too long")
        .hasMessageContaining("16384").hasMessageContaining("nothing was sent");
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void queryUnderTheLimitIsSent(Mode mode) throws Exception {
    Api api = api(mode);

    api.listJobs("p".repeat(15_000));

    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void logAddressOverTheLimitIsRefusedBeforeSending() throws Exception {
    api(Mode.SYNC);
    JobRef job = JobRef.of("p", "s", "j".repeat(17_000));

    assertThatThrownBy(() -> JobLogs.of(client).tailLines(job, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the request's address is too long");
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"q?x", "a#b", "50%", "a b", "tab\there", "line\nbreak", "nbsp\u00a0x"})
  void projectNamesThatBreakScrapydsUrlsAreRefusedBeforeUpload(String project) throws Exception {
    Api api = api(Mode.SYNC);

    assertThatThrownBy(() -> api.addVersion(project, "1", TestEggs.minimal()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("project must not contain")
        .hasMessageContaining("log_url");
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop", "a.b-c_d", "my_project-2.0", "ünïcode", "a:b", "a=b", "-x", ".x"})
  void ordinaryProjectNamesAreUploaded(String project) throws Exception {
    Api api = api(Mode.SYNC);

    assertThatCode(() -> api.addVersion(project, "1", TestEggs.minimal())).doesNotThrowAnyException();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void credentialsOverPlainHttpToAnotherHostWarnOncePerNode() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger("io.github.scrapyd4j");
    appender.start();
    logger.addAppender(appender);
    try {
      for (int i = 0; i < 3; i++) {
        ScrapydClient.builder().baseUri("http://scrapyd-plain.example:6800")
            .credentials("u", "pw-secret").build().close();
      }
      ScrapydClient.builder().baseUri("https://scrapyd-tls.example").credentials("u", "pw")
          .build().close();
      ScrapydClient.builder().baseUri("http://localhost:6800").credentials("u", "pw")
          .build().close();
      ScrapydClient.builder().baseUri("http://127.0.0.2:6800").credentials("u", "pw")
          .build().close();
      ScrapydClient.builder().baseUri("http://[::1]:6800").credentials("u", "pw").build().close();
      ScrapydClient.builder().baseUri("http://scrapyd-anon.example:6800").build().close();
    } finally {
      logger.detachAppender(appender);
    }
    List<String> warnings = appender.list.stream()
        .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    assertThat(warnings).singleElement().asString()
        .contains("http://scrapyd-plain.example:6800/").contains("plain http://")
        .doesNotContain("pw-secret");
  }
}
