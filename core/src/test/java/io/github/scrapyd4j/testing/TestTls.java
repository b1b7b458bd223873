package io.github.scrapyd4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private certificate authority made for one test run: a self-signed certificate for 127.0.0.1
 * and localhost in a PKCS12 key store (made with the JDK's keytool), and a TLS context that trusts
 * only it. Nothing JVM-wide is changed.
 */
public final class TestTls {
  public static final String PASSWORD = "changeit-test";
  private static TestTls instance;

  private final Path keyStore;
  private final SSLContext trusting;

  private TestTls(Path keyStore, SSLContext trusting) {
    this.keyStore = keyStore;
    this.trusting = trusting;
  }

  /** The shared test authority, made on first use. */
  public static synchronized TestTls get() {
    if (instance == null) {
      try {
        instance = make();
      } catch (IOException | GeneralSecurityException | InterruptedException e) {
        throw new IllegalStateException("could not make a test certificate with keytool", e);
      }
    }
    return instance;
  }

  private static TestTls make() throws IOException, GeneralSecurityException, InterruptedException {
    Path dir = Files.createTempDirectory("scrapyd4j-tls");
    dir.toFile().deleteOnExit();
    Path store = dir.resolve("node.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "node",
        "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=scrapyd4j test node", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    store.toFile().deleteOnExit();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return new TestTls(store, context);
  }

  /** The key store the test server presents its certificate from. */
  public Path keyStore() {
    return keyStore;
  }

  /** A TLS context that trusts the test certificate only. */
  public SSLContext trusting() {
    return trusting;
  }
}
