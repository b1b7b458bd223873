package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every probe runs the real command line (a forked JVM, logging at DEBUG, {@code --debug} where
 * a command takes it, so stack traces are printed too) with a password where the command has to
 * talk about it, and its stdout and stderr are scanned for the password, its URL-encoded forms
 * and the base64 {@code user:password} of an Authorization header.
 */
class CliRedactionTest {
  static final String USER = "scrapy";
  static final String SECRET = "hunter22 s3cr/et";
  static final String ENCODED = URLEncoder.encode(SECRET, StandardCharsets.UTF_8)
      .replace("+", "%20");

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path temp;

  CliProcess cli;
  final List<CliProcess.Result> results = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliProcess(temp);
    cli.jvmOptions.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
  }

  @AfterEach
  void noFormOfThePasswordWasPrinted() {
    assertThat(results).isNotEmpty();
    for (CliProcess.Result r : results) {
      for (String form : forms()) {
        assertThat(r.out + r.err).as("%s", r).doesNotContain(form);
      }
    }
  }

  static List<String> forms() {
    return List.of(SECRET, ENCODED, URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
        "hunter22", "s3cr/et", "s3cr%2Fet",
        Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
  }

  private CliProcess.Result run(String... args) throws Exception {
    CliProcess.Result r = cli.run(args);
    results.add(r);
    return r;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void theOverviewShowsAnUnreachableOrRefusingUrlWithoutItsPassword() throws Exception {
    String down = "http://" + USER + ":" + ENCODED + "@127.0.0.1:" + closedPort() + "/";
    CliProcess.Result refused = run(down);
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(unauthorized()));
    String guarded = "http://" + USER + ":" + ENCODED + "@localhost:" + wm.getPort() + "/";
    CliProcess.Result unauthorized = run(guarded);

    assertThat(refused.exitCode).as("%s", refused).isEqualTo(3);
    assertThat(refused.err).contains("No Scrapyd answers at http://" + USER + ":***@127.0.0.1:");
    assertThat(unauthorized.exitCode).as("%s", unauthorized).isEqualTo(1);
    assertThat(unauthorized.err).contains("Scrapyd at http://" + USER + ":***@localhost:"
        + wm.getPort() + "/ refused the credentials");
  }

  @Test
  void urlUsageErrorsNeverQuoteThePassword() throws Exception {
    CliProcess.Result scheme = run("projects", "--debug", "--url",
        "ftp://" + USER + ":" + ENCODED + "@h/");
    CliProcess.Result space = run("projects", "--debug", "--url",
        "http://" + USER + ":" + SECRET + "@h/");
    CliProcess.Result noScheme = run("projects", "--debug", "--url",
        USER + ":" + ENCODED + "@h:6800");
    CliProcess.Result asArgument = run("projects", "--debug",
        "http://" + USER + ":" + ENCODED + "@h/");
    CliProcess.Result misplaced = run("--password", SECRET, "projects");

    for (CliProcess.Result r : List.of(scheme, space, noScheme, asArgument, misplaced)) {
      assertThat(r.exitCode).as("%s", r).isEqualTo(2);
    }
    assertThat(scheme.err).contains("--url must start with http:// or https://")
        .contains("ftp://" + USER + ":***@h/");
    assertThat(space.err).contains("is not a valid URL");
  }

  @Test
  void targetsShowsUrlsWithTheirUserButNotTheirPassword() throws Exception {
    Files.writeString(cli.workDir.resolve("scrapy.cfg"), "[deploy]\nurl = http://" + USER + ":"
        + ENCODED.replace("%", "%%") + "@scrapyd.example.com:6800/\nproject = bot\n"
        + "[deploy:prod]\nurl = https://prod.example.com/\nusername = " + USER
        + "\npassword = " + SECRET + "\n");

    CliProcess.Result table = run("targets");
    CliProcess.Result json = run("targets", "--json");

    assertThat(table.exitCode).as("%s", table).isZero();
    assertThat(table.out).contains("http://" + USER + ":***@scrapyd.example.com:6800/");
    assertThat(json.exitCode).as("%s", json).isZero();
    assertThat(json.out).contains("\"http://" + USER + ":***@scrapyd.example.com:6800/\"");
  }

  @Test
  void scrapyCfgErrorsNameTheKeyNotThePassword() throws Exception {
    Files.writeString(cli.workDir.resolve("scrapy.cfg"), "[deploy]\nurl = http://localhost:1/\n"
        + "username = " + USER + "\npassword = " + SECRET + "%\n");
    CliProcess.Result percent = run("projects", "--debug");
    Files.writeString(cli.workDir.resolve("scrapy.cfg"), "[deploy]\nurl = http://" + USER + ":"
        + "%(password)s@localhost:1/\npassword = " + SECRET + "%\n");
    CliProcess.Result viaUrl = run("projects", "--debug");
    Files.writeString(cli.workDir.resolve("scrapy.cfg"), "[deploy]\nurl = ftp://" + USER + ":"
        + ENCODED.replace("%", "%%") + "@localhost:1/\n");
    CliProcess.Result badUrl = run("projects", "--debug");

    for (CliProcess.Result r : List.of(percent, viaUrl, badUrl)) {
      assertThat(r.exitCode).as("%s", r).isEqualTo(2);
    }
    assertThat(percent.err).contains("option 'password' of section 'deploy'");
    assertThat(badUrl.err).contains("ftp://" + USER + ":***@localhost:1/");
  }

  @Test
  void aMalformedNetrcIsIgnoredWithAWarningThatQuotesNoToken() throws Exception {
    Path netrc = cli.home.resolve(".netrc");
    Files.writeString(netrc, "machine localhost login " + USER + " password " + SECRET + "\n");
    Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));

    CliProcess.Result r = run("projects", "--debug", "--url", wm.baseUrl());

    assertThat(r.exitCode).as("%s", r).isZero();
    assertThat(r.err).contains("bad follower token");
  }

  @Test
  void aSuccessfulCallWithCredentialsLogsNoneAtDebug() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));

    CliProcess.Result inUrl = run("projects", "--debug", "--url",
        "http://" + USER + ":" + ENCODED + "@localhost:" + wm.getPort() + "/");
    cli.environment.put("SCRAPYD_USERNAME", USER);
    cli.environment.put("SCRAPYD_PASSWORD", SECRET);
    CliProcess.Result inEnv = run("projects", "--debug", "--url", wm.baseUrl(), "--json");

    assertThat(inUrl.exitCode).as("%s", inUrl).isZero();
    assertThat(inEnv.exitCode).as("%s", inEnv).isZero();
    assertThat(inUrl.err).contains("listprojects"); // DEBUG lines were printed and scanned
  }
}
