package io.github.scrapyd4j.examples;

import io.github.scrapyd4j.ScrapydAuthenticationException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydScheduleOutcomeUnknownException;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the example programs share: how they connect, and how they report a failure. */
final class Examples {
  /** What every example says when no Scrapyd answers. */
  static final String HOW_TO_START = "start one with `pip install scrapyd && scrapyd`";

  /** Where the example Scrapy project is looked for, relative to the working folder. */
  static final List<String> PROJECT_DIRS =
      List.of("examples/quickstart-project", "quickstart-project");

  private Examples() {}

  /**
   * The example Scrapy project's folder: the one given, or the first of {@link #PROJECT_DIRS}
   * that exists; empty when it holds no {@code scrapy.cfg}.
   */
  static Optional<Path> projectDir(String given) {
    Optional<Path> dir = given != null
        ? Optional.of(Path.of(given))
        : PROJECT_DIRS.stream().map(Path::of).filter(Files::isDirectory).findFirst();
    return dir.filter(d -> Files.isRegularFile(d.resolve("scrapy.cfg")));
  }

  /** The line printed when {@link #projectDir} finds nothing. */
  static String noProject(String given) {
    return "No Scrapy project found (looked for "
        + (given != null ? given : String.join(" and ", PROJECT_DIRS)) + "/scrapy.cfg): run this"
        + " from the repository's root or give the project folder.";
  }

  /**
   * A cluster client over the URLs, each node named by its host and port, with the same
   * connect timeout and credentials as {@link #client(String)}.
   *
   * @throws IllegalArgumentException if a URL is not an http(s) URL
   */
  static ClusterClient cluster(List<String> urls) {
    ClusterClient.Builder builder = ClusterClient.builder().connectTimeout(Duration.ofSeconds(3));
    for (String url : urls) {
      URI uri = URI.create(url);
      String id = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      builder.node(Node.of(id, url));
    }
    credentials().ifPresent(builder::credentials);
    return builder.build();
  }

  /**
   * A client for the URL, with a short connect timeout (a missing server is reported fast) and
   * credentials from {@code SCRAPYD_USERNAME} and {@code SCRAPYD_PASSWORD} when set.
   *
   * @throws IllegalArgumentException if the URL is not an http(s) URL
   */
  static ScrapydClient client(String url) {
    ScrapydClient.Builder builder = ScrapydClient.builder()
        .baseUri(url)
        .connectTimeout(Duration.ofSeconds(3));
    credentials().ifPresent(builder::credentials);
    return builder.build();
  }

  /** Credentials from {@code SCRAPYD_USERNAME} and {@code SCRAPYD_PASSWORD}, when set. */
  private static Optional<Credentials> credentials() {
    String username = System.getenv("SCRAPYD_USERNAME");
    if (username == null || username.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Credentials.of(username, System.getenv().getOrDefault("SCRAPYD_PASSWORD", "")));
  }

  /**
   * Prints one line about the failure and returns the exit code: 3 when the node could not be
   * reached or answered too slowly, or may or may not have started a job, 1 otherwise.
   */
  static int report(String url, ScrapydException e, PrintStream err) {
    if (e instanceof ScrapydScheduleOutcomeUnknownException) {
      String id = ((ScrapydScheduleOutcomeUnknownException) e).jobId();
      err.println("Scrapyd at " + Redaction.uri(url) + " may or may not have started job " + id
          + " (" + rootCause(e) + "): look it up (scrapyd4j outcome " + id + " -p PROJECT)"
          + " before running it again.");
      return 3;
    }
    if (e instanceof ScrapydConnectionException || e instanceof ScrapydTimeoutException) {
      err.println("No Scrapyd answers at " + Redaction.uri(url) + " (" + rootCause(e) + "): "
          + HOW_TO_START
          + ", or give its URL as the first argument.");
      return 3;
    }
    if (e instanceof ScrapydAuthenticationException) {
      err.println("Scrapyd at " + Redaction.uri(url) + " refused the credentials (HTTP 401): set"
          + " SCRAPYD_USERNAME and SCRAPYD_PASSWORD.");
      return 1;
    }
    err.println("Scrapyd at " + Redaction.uri(url) + " failed: " + e.getMessage());
    return 1;
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      if (cause.getCause() instanceof ConnectException) {
        return "connection refused";
      }
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
