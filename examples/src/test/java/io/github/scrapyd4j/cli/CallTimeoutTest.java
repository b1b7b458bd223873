package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.testing.Recording;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that accepts connections and never answers: every command line read ends at
 * {@code --call-timeout}, retries included, with exit code 3 and one clear line (it used to take
 * 30 s for each of 3 tries).
 */
class CallTimeoutTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path temp;

  CliTestSupport cli;
  ServerSocket silent;
  final List<Socket> held = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          held.add(silent.accept()); // read nothing, answer nothing
        } catch (IOException e) {
          return;
        }
      }
    }, "silent-node");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    silent.close();
    for (Socket s : held) {
      s.close();
    }
  }

  private String silentUrl() {
    return "http://127.0.0.1:" + silent.getLocalPort();
  }

  @Test
  void aNodeThatNeverAnswersEndsTheCallAtTheCallTimeoutWithExitThree() {
    long start = System.nanoTime();
    int code = cli.run("projects", "--url", silentUrl(), "--call-timeout", "PT1S");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(code).as(cli.err()).isEqualTo(3);
    assertThat(cli.err().strip()).doesNotContain("\n")
        .isEqualTo("scrapyd4j: " + silentUrl() + "/: no answer within 1s, retries included"
            + " (--call-timeout); the node may still act on the request");
    assertThat(held).isNotEmpty(); // it did connect: the node accepted and kept silent
    // 1 s plus start-up, nowhere near one 30 s request timeout (let alone 3 of them).
    assertThat(millis).isLessThan(15_000);
  }

  @Test
  void lookingUpAJobOnASilentNodeEndsAtTheCallTimeoutToo() {
    assertThat(cli.run("outcome", "job-1", "-p", "labbot", "--url", silentUrl(),
        "--call-timeout", "PT0.5S")).isEqualTo(3);

    assertThat(cli.err()).contains("no answer within 500ms");
  }

  @Test
  void onSeveralNodesTheSilentOneFailsAndTheOthersAnswer() {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));

    int code = cli.run("projects", "--url", silentUrl() + "," + wm.baseUrl(), "--call-timeout",
        "PT1S");

    assertThat(code).isEqualTo(3);
    assertThat(cli.out()).contains("localhost:" + wm.getPort() + "  labbot");
    assertThat(cli.err()).contains("127.0.0.1:" + silent.getLocalPort());
  }

  @Test
  void theCallTimeoutHasADocumentedDefaultAndMustBePositive() {
    assertThat(cli.run("projects", "--help")).isZero();
    assertThat(cli.out()).contains("--call-timeout").contains("default PT30S")
        .contains("retries included");

    assertThat(cli.run("projects", "--url", wm.baseUrl(), "--call-timeout", "PT0S"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--call-timeout must be positive");
    assertThat(cli.run("projects", "--url", wm.baseUrl(), "--call-timeout", "30"))
        .isEqualTo(2);
  }
}
