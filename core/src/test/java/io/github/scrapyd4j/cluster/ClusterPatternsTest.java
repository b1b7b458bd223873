package io.github.scrapyd4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.model.NamePattern;
import io.github.scrapyd4j.model.ScheduleRequest;
import io.github.scrapyd4j.testing.FakeScrapyd;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Project and spider patterns on one node and on several, as scrapyd-client has them. */
class ClusterPatternsTest {
  FakeScrapyd a;
  FakeScrapyd b;
  ClusterClient cluster;

  @BeforeEach
  void setUp() {
    a = new FakeScrapyd();
    b = new FakeScrapyd();
    a.project("shop_eu", "products", "prices").project("blog", "posts");
    b.project("shop_eu", "products").project("shop_us", "products", "reviews");
  }

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
    a.close();
    b.close();
  }

  private ClusterClient cluster(FakeScrapyd... nodes) {
    ClusterClient.Builder builder = ClusterClient.builder().healthCheckTick(Duration.ZERO)
        .retryPolicy(RetryPolicy.none()).selector(NodeSelectors.roundRobin());
    for (int i = 0; i < nodes.length; i++) {
      builder.node(Node.of(i == 0 ? "a" : "b", nodes[i].url()));
    }
    cluster = builder.build();
    return cluster;
  }

  private static ScheduleRequest plain(String project, String spider) {
    return ScheduleRequest.builder().project(project).spider(spider).putArg("k", "v").build();
  }

  @Test
  void matchingProjectsAreListedPerNode() {
    cluster(a, b);

    ClusterResult<List<String>> shops = cluster.fanOut().listProjects(NamePattern.of("shop_*"));

    assertThat(shops.successes()).containsEntry("a", List.of("shop_eu"))
        .containsKey("b");
    assertThat(shops.get("b").orElseThrow()).containsExactlyInAnyOrder("shop_eu", "shop_us");
  }

  @Test
  void matchingSpidersAreFoundOnEachNodeAndTogether() {
    cluster(a, b);

    SpiderMatches found = cluster.fanOut()
        .matchSpiders(NamePattern.of("shop*"), NamePattern.of("[pr]*"));

    assertThat(found.perNode().get("a").orElseThrow())
        .isEqualTo(Map.of("shop_eu", List.of("products", "prices")));
    assertThat(found.spiders()).containsOnlyKeys("shop_eu", "shop_us");
    assertThat(found.spiders().get("shop_eu")).containsExactly("products", "prices");
    assertThat(found.spiders().get("shop_us")).containsExactly("products", "reviews");
    assertThat(found.size()).isEqualTo(4);
    assertThat(found.nodesWith("shop_eu", "products")).containsExactly("a", "b");
    assertThat(found.nodesWith("shop_eu", "prices")).containsExactly("a");
    assertThat(found.failures()).isEmpty();
    assertThat(a.hits("/listspiders.json")).isEqualTo(1); // blog is not listed
  }

  @Test
  void plainNamesAreNotListed() {
    cluster(a);

    SpiderMatches found = cluster.fanOut()
        .matchSpiders(NamePattern.of("shop_eu"), NamePattern.of("products"));

    assertThat(found.spiders()).isEqualTo(Map.of("shop_eu", List.of("products")));
    assertThat(a.requests()).isEmpty();
  }

  @Test
  void everyMatchIsScheduledOnceOnANodeThatListsIt() {
    cluster(a, b);

    List<ScheduledMatch> done = cluster.scheduleMatching(NamePattern.of("shop*"),
        NamePattern.of("products"), ClusterPatternsTest::plain);

    assertThat(done).extracting(m -> m.project() + "/" + m.spider())
        .containsExactlyInAnyOrder("shop_eu/products", "shop_us/products");
    assertThat(done).allSatisfy(m -> {
      assertThat(m.failure()).isEmpty();
      JobRef job = m.job().orElseThrow();
      assertThat(job.jobId()).isEqualTo(m.request().jobId().orElseThrow());
      assertThat(job.node()).isPresent();
    });
    ScheduledMatch us = done.stream().filter(m -> m.project().equals("shop_us")).findFirst()
        .orElseThrow();
    assertThat(us.job().orElseThrow().node()).contains("b"); // only b has shop_us
    assertThat(a.hits("/schedule.json") + b.hits("/schedule.json")).isEqualTo(2);
  }

  @Test
  void onOneNodeEveryMatchRunsThereAndAFailureDoesNotStopTheOthers() {
    cluster(a);
    a.fail("/schedule.json", FakeScrapyd.Fault.DISCONNECT, 1);

    SpiderMatches found = cluster.fanOut().matchSpiders(NamePattern.any(), NamePattern.any());
    List<ScheduledMatch> done = cluster.scheduleMatches(found, ClusterPatternsTest::plain);

    assertThat(done).extracting(m -> m.project() + "/" + m.spider()).containsExactlyInAnyOrder(
        "shop_eu/products", "shop_eu/prices", "blog/posts");
    assertThat(done.get(0).outcomeUnknown()).isTrue(); // the first request broke after sending
    assertThat(done.get(0).failure().orElseThrow())
        .isInstanceOf(ScheduleOutcomeUnknownException.class);
    assertThat(done.subList(1, 3)).allSatisfy(m -> assertThat(m.job().orElseThrow().node())
        .contains("a"));
    assertThat(a.hits("/schedule.json")).as("each sent once, none again").isEqualTo(3);
    assertThat(a.jobs("pending")).hasSize(2);
  }

  @Test
  void oneJobIdForSeveralMatchesIsRefusedBeforeAnythingIsSent() {
    cluster(a);

    assertThatThrownBy(() -> cluster.scheduleMatching(NamePattern.of("shop_eu"),
        NamePattern.any(), (p, s) -> ScheduleRequest.builder().project(p).spider(s)
            .jobId("nightly").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job id nightly to both shop_eu/products and shop_eu/prices");
    assertThatThrownBy(() -> cluster.scheduleMatching(NamePattern.of("shop_eu"),
        NamePattern.any(), (p, s) -> ScheduleRequest.of(p, "other")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop_eu/other");
    assertThat(a.hits("/schedule.json")).isZero();

    List<ScheduledMatch> own = cluster.scheduleMatching(NamePattern.of("shop_eu"),
        NamePattern.any(), (p, s) -> ScheduleRequest.builder().project(p).spider(s)
            .jobId("nightly-" + s).build());
    assertThat(own).extracting(m -> m.job().orElseThrow().jobId())
        .containsExactly("nightly-products", "nightly-prices");
  }

  @Test
  void aNodeThatCannotBeAskedIsAFailureAndTheOthersStillMatch() {
    cluster(a, b);
    b.fail("/listprojects.json", FakeScrapyd.Fault.SERVER_ERROR, 1);

    SpiderMatches found = cluster.fanOut().matchSpiders(NamePattern.of("shop*"),
        NamePattern.any());

    assertThat(found.failures()).containsOnlyKeys("b");
    assertThat(found.spiders()).isEqualTo(Map.of("shop_eu", List.of("products", "prices")));
  }

  @Test
  void scheduleReturnsTheJobWithItsNodeAndPlaceTellsTheDetail() {
    cluster(a, b);

    JobRef job = cluster.schedule(plain("shop_eu", "products"));
    Placement placed = cluster.place(plain("shop_eu", "products"));

    assertThat(job.node()).contains("a");
    assertThat(job.project()).isEqualTo("shop_eu");
    assertThat(placed.nodeId()).isEqualTo("b");
    assertThat(placed.job().node()).contains("b");
    assertThat(placed.skipped()).isEmpty();
    assertThat(List.of(a, b).stream().map(n -> n.hits("/schedule.json"))
        .collect(Collectors.toList())).containsExactly(1L, 1L);
  }
}
