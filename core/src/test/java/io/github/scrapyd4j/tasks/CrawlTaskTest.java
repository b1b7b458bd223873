package io.github.scrapyd4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.model.ScheduleRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A crawl task's defaults, checks, request and printing. */
class CrawlTaskTest {
  static CrawlTask.Builder task() {
    return CrawlTask.builder().id("nightly").project("shop").spider("products")
        .trigger(Trigger.cron("0 3 * * *"));
  }

  @Test
  void defaultsAreSkipOverlapSkipMisfiresAnyNodeNoReRuns() {
    CrawlTask t = task().build();
    assertThat(t.overlap()).isEqualTo(OverlapPolicy.SKIP);
    assertThat(t.misfire()).isEqualTo(MisfirePolicy.SKIP);
    assertThat(t.target()).isEqualTo(Target.anyNode());
    assertThat(t.maxReruns()).isZero();
    assertThat(t.timeLimit()).isEmpty();
    assertThat(t.killAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theRequestCarriesArgumentsSettingsVersionPriorityAndTheJobId() {
    ScheduleRequest r = task().putArg("category", "garden & tools").putSetting("DOWNLOAD_DELAY", "2")
        .version("r42").priority(3).build().request("job-7");
    assertThat(r.project()).isEqualTo("shop");
    assertThat(r.args()).containsEntry("category", "garden & tools");
    assertThat(r.settings()).containsEntry("DOWNLOAD_DELAY", "2");
    assertThat(r.version()).contains("r42");
    assertThat(r.priority()).hasValue(3);
    assertThat(r.jobId()).contains("job-7");
  }

  @Test
  void badTasksAreRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> task().id("a b").build()).hasMessageContaining("id must be 1 to 100");
    assertThatThrownBy(() -> task().maxReruns(11).build())
        .hasMessage("maxReruns must be 0 to 10, but was 11");
    assertThatThrownBy(() -> task().timeLimit(Duration.ZERO).build())
        .hasMessageContaining("timeLimit must be positive");
    assertThatThrownBy(() -> task().killAfter(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("killAfter must not be negative");
    assertThatThrownBy(() -> task().putArg("jobid", "x").build())
        .hasMessageContaining("spider argument 'jobid'");
    assertThatThrownBy(() -> task().project("").build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CrawlTask.builder().id("x").project("p").spider("s").build())
        .hasMessageContaining("trigger");
  }

  @Test
  void toStringNamesArgumentsAndSettingsButShowsNoValues() {
    String text = task().putArg("api_key", "s3cr3t-arg").putSetting("HTTPPROXY_AUTH", "pw-123")
        .build().toString();
    assertThat(text).contains("nightly", "api_key", "HTTPPROXY_AUTH")
        .doesNotContain("s3cr3t-arg").doesNotContain("pw-123");
  }

  @Test
  void targetsAreValues() {
    assertThat(Target.tagged("eu", "big")).isEqualTo(Target.tagged(java.util.List.of("eu", "big")))
        .hasToString("tagged[eu, big]");
    assertThat(Target.node("eu-1").nodeId()).contains("eu-1");
    assertThat(Target.anyNode().isAnyNode()).isTrue();
    assertThatThrownBy(() -> Target.tagged()).hasMessage("tags must name at least one tag");
    assertThatThrownBy(() -> Target.node(" ")).hasMessageContaining("nodeId must not be blank");
  }
}
