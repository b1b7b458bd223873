package io.github.scrapyd4j;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.scrapyd4j.model.DaemonStatus;
import io.github.scrapyd4j.testing.Recording;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().containerThreads(64).jettyAcceptors(2))
      .build();

  @Test
  void aThousandConcurrentCallsCompleteOnABoundedNumberOfThreads() {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response().withFixedDelay(20)));
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl())
        .maxConcurrentRequests(16).build()) {
      List<CompletableFuture<DaemonStatus>> calls = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        calls.add(client.async().daemonStatus());
      }
      // Threads this client started: its pool and the HttpClient's selector; not one per call.
      long clientThreads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t))
          .filter(t -> t.getName().startsWith("scrapyd4j-") || t.getName().startsWith("HttpClient"))
          .count();
      CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).join();

      assertThat(calls).allSatisfy(f -> assertThat(f.join().running()).isEqualTo(1));
      assertThat(clientThreads).as("client threads while 1000 calls are pending")
          .isBetween(1L, (long) Math.max(2, Runtime.getRuntime().availableProcessors()) + 1);
    }
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/daemonstatus.json")))).hasSize(1000);
  }

  @Test
  void callsBeyondTheLimitWaitWithoutBeingLost() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response().withFixedDelay(100)));
    try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).maxConcurrentRequests(2).build()) {
      List<CompletableFuture<DaemonStatus>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(client.async().daemonStatus());
      }
      Thread.sleep(150);
      long doneEarly = calls.stream().filter(CompletableFuture::isDone).count();
      CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);

      assertThat(doneEarly).as("two at a time: at most two done after one round").isLessThanOrEqualTo(2);
      assertThat(calls).allSatisfy(f -> assertThat(f).isCompleted());
    }
  }

  @Test
  void cancellingAFutureAbandonsTheCall() {
    wm.stubFor(get(urlPathEqualTo("/listjobs.json"))
        .willReturn(Recording.load("listjobs").response().withFixedDelay(5000)));
    try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).build()) {
      CompletableFuture<?> call = client.async().listJobs();
      assertThat(call.cancel(true)).isTrue();
      assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
    }
  }

  @Test
  void asyncFailuresCompleteWithTheSameTypesAsTheBlockingCalls() {
    wm.stubFor(get(urlPathEqualTo("/listprojects.json")).willReturn(Recording.load("auth_none").response()));
    try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).build()) {
      CompletableFuture<?> call = client.async().listProjects();
      assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(ScrapydAuthenticationException.class);
      AtomicInteger seen = new AtomicInteger();
      client.async().listProjects().handle((value, error) -> {
        if (error instanceof ScrapydAuthenticationException) {
          seen.incrementAndGet(); // the first stage sees the exception itself, not a wrapper
        }
        return null;
      }).join();
      assertThat(seen).hasValue(1);
    }
  }

  @Test
  void callerSuppliedHttpClientAndExecutorAreUsedAndNotClosed() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json")).willReturn(Recording.load("daemonstatus_busy").response()));
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "callers-pool");
      t.setDaemon(true);
      return t;
    });
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      AtomicInteger onCallersThread = new AtomicInteger();
      try (ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl())
          .httpClient(http).executor(executor).build()) {
        client.async().daemonStatus().thenRun(() -> {
          if (Thread.currentThread().getName().equals("callers-pool")) {
            onCallersThread.incrementAndGet();
          }
        }).get(5, TimeUnit.SECONDS);
      }
      assertThat(onCallersThread).hasValue(1);
      assertThat(executor.isShutdown()).as("the caller's executor is theirs").isFalse();
      try (ScrapydClient again = ScrapydClient.builder().baseUri(wm.baseUrl()).httpClient(http).build()) {
        assertThat(again.daemonStatus().running()).as("the caller's HttpClient still works").isEqualTo(1);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void callsInFlightWhenTheClientClosesStillComplete() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/daemonstatus.json"))
        .willReturn(Recording.load("daemonstatus_busy").response().withFixedDelay(300)));
    ScrapydClient client = ScrapydClient.builder().baseUri(wm.baseUrl()).build();
    CompletableFuture<DaemonStatus> inFlight = client.async().daemonStatus();
    Thread.sleep(50);

    client.close();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).running()).isEqualTo(1);
  }
}
