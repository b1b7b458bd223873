package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --arg NAME=VALUE with NAME a schedule.json field is refused, naming the option to use. */
class ScheduleArgCheckTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path temp;

  CliTestSupport cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "jobid=nightly-1    | give the job id with --jobid ID",
    "priority=5         | give the priority with --priority N",
    "_version=r2        | give the project version with --version VERSION",
    "project=other      | give the project with -p PROJECT",
    "spider=other       | give the spider as the SPIDER argument",
    "setting=x          | give a setting with -s NAME=VALUE",
    "_job=x             | Scrapyd sets _job itself",
  })
  void aScheduleFieldGivenAsASpiderArgumentIsRefusedBeforeAnyRequest(String arg, String hint) {
    int code = cli.run("schedule", "--url", wm.baseUrl(), "-p", "labbot", "echo", "--arg", arg);

    assertThat(code).isEqualTo(2);
    String name = arg.substring(0, arg.indexOf('='));
    assertThat(cli.err()).startsWith("scrapyd4j: --arg " + name + "=... would not reach the"
        + " spider").contains(hint).doesNotContain("ScheduleRequest").doesNotContain("jobId(");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
