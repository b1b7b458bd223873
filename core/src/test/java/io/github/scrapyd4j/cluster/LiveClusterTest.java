package io.github.scrapyd4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.jobs.JobOutcome;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.NamePattern;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.model.ScheduleResult;
import io.github.scrapyd4j.testing.LiveScrapyd;
import io.github.scrapyd4j.testing.TestEggs;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cluster client against real Scrapyd nodes: {@code -Dscrapyd.url=URL1,URL2,...} (one URL
 * makes a one-node cluster); skipped when none is given.
 */
@Tag("live")
class LiveClusterTest {
  private ClusterClient cluster;
  private String project;

  @BeforeEach
  void connect() {
    List<String> urls = LiveScrapyd.urls();
    ClusterClient.Builder builder = ClusterClient.builder().healthCheckTick(Duration.ZERO);
    String username = System.getProperty("scrapyd.username", "");
    if (!username.isEmpty()) {
      builder.credentials(Credentials.of(username, System.getProperty("scrapyd.password", "")));
    }
    for (int i = 0; i < urls.size(); i++) {
      builder.node(Node.builder().id("live-" + i).baseUri(urls.get(i)).addTag("live").build());
    }
    cluster = builder.build();
    project = "clustertest-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    if (cluster != null) {
      for (ScrapydClient client : cluster.clients().values()) {
        try {
          client.delProject(project);
        } catch (ScrapydException ignored) {
          // not deployed there
        }
      }
      cluster.close();
    }
  }

  @Test
  void deployScheduleAndFindJobsAcrossRealNodes() throws Exception {
    byte[] egg = TestEggs.project("livebot", "livebot.settings");
    for (ScrapydClient client : cluster.clients().values()) {
      assertThat(client.addVersion(project, "1", egg).spiders()).isEqualTo(2);
    }
    assertThat(cluster.versionDrift(project).isConsistent()).isTrue();
    assertThat(cluster.capacity().failures()).isEmpty();

    int nodes = cluster.nodes().size();
    Set<String> placedOn = new HashSet<>();
    Set<String> jobIds = new HashSet<>();
    NodeSelector inTurn = NodeSelectors.roundRobin();
    for (int i = 0; i < 2 * nodes; i++) {
      Placement placement = cluster.place(ScheduleRequest.of(project, "echo"), inTurn);
      placedOn.add(placement.nodeId());
      jobIds.add(placement.jobId());
    }
    assertThat(placedOn).hasSize(nodes);

    ClusterResult<ScheduleResult> everywhere =
        cluster.scheduleOnAll(ScheduleRequest.of(project, "echo"), NodeFilter.tagged("live"));
    assertThat(everywhere.allSucceeded()).isTrue();
    assertThat(everywhere.successes().values()).extracting(ScheduleResult::jobId).containsOnly(
        everywhere.successes().values().iterator().next().jobId());
    jobIds.add(everywhere.successes().values().iterator().next().jobId());

    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      ClusterJobs jobs = cluster.allJobs(project);
      long finished = jobs.inState(JobState.FINISHED).stream().filter(j -> jobIds.contains(j.job().id())).count();
      if (finished == 2L * nodes + nodes) {
        break;
      }
      Thread.sleep(1000);
    }
    ClusterJobs jobs = cluster.allJobs(project);
    assertThat(jobs.failures()).isEmpty();
    for (String jobId : jobIds) {
      assertThat(cluster.findJob(project, jobId)).as(jobId).isPresent(); // any Scrapyd version
    }
    assertThat(jobs.inState(JobState.FINISHED)).hasSize(2 * nodes + nodes);
    assertThat(cluster.states().values()).containsOnly(NodeState.UP);
  }

  @Test
  void patternsMatchAndScheduleOnRealNodes() throws Exception {
    byte[] egg = TestEggs.project("livebot", "livebot.settings");
    for (ScrapydClient client : cluster.clients().values()) {
      client.addVersion(project, "1", egg);
    }
    NamePattern ours = NamePattern.of(project.substring(0, project.length() - 3) + "???");

    assertThat(cluster.fanOut().listProjects(ours).successes().values())
        .allSatisfy(projects -> assertThat(projects).containsExactly(project));
    SpiderMatches found = cluster.fanOut().matchSpiders(ours, NamePattern.of("[!s]*"));
    assertThat(found.failures()).isEmpty();
    assertThat(found.spiders()).isEqualTo(java.util.Map.of(project, List.of("echo")));

    List<ScheduledMatch> done = cluster.scheduleMatches(found,
        (p, s) -> ScheduleRequest.builder().project(p).spider(s).putArg("k", "v").build());
    assertThat(done).hasSize(1);
    JobRef job = done.get(0).job().orElseThrow();
    assertThat(cluster.findJob(project, job.jobId())).hasValueSatisfying(
        j -> assertThat(j.nodeId()).isEqualTo(job.node().orElseThrow()));
    assertThat(cluster.jobs().await(job, Duration.ofMinutes(2)).verdict())
        .isEqualTo(JobOutcome.Verdict.SUCCEEDED);
  }
}
