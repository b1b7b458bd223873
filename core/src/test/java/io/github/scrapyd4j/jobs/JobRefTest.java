package io.github.scrapyd4j.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.PendingJob;
import io.github.scrapyd4j.model.RunningJob;
import io.github.scrapyd4j.model.ScheduleResult;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Job references from every source, their checks, and the two stock schedulers. */
class JobRefTest {
  private static final LocalDateTime T = LocalDateTime.of(2026, 11, 23, 18, 0);

  @Test
  void aScheduleResultGivesProjectSpiderAndJobId() {
    JobRef ref = JobRef.of(ScheduleResult.builder().nodeName("vm").project("p").spider("s").jobId("j").build());

    assertThat(ref).isEqualTo(JobRef.of("p", "s", "j"));
    assertThat(ref.node()).isEmpty();
    assertThat(ref.logUrl()).isEmpty();
  }

  @Test
  void listedJobsKeepTheirFileLocationsAndPendingOnesHaveNone() {
    URI log = URI.create("http://h:6800/logs/p/s/j.log");
    URI items = URI.create("http://h:6800/items/p/s/j.jl");
    RunningJob running = RunningJob.builder().id("j").project("p").spider("s").startTime(T)
        .logUrl(log).itemsUrl(items).build();
    FinishedJob finished = FinishedJob.builder().id("j").project("p").spider("s").startTime(T)
        .endTime(T.plusSeconds(5)).logUrl(log).build();
    PendingJob pending = PendingJob.builder().id("j").project("p").spider("s").build();

    assertThat(JobRef.of(running).logUrl()).contains(log);
    assertThat(JobRef.of(running).itemsUrl()).contains(items);
    assertThat(JobRef.of(finished).logUrl()).contains(log);
    assertThat(JobRef.of(finished).itemsUrl()).isEmpty();
    assertThat(JobRef.of(pending)).isEqualTo(JobRef.of("p", "s", "j"));
  }

  @Test
  void aNodeCanBeAttachedAndMustNotBeBlank() {
    JobRef ref = JobRef.of("p", "s", "j").onNode("eu-1");

    assertThat(ref.node()).contains("eu-1");
    assertThat(ref.jobId()).isEqualTo("j");
    assertThatThrownBy(() -> ref.onNode(" ")).hasMessageContaining("nodeId");
  }

  @Test
  void namesScrapydCannotUseAsFileNamesAreRejected() {
    assertThatThrownBy(() -> JobRef.of("p", "s", "../x")).hasMessageContaining("jobId");
    assertThatThrownBy(() -> JobRef.of("a/b", "s", "j")).hasMessageContaining("project");
    assertThatThrownBy(() -> JobRef.of("p", "", "j")).hasMessageContaining("spider");
    assertThatThrownBy(() -> JobRef.of((ScheduleResult) null)).hasMessageContaining("scheduled");
    assertThatThrownBy(() -> JobRef.of((io.github.scrapyd4j.model.Job) null)).hasMessageContaining("job");
  }

  @Test
  void theExecutorSchedulerRunsATaskTheExecutorRejectsOnItsTimerThread() throws Exception {
    ExecutorService shutDown = Executors.newSingleThreadExecutor();
    shutDown.shutdown();
    CountDownLatch ran = new CountDownLatch(2);

    PollScheduler.onExecutor(shutDown).schedule(Duration.ZERO, ran::countDown);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    timer.shutdown();
    PollScheduler.of(timer).schedule(Duration.ofMillis(1), ran::countDown);

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
