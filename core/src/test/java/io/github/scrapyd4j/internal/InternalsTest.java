package io.github.scrapyd4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.ScrapydApiException.Reason;
import java.net.URI;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class InternalsTest {
  @Test
  void pythonDateTimesWithAndWithoutFraction() {
    assertThat(PythonDateTimes.parse("2026-11-23 18:27:10.217898"))
        .isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 10, 217_898_000));
    assertThat(PythonDateTimes.parse("2026-11-23 18:27:10"))
        .isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 10));
    assertThat(PythonDateTimes.parse("2026-11-23T18:27:10.5"))
        .isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 10, 500_000_000));
    assertThatThrownBy(() -> PythonDateTimes.parse("2026-11-23")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PythonDateTimes.parse("2026-11-23 18:27:10.")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PythonDateTimes.parse("2026-13-23 18:27:10")).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> PythonDateTimes.parse("2026-11-23 18:27:1x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serverPathsResolveUnderThePrefixWithEncoding() {
    assertThat(ServerPaths.resolve("https://h/scrapyd/", "/logs/p/s/j.log"))
        .isEqualTo(URI.create("https://h/scrapyd/logs/p/s/j.log"));
    assertThat(ServerPaths.resolve("http://h:6800/", "/logs/my proj/s/j%1é.log"))
        .isEqualTo(URI.create("http://h:6800/logs/my%20proj/s/j%251%C3%A9.log"));
    assertThat(ServerPaths.encodeSegment("a/b c")).isEqualTo("a%2Fb%20c");
  }

  @Test
  void formEncodingKeepsOrderAndRepeats() {
    assertThat(Param.encode(java.util.List.of(
            Param.of("setting", "A=1"), Param.of("setting", "B=2 3"), Param.of("x&y", "é+"))))
        .isEqualTo("setting=A%3D1&setting=B%3D2+3&x%26y=%C3%A9%2B");
  }

  @Test
  void errorMessagesOfEachScrapydVersionAreClassified() {
    assertThat(Responses.classify("schedule.json", "spider 'x' not found")).isEqualTo(Reason.SPIDER_NOT_FOUND);
    assertThat(Responses.classify("schedule.json", "project 'x' not found")).isEqualTo(Reason.PROJECT_NOT_FOUND);
    assertThat(Responses.classify("schedule.json", "version 'x' not found")).isEqualTo(Reason.VERSION_NOT_FOUND);
    assertThat(Responses.classify("schedule.json", "'spider' parameter is required")).isEqualTo(Reason.MISSING_PARAMETER);
    assertThat(Responses.classify("schedule.json", "priority is invalid: could not convert string to float: b'x'"))
        .isEqualTo(Reason.INVALID_PARAMETER);
    assertThat(Responses.classify("addversion.json", "RunnerError: Traceback ...\nscrapyd.exceptions.BadEggError\n"))
        .isEqualTo(Reason.BAD_EGG);
    assertThat(Responses.classify("addversion.json", "Traceback (most recent call last):\n ValueError: Unknown or corrupt egg"))
        .isEqualTo(Reason.BAD_EGG);
    assertThat(Responses.classify("listspiders.json", "Scrapy 2.9.0 - no active project\n\nUnknown command: list"))
        .isEqualTo(Reason.PROJECT_NOT_FOUND);
    assertThat(Responses.classify("schedule.json", "Expected one of [b'HEAD', b'object', b'POST']"))
        .isEqualTo(Reason.UNSUPPORTED_METHOD);
    assertThat(Responses.classify("listversions.json", "Traceback (most recent call last):\n KeyError"))
        .isEqualTo(Reason.RUNNER_ERROR);
    assertThat(Responses.classify("schedule.json", "'spider'")).isEqualTo(Reason.OTHER);
  }
}
