package io.github.scrapyd4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydClient;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * Every client option, set as a cluster default and as one node's override, reaches the node's
 * client: the node's value when it has one, the cluster's otherwise. The list of options is read
 * from {@link ClientOptions} itself, so a new option without a sample here fails the test.
 */
class ClientOptionsRoundTripTest {
  private static final Executor CLUSTER_EXECUTOR = Runnable::run;
  private static final Executor NODE_EXECUTOR = runnable -> runnable.run();
  private static final HttpClient CLUSTER_HTTP = HttpClient.newBuilder().build();
  private static final HttpClient NODE_HTTP = HttpClient.newBuilder().build();

  /** Option name to {cluster default, node override}; sslContext is tried on its own below. */
  private static Map<String, Object[]> samples() {
    Map<String, Object[]> samples = new LinkedHashMap<>();
    samples.put("credentials",
        new Object[] {Credentials.of("cluster", "c-pw"), Credentials.of("node", "n-pw")});
    samples.put("connectTimeout", new Object[] {Duration.ofSeconds(11), Duration.ofSeconds(12)});
    samples.put("requestTimeout", new Object[] {Duration.ofSeconds(21), Duration.ofSeconds(22)});
    samples.put("spiderListingTimeout",
        new Object[] {Duration.ofSeconds(31), Duration.ofSeconds(32)});
    samples.put("userAgent", new Object[] {"cluster-agent/1", "node-agent/2"});
    samples.put("retryPolicy",
        new Object[] {RetryPolicy.none(), RetryPolicy.builder().maxAttempts(7).build()});
    samples.put("maxConcurrentRequests", new Object[] {41, 42});
    samples.put("maxResponseBytes", new Object[] {51_000L, 52_000L});
    samples.put("maxErrorBodyBytes", new Object[] {61, 62});
    samples.put("maxLineBytes", new Object[] {71, 72});
    samples.put("httpClient", new Object[] {CLUSTER_HTTP, NODE_HTTP});
    samples.put("executor", new Object[] {CLUSTER_EXECUTOR, NODE_EXECUTOR});
    return samples;
  }

  @Test
  void everyOptionHasASample() {
    Set<String> options = Arrays.stream(ClientOptions.class.getDeclaredMethods())
        .filter(m -> Modifier.isAbstract(m.getModifiers()) && m.getParameterCount() == 0)
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> sampled = new TreeSet<>(samples().keySet());
    sampled.add("sslContext");
    assertThat(sampled).isEqualTo(options);
  }

  @Test
  void nodeOverrideWinsAndClusterDefaultFillsTheRest() {
    Map<String, Object[]> samples = samples();
    ClientOptions clusterDefaults = options(samples, 0);
    ClientOptions nodeOwn = options(samples, 1);
    try (ClusterClient cluster = ClusterClient.builder()
        .options(clusterDefaults)
        .healthCheckTick(Duration.ZERO)
        .node(Node.of("plain", "http://plain.invalid:6800"))
        .node(Node.builder().id("own").baseUri("http://own.invalid:6800").options(nodeOwn).build())
        .build()) {
      ClientOptions plain = cluster.client("plain").options();
      ClientOptions own = cluster.client("own").options();
      for (Map.Entry<String, Object[]> sample : samples.entrySet()) {
        assertThat(read(plain, sample.getKey())).as("cluster default of " + sample.getKey())
            .isEqualTo(sample.getValue()[0]);
        assertThat(read(own, sample.getKey())).as("node override of " + sample.getKey())
            .isEqualTo(sample.getValue()[1]);
      }
    }
  }

  @Test
  void nodeTlsContextWinsAndClusterTlsContextReachesTheOthers() throws Exception {
    SSLContext clusterTls = tls();
    SSLContext nodeTls = tls();
    try (ClusterClient cluster = ClusterClient.builder()
        .sslContext(clusterTls)
        .healthCheckTick(Duration.ZERO)
        .node(Node.of("plain", "https://plain.invalid"))
        .node(Node.builder().id("own").baseUri("https://own.invalid")
            .options(ClientOptions.builder().sslContext(nodeTls).build()).build())
        .build()) {
      ClientOptions plain = cluster.client("plain").options();
      ClientOptions own = cluster.client("own").options();
      assertThat(own.sslContext()).containsSame(nodeTls);
      assertThat(own.httpClient()).isEmpty();
      // the other node shares the HTTP client the cluster made with its TLS context
      assertThat(plain.httpClient().orElseThrow().sslContext()).isSameAs(clusterTls);
    }
  }

  @Test
  void nodeFluentSettersAreTheSameAsItsOptions() {
    Node fluent = Node.builder().id("n").baseUri("http://n.invalid")
        .credentials(Credentials.of("u", "p")).requestTimeout(Duration.ofSeconds(3)).build();
    Node viaOptions = Node.builder().id("n").baseUri("http://n.invalid")
        .options(ClientOptions.builder().credentials(Credentials.of("u", "p"))
            .requestTimeout(Duration.ofSeconds(3)).build())
        .build();
    assertThat(fluent).isEqualTo(viaOptions);
    assertThat(fluent.requestTimeout()).contains(Duration.ofSeconds(3));
  }

