package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterJobs;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeSelector;
import io.github.scrapyd4j.cluster.NodeSelectors;
import io.github.scrapyd4j.cluster.Placement;
import io.github.scrapyd4j.egg.testing.Tree;
import io.github.scrapyd4j.model.JobState;
import io.github.scrapyd4j.model.ScheduleRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An EggBuilder egg deployed with Deployer through the cluster's fan-out to every real node given in {@code
 * -Dscrapyd.url=URL1,URL2,...}, then jobs placed across them; skipped without a URL.
 */
@Tag("live")
class LiveClusterDeployTest {
  @TempDir Path tmp;
  private ClusterClient cluster;
  private final String project = "eggtest-cluster-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void connect() {
    String urls = System.getProperty("scrapyd.url", "");
    assumeTrue(!urls.isBlank(), "no -Dscrapyd.url: live tests need running Scrapyd nodes");
    ClusterClient.Builder builder = ClusterClient.builder().healthCheckTick(Duration.ZERO);
    String user = System.getProperty("scrapyd.username", "");
    if (!user.isEmpty()) {
      builder.credentials(Credentials.of(user, System.getProperty("scrapyd.password", "")));
    }
    int i = 0;
    for (String url : urls.split(",")) {
      builder.node(Node.of("live-" + i++, url.trim()));
    }
    cluster = builder.build();
  }

  @AfterEach
  void cleanUp() {
    if (cluster != null) {
      for (ScrapydClient client : cluster.clients().values()) {
        try {
          client.delProject(project);
        } catch (ScrapydException ignored) {
          // not there
        }
      }
      cluster.close();
    }
  }

  @Test
  void deployOnceToEveryNodeThenScheduleAcrossThem() throws Exception {
    Egg egg = EggBuilder.builder()
        .projectDir(Tree.at(tmp.resolve("p")).scrapyProject("clusterbot", "echo").root())
        .environment(Map.of("HOME", "/nonexistent"))
        .build()
        .build();

    DeployReport deployed = Deployer.builder().build().deploy(cluster, project, "1795456800", egg);

    assertThat(deployed.succeeded()).isTrue();
    assertThat(deployed.nodes().successes()).hasSize(cluster.nodes().size());
    assertThat(cluster.versionDrift(project).isConsistent()).isTrue();

    NodeSelector inTurn = NodeSelectors.roundRobin();
    Set<String> jobIds = new HashSet<>();
    Set<String> nodes = new HashSet<>();
    for (int i = 0; i < 2 * cluster.nodes().size(); i++) {
      Placement placement = cluster.place(ScheduleRequest.of(project, "echo"), inTurn);
      jobIds.add(placement.jobId());
      nodes.add(placement.nodeId());
    }
    assertThat(nodes).hasSize(cluster.nodes().size());

    Instant deadline = Instant.now().plusSeconds(120);
    ClusterJobs jobs = cluster.allJobs(project);
    while (jobs.inState(JobState.FINISHED).size() < jobIds.size() && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
      jobs = cluster.allJobs(project);
    }
    assertThat(jobs.inState(JobState.FINISHED)).extracting(j -> j.job().id())
        .containsExactlyInAnyOrderElementsOf(jobIds);
  }
}
