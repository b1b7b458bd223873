package io.github.scrapyd4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.scrapyd4j.testing.Recording;
import io.github.scrapyd4j.testing.TestTls;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTPS node whose certificate is self-signed (made with keytool for the test run, see
 * {@link TestTls}): the command line reaches it with {@code --truststore} (PKCS12 with its
 * password from the environment, or PEM), on one node and on several, and says what to do
 * without it; nothing JVM-wide is set.
 */
class TrustStoreTest {
  static WireMockServer server;
  static String httpsUrl;

  @TempDir Path temp;

  CliTestSupport cli;

  @BeforeAll
  static void start() {
    TestTls tls = TestTls.get();
    server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
        .keystorePath(tls.keyStore().toString()).keystoreType("PKCS12")
        .keystorePassword(TestTls.PASSWORD).keyManagerPassword(TestTls.PASSWORD));
    server.start();
    server.stubFor(get(urlPathEqualTo("/listprojects.json"))
        .willReturn(Recording.load("listprojects").response()));
    httpsUrl = "https://127.0.0.1:" + server.httpsPort();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliTestSupport(temp);
  }

  /** The node's certificate alone, as PEM (what a private CA hands out). */
  private Path pem() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(TestTls.get().keyStore())) {
      keys.load(in, TestTls.PASSWORD.toCharArray());
    }
    byte[] der = keys.getCertificate("node").getEncoded();
    String text = "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
    return Files.writeString(temp.resolve("ca.pem"), text);
  }

  @Test
  void withoutTheTrustStoreTheNodeIsATlsFailureWithAHint() {
    assertThat(cli.run("projects", "--url", httpsUrl)).isEqualTo(3);

    assertThat(cli.err()).contains("TLS failed").contains("--truststore FILE")
        .contains("-Djavax.net.ssl.trustStore").doesNotContain("pip install");
  }

  @Test
  void aPkcs12TrustStoreWithItsPasswordFromTheEnvironmentReachesTheNode() {
    cli.environment.put("SCRAPYD_TRUSTSTORE_PASSWORD", TestTls.PASSWORD);

    assertThat(cli.run("projects", "--url", httpsUrl, "--truststore",
        TestTls.get().keyStore().toString())).as(cli.err()).isZero();

    assertThat(cli.out()).isEqualTo("PROJECT\nlabbot\n");
  }

  @Test
  void aPemCertificateNeedsNoPasswordAndWorksOnSeveralNodes() throws Exception {
    Path pem = pem();

    assertThat(cli.run("projects", "--url", httpsUrl, "--truststore", pem.toString()))
        .as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("PROJECT\nlabbot\n");

    // A relative path is taken from the working folder, as a shell would.
    assertThat(cli.run("projects", "--url", httpsUrl + "," + httpsUrl, "--truststore",
        "../ca.pem")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("NODE    PROJECT\nnode-1  labbot\nnode-2  labbot\n");
  }

  @Test
  void thePasswordCanComeFromAnotherVariableAndAWrongOneIsNamedNotShown() {
    cli.environment.put("MY_TLS_PW", TestTls.PASSWORD);
    assertThat(cli.run("projects", "--url", httpsUrl, "--truststore",
        TestTls.get().keyStore().toString(), "--truststore-password-env", "MY_TLS_PW"))
        .as(cli.err()).isZero();

    cli.environment.put("SCRAPYD_TRUSTSTORE_PASSWORD", "wrong-pw-42");
    assertThat(cli.run("projects", "--url", httpsUrl, "--truststore",
        TestTls.get().keyStore().toString(), "--debug")).isEqualTo(2);
    assertThat(cli.err()).contains("--truststore " + TestTls.get().keyStore())
        .contains("wrong or missing password (set $SCRAPYD_TRUSTSTORE_PASSWORD)")
        .doesNotContain("wrong-pw-42");

    assertThat(cli.run("projects", "--url", httpsUrl, "--truststore", "nope.p12")).isEqualTo(2);
    assertThat(cli.err()).contains("nope.p12: no such file");
  }

  @Test
  void helpDocumentsTheOptionAndTheJvmProperty() {
    assertThat(cli.run("projects", "--help")).isZero();

    assertThat(cli.out()).contains("--truststore=FILE").contains("SCRAPYD_TRUSTSTORE_PASSWORD")
        .contains("-Djavax.net.ssl.trustStore").doesNotContain("--truststore-password=");
  }
}
