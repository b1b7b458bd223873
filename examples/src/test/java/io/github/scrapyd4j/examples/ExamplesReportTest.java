package io.github.scrapyd4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydScheduleOutcomeUnknownException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExamplesReportTest {

  @Test
  void aScheduleWhoseOutcomeIsUnknownExitsThreeAndNamesTheJobToLookUp() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ScrapydScheduleOutcomeUnknownException e = new ScrapydScheduleOutcomeUnknownException("j42",
        new ScrapydConnectionException("the connection broke", true,
            URI.create("http://h:6800/"), "schedule.json", new IOException("reset")));

    int code = Examples.report("http://u:secret@h:6800/", e, err);

    assertThat(code).isEqualTo(3);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("may or may not have started job j42")
        .contains("scrapyd4j outcome j42")
        .doesNotContain("secret")
        .doesNotContain("pip install");
  }
}
