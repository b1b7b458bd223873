package io.github.scrapyd4j.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The fan-out: never blocks its caller, isolates a slow or failing sink, bounds its queues. */
class AlertFanOutTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void capture() {
    logger = (Logger) LoggerFactory.getLogger("io.github.scrapyd4j");
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  private String logText() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void aSlowAndAFailingWebhookNeitherBlockTheCallerNorStopTheOtherSinks() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Alert> got = new CopyOnWriteArrayList<>();
    CountDownLatch twoDelivered = new CountDownLatch(2);
    try (WebhookReceiver failing = new WebhookReceiver();
         WebhookReceiver slow = new WebhookReceiver()) {
      failing.answer(ex -> WebhookReceiver.respond(ex, 500, "boom"));
      slow.answer(ex -> {
        release.await(20, TimeUnit.SECONDS);
        WebhookReceiver.respond(ex, 200, "ok");
      });
      String secret = WebhookAlertSinkTest.SECRET_PATH;
      try (WebhookAlertSink failingHook = WebhookAlertSink.builder(failing.url(secret)).build();
           WebhookAlertSink slowHook = WebhookAlertSink.builder(slow.url(secret))
               .timeout(Duration.ofSeconds(30)).build();
           AlertFanOut fanOut = AlertFanOut.builder()
               .sink(slowHook)
               .sink(failingHook)
               .sink(a -> {
                 got.add(a);
                 twoDelivered.countDown();
               })
               .build()) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
          fanOut.send(WebhookAlertSinkTest.alert());
          fanOut.send(WebhookAlertSinkTest.alert());
          assertThat(twoDelivered.await(5, TimeUnit.SECONDS)).isTrue();
        });
        assertThat(got).hasSize(2);
        assertThat(failing.next()).isNotNull();
        assertThat(failing.next()).isNotNull();
        assertThat(slow.next()).isNotNull(); // the first is held by the slow hook
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fanOut.failed() < 2 && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        assertThat(fanOut.failed()).isEqualTo(2);
        release.countDown();
      }
      String text = logText();
      assertThat(text).contains("not delivered to WebhookAlertSink{http://127.0.0.1:")
          .contains("answered HTTP 500: boom");
      WebhookAlertSinkTest.assertNoSecret(text);
    }
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AlertFanOut fanOut = AlertFanOut.builder()
        .queueCapacity(1)
        .closeTimeout(Duration.ofSeconds(5))
        .sink(a -> {
          started.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        })
        .build();
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      fanOut.send(WebhookAlertSinkTest.alert()); // taken by the lane's thread
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      fanOut.send(WebhookAlertSinkTest.alert()); // queued
      fanOut.send(WebhookAlertSinkTest.alert()); // dropped
      fanOut.send(WebhookAlertSinkTest.alert()); // dropped
    });
    assertThat(fanOut.dropped()).isEqualTo(2);
    release.countDown();
    fanOut.close();
    assertThat(fanOut.delivered()).isEqualTo(2);
    fanOut.send(WebhookAlertSinkTest.alert()); // after close: dropped
    assertThat(fanOut.dropped()).isEqualTo(3);
    assertThat(logText()).contains("its queue is full").contains("the fan-out is closed");
  }

  @Test
  void aFanOutWithoutSinksIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertFanOut.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one sink");
  }

  @Test
  void theLoggingSinkWritesOneMaskedLinePerAlert() {
    LoggingAlertSink.create().send(WebhookAlertSinkTest.alert());
    ILoggingEvent e = logs.list.get(logs.list.size() - 1);
    assertThat(e.getLoggerName()).isEqualTo("io.github.scrapyd4j.alerts");
    assertThat(e.getLevel().toString()).isEqualTo("WARN");
    assertThat(e.getFormattedMessage())
        .startsWith("RULE_FIRED [node-a shop/products/job-1] "
            + "rule errors>=3 fired on shop/products:")
        .contains("http://bob:***@shop.example/p1").contains("rule=errors>=3");
    WebhookAlertSinkTest.assertNoSecret(e.getFormattedMessage());
  }
}
