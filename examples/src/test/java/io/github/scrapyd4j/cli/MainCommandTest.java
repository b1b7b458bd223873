package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's main command: {@code java -jar examples/target/scrapyd4j.jar URL}. */
class MainCommandTest {
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

  @Test
  void aUrlAloneShowsTheNodesStatusProjectsAndJobs() {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response()));
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));
    wm.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recording.load("listversions2").response()));
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs_pending").response()));

    assertThat(cli.run(wm.baseUrl())).isZero();

    assertThat(cli.out())
        .contains("Scrapyd node vm at " + wm.baseUrl() + "/: 0 pending, 1 running, 3 finished")
        .contains("Project labbot (versions: noep, r1, r2)")
        .containsPattern("running +slow-1 +slow");
    assertThat(cli.err()).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo("/daemonstatus.json")));
  }

  @Test
  void noScrapydAnsweringSaysHowToStartOneWithExitThree() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThat(cli.run("http://127.0.0.1:" + port)).isEqualTo(3);

    assertThat(cli.err().strip()).doesNotContain("\n")
        .startsWith("No Scrapyd answers at http://127.0.0.1:" + port + " (connection refused)")
        .contains("pip install scrapyd && scrapyd");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    assertThat(cli.run("--help")).isZero();

    assertThat(cli.out()).contains("Usage: scrapyd4j").contains("projects").contains("jobs")
        .contains("Exit codes:").contains("3   a Scrapyd node could not be reached");
  }

  /**
   * What --version prints: the project version the build wrote into version.properties (Maven
   * passes the same version as a system property), then the Java running it.
   */
  static final String VERSION_LINES = "scrapyd4j " + System.getProperty("project.version") + "\n"
      + "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")
      + " (" + System.getProperty("java.vendor") + "), " + System.getProperty("java.home") + "\n";

  /** Every command, as typed after {@code scrapyd4j}. */
  static final String[] COMMANDS = {"targets", "projects", "versions", "spiders", "jobs",
      "status", "schedule", "cancel", "log", "outcome", "items", "delversion", "delproject",
      "deploy", "tasks"};

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpOnTheTopCommandGoesToStdoutWithExitZero(String option) {
    assertThat(cli.run(option)).isZero();

    assertThat(cli.out()).startsWith("Usage: scrapyd4j ").contains("Exit codes:");
    assertThat(cli.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void versionOnTheTopCommandGoesToStdoutWithExitZero(String option) {
    assertThat(cli.run(option)).isZero();

    assertThat(cli.out()).isEqualTo(VERSION_LINES);
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void everyCommandsHelpGoesToStdoutWithExitZero() {
    for (String command : COMMANDS) {
      for (String[] args : new String[][] {{command, "--help"}, {command, "-h"},
          {"help", command}}) {
        String as = String.join(" ", args);
        assertThat(cli.run(args)).as(as).isZero();
        assertThat(cli.out()).as(as).startsWith("Usage: scrapyd4j " + command + " ")
            .contains("-V");
        assertThat(cli.err()).as(as).isEmpty();
      }
    }
    assertThat(cli.run("schedule", "-h")).isZero();
    assertThat(cli.out()).contains("--wait").contains("--place");
  }

  @Test
  void theTopHelpListsEveryCommandWithItsDescriptionButNotTheCompletionGenerator() {
    assertThat(cli.run("--help")).isZero();

    for (Class<?> command : Scrapyd4jCommand.commands()) {
      picocli.CommandLine.Command a = command.getAnnotation(picocli.CommandLine.Command.class);
      String words = a.description()[0].replaceFirst("^(\\S+ \\S+ \\S+).*", "$1");
      assertThat(cli.out()).containsPattern("(?m)^  " + a.name() + " +"
          + java.util.regex.Pattern.quote(words));
    }
    assertThat(cli.out()).doesNotContain(Scrapyd4jCommand.COMPLETION);
  }

  @Test
  void generateCompletionPrintsAScriptWithEveryCommandsOptions() {
    assertThat(cli.run(Scrapyd4jCommand.COMPLETION)).isZero();

    assertThat(cli.out()).contains("scrapyd4j Bash Completion").contains("complete -F")
        .contains("local commands=\"" + String.join(" ", COMMANDS) + " help\"")
        .contains("--build-egg").contains("--policy").contains("--wait").contains("--tail");
  }

  @Test
  void everyCommandPrintsTheVersionWithCapitalV() {
    for (String command : COMMANDS) {
      assertThat(cli.run(command, "-V")).as(command).isZero();
      assertThat(cli.out()).as(command).isEqualTo(VERSION_LINES);
      assertThat(cli.err()).as(command).isEmpty();
    }
  }

  @Test
  void longVersionPrintsTheVersionExceptWhereItNamesTheProjectVersion() {
    for (String command : COMMANDS) {
      if (command.equals("schedule") || command.equals("deploy") || command.equals("spiders")) {
        continue;
      }
      assertThat(cli.run(command, "--version")).as(command).isZero();
      assertThat(cli.out()).as(command).isEqualTo(VERSION_LINES);
      assertThat(cli.err()).as(command).isEmpty();
    }
    // spiders/schedule --version V and deploy -v/--version V name a project version.
    assertThat(cli.run("schedule", "--version")).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("scrapyd4j: Missing required parameter for option"
        + " '--version' (VERSION) (see 'scrapyd4j schedule --help')\n");
    assertThat(cli.run("deploy", "-h")).isZero();
    assertThat(cli.out()).contains("-v, --version=VERSION").contains("-V ");
  }

  @Test
  void anUnknownCommandIsAOneLineUsageErrorWithASuggestion() {
    assertThat(cli.run("shedule", "-p", "shop", "products")).isEqualTo(2);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).isEqualTo("scrapyd4j: Unknown command: 'shedule'; did you mean"
        + " schedule? (see 'scrapyd4j --help')\n");
  }

  @Test
  void anUnknownCommandAloneIsAUsageErrorNotABadUrl() {
    assertThat(cli.run("nosuch")).isEqualTo(2);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).isEqualTo("scrapyd4j: Unknown command: 'nosuch'; a Scrapyd URL starts"
        + " with http:// or https:// (see 'scrapyd4j --help')\n");
  }

  @Test
  void aUrlWithoutSchemeIsAUsageError() {
    assertThat(cli.run("localhost:6800")).isEqualTo(2);

    assertThat(cli.err()).isEqualTo("scrapyd4j: 'localhost:6800' is neither a command nor a"
        + " Scrapyd URL (http:// or https:// and a host) (see 'scrapyd4j --help')\n");
  }

  @Test
  void anUnknownOptionIsAOneLineUsageErrorOnStderr() {
    assertThat(cli.run("jobs", "--nosuch", "--url", "http://localhost:1")).isEqualTo(2);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).isEqualTo(
        "scrapyd4j: Unknown option: '--nosuch' (see 'scrapyd4j jobs --help')\n");
  }

  @Test
  void aMistypedOptionSuggestsTheRightOne() {
    assertThat(cli.run("jobs", "--jsn", "--url", "http://localhost:1")).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("scrapyd4j: Unknown option: '--jsn'; did you mean --json?"
        + " (see 'scrapyd4j jobs --help')\n");

    assertThat(cli.run("--verison")).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("scrapyd4j: Unknown option: '--verison'; did you mean"
        + " --version? (see 'scrapyd4j --help')\n");
  }

  @Test
  void anUnknownHelpTopicIsAUsageError() {
    assertThat(cli.run("help", "nosuch")).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).isEqualTo(
        "scrapyd4j: Unknown subcommand 'nosuch' (see 'scrapyd4j --help')\n");
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertThat(cli.run("status", "--url", "http://localhost:1")).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("scrapyd4j: Missing required parameter: 'JOB'"
        + " (see 'scrapyd4j status --help')\n");
  }

  @Test
  void closeTyposAreSuggestedFarFetchedOnesAreNot() {
    assertThat(Scrapyd4jCommand.didYouMean(List.of("schedule", "help"), "schedulee"))
        .isEqualTo("; did you mean schedule?");
    assertThat(Scrapyd4jCommand.didYouMean(List.of("jobs"), "job"))
        .isEqualTo("; did you mean jobs?");
    assertThat(Scrapyd4jCommand.didYouMean(List.of("log", "deploy"), "localhost")).isEmpty();
    assertThat(Scrapyd4jCommand.editDistance("--verison", "--version")).isEqualTo(1);
  }
}
