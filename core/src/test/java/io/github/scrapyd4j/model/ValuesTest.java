package io.github.scrapyd4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void scheduleRequestKeepsSettingsAndArgumentsInInsertionOrder() {
    ScheduleRequest request = ScheduleRequest.builder()
        .project("p").spider("s")
        .putSetting("Z_LAST", "1").putSetting("A_FIRST", "2").putSetting("M", "x=y=z")
        .putArg("zeta", "1").putArg("alpha", "").putArg("mid", "&=%+ é")
        .build();

    assertThat(request.settings()).containsExactly(entry("Z_LAST", "1"), entry("A_FIRST", "2"), entry("M", "x=y=z"));
    assertThat(request.args()).containsExactly(entry("zeta", "1"), entry("alpha", ""), entry("mid", "&=%+ é"));
  }

  @Test
  void argumentNamedLikeAScheduleFieldIsRejected() {
    for (String reserved : new String[] {"project", "spider", "setting", "jobid", "priority", "_version", "_job"}) {
      assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").putArg(reserved, "x").build())
          .as(reserved)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("spider argument '" + reserved + "'")
          .hasMessageContaining("would not reach the spider");
    }
    assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").putArg("setting", "A=1").build())
        .hasMessageContaining("putSetting");
  }

  @Test
  void badScheduleFieldsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> ScheduleRequest.of(" ", "s")).hasMessageContaining("project must not be blank");
    assertThatThrownBy(() -> ScheduleRequest.of("p", "")).hasMessageContaining("spider must not be blank");
    assertThatThrownBy(() -> ScheduleRequest.builder().spider("s").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("project");
    assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").jobId("a/b").build())
        .hasMessageContaining("jobId must not contain '/'");
    assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").version("").build())
        .hasMessageContaining("version must not be blank");
    assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").priority(Double.NaN).build())
        .hasMessageContaining("priority must be a finite number");
    assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").putSetting("A=B", "1").build())
        .hasMessageContaining("setting name must be non-blank and contain no '='");
    assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").putArg("", "1").build())
        .hasMessageContaining("spider argument name must be non-blank");
    assertThatThrownBy(() -> ScheduleRequest.builder().project("p").spider("s").putArg("a", null).build())
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void signalsByNameAndNumber() {
    assertThat(Signal.KILL.value()).isEqualTo("KILL");
    assertThat(Signal.named("HUP").value()).isEqualTo("HUP");
    assertThat(Signal.named("TERM")).isEqualTo(Signal.TERM);
    assertThat(Signal.number(9).value()).isEqualTo("9");
    assertThatThrownBy(() -> Signal.named("SIGKILL")).hasMessageContaining("use 'KILL' instead of 'SIGKILL'");
    assertThatThrownBy(() -> Signal.named("kill")).hasMessageContaining("upper-case");
    assertThatThrownBy(() -> Signal.number(0)).hasMessageContaining("1 or more");
  }

  @Test
  void storedVersionNamesFollowScrapydsSanitizing() {
    assertThat(Versions.storedName("1.0")).isEqualTo("1_0");
    assertThat(Versions.storedName("r12-master")).isEqualTo("r12-master");
    assertThat(Versions.storedName("feature/x y+é")).isEqualTo("feature_x_y__");
    assertThat(Versions.storedName("1700000000")).isEqualTo("1700000000");
  }

  @Test
  void versionListLatestIsTheLastOne() {
    assertThat(VersionList.builder().nodeName("n").addVersions("1_0", "1_10", "1_9").build().latest()).contains("1_9");
    assertThat(VersionList.builder().nodeName("n").build().latest()).isEmpty();
  }

  @Test
  void jobStatesReadTheirWireNames() {
    assertThat(JobState.fromWireName("running")).isEqualTo(JobState.RUNNING);
    assertThat(JobState.FINISHED.wireName()).isEqualTo("finished");
    assertThatThrownBy(() -> JobState.fromWireName("zombie")).hasMessageContaining("unknown job state 'zombie'");
  }
}