  @Test
  void withDefaultsTakesEachSetOptionAndTheDefaultOtherwise() {
    Map<String, Object[]> samples = samples();
    ClientOptions defaults = options(samples, 0);
    for (Map.Entry<String, Object[]> sample : samples.entrySet()) {
      ClientOptions one = set(ClientOptions.builder(), sample.getKey(), sample.getValue()[1])
          .build();
      ClientOptions merged = one.withDefaults(defaults);
      for (String name : samples.keySet()) {
        Object expected = samples.get(name)[name.equals(sample.getKey()) ? 1 : 0];
        assertThat(read(merged, name)).as(name + " with " + sample.getKey() + " set")
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void everyOptionHasOneFluentSetterThatEveryBuilderInherits() throws Exception {
    Map<String, Object[]> samples = samples();
    samples.put("sslContext", new Object[] {tls(), tls()});
    for (Class<?> builder : new Class<?>[] {
        ScrapydClient.Builder.class, ClusterClient.Builder.class, Node.Builder.class}) {
      assertThat(builder.getSuperclass()).isEqualTo(ClientOptions.Setters.class);
      Set<String> ownOptionSetters = Arrays.stream(builder.getDeclaredMethods())
          .map(Method::getName)
          .filter(samples::containsKey)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(ownOptionSetters).as(builder + " declares option setters of its own").isEmpty();
    }
    for (Map.Entry<String, Object[]> sample : samples.entrySet()) {
      Object value = sample.getValue()[0];
      ClientOptions expected = set(ClientOptions.builder(), sample.getKey(), value).build();
      ScrapydClient.Builder client = ScrapydClient.builder();
      fluent(client, sample.getKey(), value);
      Node.Builder node = Node.builder().id("n").baseUri("http://n.invalid");
      fluent(node, sample.getKey(), value);
      assertThat(node.build().options()).as("Node." + sample.getKey()).isEqualTo(expected);
      // the cluster and the client: the value reaches the node's client
      if (!sample.getKey().equals("maxConcurrentRequests")) { // the cluster's is its fan-out's
        ClusterClient.Builder clusterBuilder = ClusterClient.builder()
            .healthCheckTick(Duration.ZERO).node(Node.of("plain", "http://plain.invalid:6800"));
        fluent(clusterBuilder, sample.getKey(), value);
        try (ClusterClient cluster = clusterBuilder.build()) {
          ClientOptions used = cluster.client("plain").options();
          if (sample.getKey().equals("sslContext")) {
            assertThat(used.httpClient().orElseThrow().sslContext()).isSameAs(value);
          } else {
            assertThat(read(used, sample.getKey())).as("cluster " + sample.getKey())
                .isEqualTo(value);
          }
        }
      }
      try (ScrapydClient built = client.build()) {
        assertThat(read(built.options(), sample.getKey())).as("client " + sample.getKey())
            .isEqualTo(value);
      }
    }
  }

  @Test
  void aRefusedValueThrowsAtOnceOrFromTheNodesBuildNamingTheNode() {
    assertThatThrownBy(() -> ScrapydClient.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be positive, but was PT0S");
    assertThatThrownBy(() -> ClusterClient.builder().maxLineBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLineBytes must be 1 or more, but was 0");
    Node.Builder node = Node.builder().id("n1").baseUri("http://n.invalid").maxResponseBytes(-1);
    assertThatThrownBy(node::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node n1: maxResponseBytes must be 1 or more, but was -1");
    assertThatThrownBy(() -> Node.builder().connectTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("connectTimeout");
  }

  private static void fluent(Object builder, String name, Object value) {
    for (Method method : builder.getClass().getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == 1
          && wrap(method.getParameterTypes()[0]).isInstance(value)) {
        try {
          assertThat(method.invoke(builder, value)).isSameAs(builder);
          return;
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no fluent setter " + name + " on " + builder.getClass());
  }

  @Test
  void scrapydClientBuilderKeepsItsFluentMethodsOverOptions() {
    try (ScrapydClient client = ScrapydClient.builder()
        .options(ClientOptions.builder().requestTimeout(Duration.ofSeconds(5))
            .userAgent("first/1").build())
        .userAgent("second/2")
        .build()) {
      assertThat(client.options().requestTimeout()).contains(Duration.ofSeconds(5));
      assertThat(client.options().userAgent()).contains("second/2");
      assertThat(client.options().connectTimeout())
          .contains(ScrapydClient.DEFAULT_CONNECT_TIMEOUT);
    }
  }

  private static SSLContext tls() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    return context;
  }

  private static ClientOptions options(Map<String, Object[]> samples, int which) {
    ClientOptions.Builder builder = ClientOptions.builder();
    samples.forEach((name, values) -> set(builder, name, values[which]));
    return builder.build();
  }

  private static ClientOptions.Builder set(ClientOptions.Builder builder, String name,
      Object value) {
    for (Method method : ClientOptions.Builder.class.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == 1
          && wrap(method.getParameterTypes()[0]).isInstance(value)) {
        try {
          method.invoke(builder, value);
          return builder;
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no setter " + name + " for " + value.getClass());
  }

  private static Object read(ClientOptions options, String name) {
    try {
      Object value = ClientOptions.class.getMethod(name).invoke(options);
      if (value instanceof OptionalInt) {
        return ((OptionalInt) value).isPresent() ? ((OptionalInt) value).getAsInt() : null;
      }
      if (value instanceof OptionalLong) {
        return ((OptionalLong) value).isPresent() ? ((OptionalLong) value).getAsLong() : null;
      }
      return ((Optional<?>) value).orElse(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Class<?> wrap(Class<?> type) {
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    return type;
  }
}
