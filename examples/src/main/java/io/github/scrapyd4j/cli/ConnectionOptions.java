package io.github.scrapyd4j.cli;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.HealthPolicy;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.egg.DeployTarget;
import io.github.scrapyd4j.egg.Netrc;
import io.github.scrapyd4j.egg.ScrapyConfig;
import io.github.scrapyd4j.egg.ScrapyConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Option;

/** The options every command that talks to Scrapyd shares: where it is and how to log in. */
final class ConnectionOptions {
  static final String DEFAULT_URL = "http://localhost:6800";
  /** Where --truststore's password is read from, unless --truststore-password-env says. */
  static final String DEFAULT_TRUSTSTORE_PASSWORD_ENV = "SCRAPYD_TRUSTSTORE_PASSWORD";
  /** How long connecting to a node may take (at most the call timeout). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** How long one call may take in all, retries included, unless --call-timeout says. */
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = {"-t", "--target"}, split = ",", paramLabel = "NAME",
      description = "scrapy.cfg deploy target(s) (default: default; without a scrapy.cfg, "
          + DEFAULT_URL + "). Several run the command on each.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--url", split = ",", paramLabel = "URL",
      description = "Scrapyd URL(s) instead of targets. Several run the command on each.")
  List<String> urls = new ArrayList<>();

  @Option(names = "--username", paramLabel = "USER",
      description = "user name (default: $SCRAPYD_USERNAME, else the target's, else $HOME/.netrc)")
  String username;

  @Option(names = "--password", paramLabel = "PASSWORD",
      description = "password (default: $SCRAPYD_PASSWORD, else the target's, else $HOME/.netrc)")
  String password;

  @Option(names = "-C", paramLabel = "DIR",
      description = "project folder to find scrapy.cfg from (default: the current folder)")
  Path dir;

  @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "PT30S",
      description = "how long one call to a node may take in all, retries included (ISO-8601,"
          + " default ${DEFAULT-VALUE}); a node that has not answered by then ends the command"
          + " with exit code 3")
  Duration callTimeout = DEFAULT_CALL_TIMEOUT;

  @Option(names = "--truststore", paramLabel = "FILE",
      description = "trust the certificates in FILE (PKCS12, JKS or PEM) for https:// nodes"
          + " signed by a private authority; its password, if any, is read from $"
          + DEFAULT_TRUSTSTORE_PASSWORD_ENV + " (default: the JVM's trust,"
          + " -Djavax.net.ssl.trustStore)")
  Path truststore;

  @Option(names = "--truststore-password-env", paramLabel = "VAR",
      description = "the environment variable that holds the trust store's password (default "
          + DEFAULT_TRUSTSTORE_PASSWORD_ENV + "); the password itself is never an option")
  String truststorePasswordEnv = DEFAULT_TRUSTSTORE_PASSWORD_ENV;

  @Option(names = "--json", description = "print JSON instead of tables")
  boolean json;

  @Option(names = "--debug", description = "print stack traces of failures")
  boolean debug;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  /** The folder scrapy.cfg is searched from. */
  Path projectDir(Scrapyd4jCommand.Env env) {
    return dir == null ? env.workDir : env.workDir.resolve(dir);
  }

  /**
   * scrapy.cfg, read like scrapyd-deploy reads it: /etc/scrapy.cfg, $XDG_CONFIG_HOME/scrapy.cfg
   * (else $HOME/.config/scrapy.cfg), $HOME/.scrapy.cfg, then the project's.
   */
  ScrapyConfig config(Scrapyd4jCommand.Env env) {
    return ScrapyConfig.loader().environment(env.environment).userHome(env.home())
        .find(projectDir(env));
  }

  /** The .netrc files scrapyd-deploy reads: $HOME/.netrc, then $NETRC as requests reads it. */
  Optional<Netrc> netrc(Scrapyd4jCommand.Env env) {
    return Netrc.lookup(env.environmentWithHome());
  }

  /** Where one node's credentials came from, in words, without the password. */
  static String credentialNote(String node, Optional<Credentials> explicit,
      Optional<Credentials> sent, String source) {
    if (explicit.isPresent()) {
      return node + ": user '" + explicit.get().username() + "' from --username or"
          + " SCRAPYD_USERNAME";
    }
    return node + ": " + (sent.isPresent() ? "user '" + sent.get().username() + "' was sent, from "
        : "no credentials were sent: ") + source;
  }

  /** Credentials given on the command line or in the environment. */
  Optional<Credentials> explicitCredentials(Scrapyd4jCommand.Env env) {
    String user = username != null ? username : env.environment.get("SCRAPYD_USERNAME");
    if (user == null || user.isEmpty()) {
      if (password != null) {
        throw new IllegalArgumentException("--password needs --username (or SCRAPYD_USERNAME)");
      }
      return Optional.empty();
    }
    String pass = password != null ? password
        : env.environment.getOrDefault("SCRAPYD_PASSWORD", "");
    return Optional.of(Credentials.of(user, pass));
  }

  /** The nodes named by the options, in order, with the project their target names. */
  List<Endpoint> endpoints(Scrapyd4jCommand.Env env) {
    if (!targets.isEmpty() && !urls.isEmpty()) {
      throw new IllegalArgumentException("give --target or --url, not both");
    }
    Optional<Credentials> explicit = explicitCredentials(env);
    List<Endpoint> endpoints = new ArrayList<>();
    if (!urls.isEmpty()) {
      Optional<Netrc> netrc = explicit.isPresent() ? Optional.empty() : netrc(env);
      List<URI> uris = new ArrayList<>();
      for (String url : urls) {
        uris.add(parseUrl(url));
      }
      List<String> ids = urlIds(uris);
      for (int i = 0; i < uris.size(); i++) {
        URI uri = uris.get(i);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Optional<Credentials> creds = explicit.isPresent() || uri.getRawUserInfo() != null
            ? explicit
            : netrc.flatMap(n -> n.credentialsFor(host));
        env.credentialNotes.add(explicit.isEmpty() && uri.getRawUserInfo() != null
            ? ids.get(i) + ": the user information of the URL was sent"
            : credentialNote(ids.get(i), explicit, creds,
                (creds.isPresent() ? "" : "there is ") + netrcSource(env, netrc, host)));
        endpoints.add(new Endpoint(ids.get(i), uri, creds, Optional.empty()));
      }
      return endpoints;
    }
    ScrapyConfig cfg;
    try {
      cfg = config(env);
    } catch (ScrapyConfigException e) {
      if (targets.isEmpty() && e.problem() == ScrapyConfigException.Problem.NOT_FOUND) {
        URI uri = URI.create(DEFAULT_URL);
        endpoints.add(new Endpoint("localhost:6800", uri, explicit, Optional.empty()));
        return endpoints;
      }
      throw e;
    }
    Set<String> names = new LinkedHashSet<>(targets.isEmpty() ? List.of("default") : targets);
    Optional<Netrc> netrc = null;
    for (String name : names) {
      DeployTarget target = cfg.target(name);
      Optional<Credentials> creds = explicit;
      String source = "";
      if (creds.isEmpty()) {
        if (netrc == null) {
          netrc = netrc(env);
        }
        creds = target.credentials(netrc);
        String read = " (read " + files(cfg.sources()) + ")";
        source = target.username().filter(u -> !u.isEmpty()).isPresent()
            ? "the username of target '" + name + "'" + read
            : creds.isPresent()
                ? netrcSource(env, netrc, target.uri().getHost().toLowerCase(Locale.ROOT))
                    + ", as target '" + name + "' has no username"
                : "target '" + name + "' has no username" + read + " and there is "
                    + netrcSource(env, netrc, target.uri().getHost().toLowerCase(Locale.ROOT));
      }
      env.credentialNotes.add(credentialNote(name, explicit, creds, source));
      endpoints.add(new Endpoint(name, target.uri(), creds, target.project()));
    }
    return endpoints;
  }

  private static String netrcSource(Scrapyd4jCommand.Env env, Optional<Netrc> netrc,
      String host) {
    Optional<Path> file = netrc.flatMap(n -> n.fileFor(host));
    if (file.isPresent() && netrc.get().credentialsFor(host).isPresent()) {
      return "the .netrc entry for " + host + " in " + file.get();
    }
    List<Path> looked = new ArrayList<>();
    looked.add(env.home().resolve(".netrc"));
    String var = env.environment.get("NETRC");
    looked.add(var != null ? Path.of(var) : env.home().resolve("_netrc"));
    return "no .netrc entry for " + host + " (looked in " + files(looked) + ")";
  }

  private static String files(List<Path> files) {
    return files.isEmpty() ? "no file" : files.stream().map(Path::toString)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** @throws IllegalArgumentException when --call-timeout is not positive */
  void checkCallTimeout() {
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("--call-timeout must be positive, but was " + callTimeout);
    }
  }

  /**
   * The client of the nodes: a cluster of one node or several, whose fan-out gives each node
   * {@code --call-timeout} for a call, retries included. A single node is never taken for down
   * (there is no other to go to); several are tracked as the cluster tracks them.
   */
  ClusterClient cluster(Scrapyd4jCommand.Env env, List<Endpoint> endpoints) {
    checkCallTimeout();
    Optional<SSLContext> tls = tls(env);
    // One try may use the whole budget; the fan-out ends the call, retries included.
    Duration connect = callTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? callTimeout : CONNECT_TIMEOUT;
    ClusterClient.Builder b = ClusterClient.builder()
        .connectTimeout(connect)
        .requestTimeout(callTimeout)
        .nodeTimeout(callTimeout)
        .deadline(callTimeout)
        .healthCheckTick(Duration.ZERO);
    if (endpoints.size() == 1) {
      b.healthPolicy(HealthPolicy.builder().failuresBeforeDown(Integer.MAX_VALUE).build());
    }
    tls.ifPresent(b::sslContext);
    for (Endpoint e : endpoints) {
      Node.Builder node = Node.builder().id(e.id).baseUri(e.uri);
      e.credentials.ifPresent(node::credentials);
      b.node(node.build());
    }
    return b.build();
  }

  /**
   * The TLS context for {@code --truststore}: it trusts the certificates in the file and no
   * others; empty without the option (the JVM's trust then applies).
   *
   * @throws IllegalArgumentException when the file cannot be read as a trust store (named, with
   *     the reason; never the password)
   */
  Optional<SSLContext> tls(Scrapyd4jCommand.Env env) {
    if (truststore == null) {
      return Optional.empty();
    }
    Path file = env.workDir.resolve(truststore);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--truststore " + file + ": no such file");
    }
    String password = env.environment.get(truststorePasswordEnv);
    KeyStore store;
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1)
          .contains("-----BEGIN CERTIFICATE-----")) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(bytes))) {
          store.setCertificateEntry("cert-" + n++, c);
        }
      } else {
        // PKCS12; JKS too, as the JDK's PKCS12 store reads both.
        store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(bytes),
            password == null ? null : password.toCharArray());
      }
      if (store.size() == 0) {
        throw new IllegalArgumentException("--truststore " + file + " holds no certificate"
            + (password == null ? " readable without a password (set $" + truststorePasswordEnv
                + ")" : ""));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return Optional.of(context);
    } catch (IOException | GeneralSecurityException e) {
      String why = e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")
          ? "wrong or missing password (set $" + truststorePasswordEnv + ")"
          : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      throw new IllegalArgumentException("--truststore " + file + " cannot be read as a PKCS12,"
          + " JKS or PEM trust store: " + why);
    }
  }

  static URI parseUrl(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("--url must start with http:// or https:// and name a"
            + " host, but was " + Redaction.quote(url));
      }
      return uri;
    } catch (URISyntaxException e) {
      // Not chained: the cause's message quotes the URL whole, and --debug prints it.
      throw new IllegalArgumentException("--url " + Redaction.quote(url) + " is not a valid URL: "
          + e.getReason() + " at index " + e.getIndex());
    }
  }

  /** host:port for each URL, or node-1..n when two would be the same. */
  static List<String> urlIds(List<URI> uris) {
    List<String> ids = new ArrayList<>();
    for (URI uri : uris) {
      int port = uri.getPort() != -1 ? uri.getPort()
          : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      ids.add(uri.getHost() + ":" + port);
    }
    if (new LinkedHashSet<>(ids).size() < ids.size()) {
      ids.clear();
      for (int i = 1; i <= uris.size(); i++) {
        ids.add("node-" + i);
      }
    }
    return ids;
  }

  /** One node: its id, where it is, how to log in, and the project its target names. */
  static final class Endpoint {
    final String id;
    final URI uri;
    final Optional<Credentials> credentials;
    final Optional<String> project;

    Endpoint(String id, URI uri, Optional<Credentials> credentials, Optional<String> project) {
      this.id = id;
      this.uri = uri;
      this.credentials = credentials;
      this.project = project;
    }
  }

  static Map<String, Endpoint> byId(List<Endpoint> endpoints) {
    Map<String, Endpoint> map = new LinkedHashMap<>();
    for (Endpoint e : endpoints) {
      map.put(e.id, e);
    }
    return map;
  }
}
