package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.egg.ScrapyConfigException.Problem;
import io.github.scrapyd4j.model.ScrapydStyle;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A deploy target of {@code scrapy.cfg}, as scrapyd-deploy reads it: {@code [deploy]} is the
 * target {@code default} (only when it has a {@code url}); each {@code [deploy:NAME]} is the target
 * {@code NAME}, starting from every key of {@code [deploy]} and overriding them.
 *
 * <pre>{@code
 * DeployTarget prod = ScrapyConfig.find(Path.of(".")).target("prod");
 * try (ScrapydClient client = prod.clientBuilder(Netrc.loadDefault()).build()) {
 *   System.out.println(client.listVersions(prod.project().orElseThrow()).latest());
 * }
 * }</pre>
 *
 * <p>The password is never shown by {@link #toString()}.
 */
@Value.Immutable
@ScrapydStyle
public abstract class DeployTarget {
  DeployTarget() {}

  /**
   * The target's name: {@code default} for {@code [deploy]}, {@code NAME} for
   * {@code [deploy:NAME]}.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The {@code url} key: where Scrapyd is.
   *
   * @return the URL as written (after interpolation), if any
   */
  public abstract Optional<String> url();

  /**
   * The {@code project} key: the Scrapyd project to deploy to.
   *
   * @return the project, if set
   */
  public abstract Optional<String> project();

  /**
   * The {@code username} key.
   *
   * @return the user name, if set
   */
  public abstract Optional<String> username();

  /**
   * The {@code password} key (scrapyd-deploy's default is empty).
   *
   * @return the password, if set
   */
  @Value.Redacted
  public abstract Optional<String> password();

  /**
   * The {@code version} key: a version, or {@code GIT} or {@code HG}.
   *
   * @return the version rule, if set
   */
  public abstract Optional<String> version();

  /**
   * Every key of the target, the ones above included, after interpolation and environment
   * expansion.
   *
   * @return the keys, lower case, in file order
   */
  @Value.Redacted
  public abstract Map<String, String> options();

  /**
   * The {@code url} as a URI.
   *
   * @return the URI
   * @throws ScrapyConfigException if the target has no {@code url}, or it is not an http or https
   *     URL with a host
   */
  public URI uri() {
    String url = url().orElseThrow(() -> new ScrapyConfigException(Problem.INVALID_URL,
        "deploy target '" + name() + "' has no url; add url = http://host:6800/ to its section"
            + " in scrapy.cfg", null, 0, null));
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ScrapyConfigException(Problem.INVALID_URL, "deploy target '" + name()
            + "' has url " + Redaction.quote(url)
            + ", which is not an http:// or https:// URL with a host", null, 0, null);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ScrapyConfigException(Problem.INVALID_URL, "deploy target '" + name()
          + "' has url " + Redaction.quote(url) + ", which is not a valid URL: " + e.getReason()
          + " at index " + e.getIndex(), null, 0, null); // the cause would quote the URL whole
    }
  }


  /**
   * The target with its URL's password hidden ({@link Redaction#uri(String)}), and neither the
   * {@code password} key nor the other keys' values.
   *
   * @return the name, URL, project, user name and version
   */
  @Override
  public String toString() {
    return "DeployTarget{name=" + name()
        + ", url=" + url().map(Redaction::quote).orElse("none")
        + ", project=" + project().orElse("none")
        + ", username=" + username().orElse("none")
        + ", password=" + (password().isPresent() ? Redaction.MASK : "none")
        + ", version=" + version().orElse("none")
        + ", keys=" + options().keySet() + '}';
  }

  /**
   * The credentials scrapyd-deploy would send: {@code username} and {@code password} when
   * {@code username} is set and not empty, else the {@code .netrc} entry for the URL's host.
   *
   * @param netrc the {@code .netrc} to look in, or empty to look nowhere
   * @return the credentials, empty for none
   */
  public Optional<Credentials> credentials(Optional<Netrc> netrc) {
    Optional<String> username = username().filter(u -> !u.isEmpty());
    if (username.isPresent()) {
      if (username.get().indexOf(':') >= 0) {
        throw new ScrapyConfigException(Problem.INVALID_CREDENTIALS, "deploy target '" + name()
            + "' has a username with ':', which HTTP basic authentication cannot carry", null, 0,
            null);
      }
      return Optional.of(Credentials.of(username.get(), password().orElse("")));
    }
    if (netrc.isEmpty() || url().isEmpty()) {
      return Optional.empty();
    }
    String host = uri().getHost();
    return netrc.get().credentialsFor(host.toLowerCase(Locale.ROOT));
  }

  /**
   * A client builder for this target: its URI and its credentials (see {@link
   * #credentials(Optional)}). Set timeouts and the like on it, then build.
   *
   * @param netrc the {@code .netrc} to look in for credentials, or empty
   * @return a client builder
   */
  public ScrapydClient.Builder clientBuilder(Optional<Netrc> netrc) {
    ScrapydClient.Builder builder = ScrapydClient.builder().baseUri(uri());
    credentials(netrc).ifPresent(builder::credentials);
    return builder;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DeployTarget} values. */
  public static final class Builder extends ImmutableDeployTarget.Builder {
    Builder() {}
  }
}
