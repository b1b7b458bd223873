package io.github.scrapyd4j.internal;

import io.github.scrapyd4j.ScrapydClient;
import java.util.function.Function;

/**
 * Lets scrapyd4j's own packages (job tracking, logs, cluster) reach a client's transport without
 * making it public API: {@link ScrapydClient} registers the accessor when its class initialises.
 */
public final class ClientAccess {
  private static volatile Function<ScrapydClient, Transport> transportOf;

  private ClientAccess() {}

  /** Called once by ScrapydClient's static initialiser. */
  public static void register(Function<ScrapydClient, Transport> accessor) {
    transportOf = accessor;
  }

  /** The transport behind a client: its base URI, credentials, timeouts, executor and retries. */
  public static Transport transport(ScrapydClient client) {
    Checks.notNull("client", client);
    if (transportOf == null) {
      // Initialising ScrapydClient registers the accessor.
      try {
        Class.forName(ScrapydClient.class.getName(), true, ScrapydClient.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return transportOf.apply(client);
  }
}
