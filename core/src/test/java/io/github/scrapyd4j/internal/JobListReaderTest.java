package io.github.scrapyd4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.model.FinishedJob;
import io.github.scrapyd4j.model.JobList;
import io.github.scrapyd4j.model.RunningJob;
import io.github.scrapyd4j.testing.Recording;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The streaming fast path of listjobs gives exactly what the tree path gives, or declines. */
class JobListReaderTest {
  private static final String BASE = "http://host:6800/prefix/";
  private final Parsers parsers = new Parsers(BASE);

  private JobList tree(String json, String project) throws Exception {
    return parsers.jobs((ObjectNode) Responses.MAPPER.readTree(json), project);
  }

  private JobList fast(String json, String project) {
    return parsers.jobsFast(json.getBytes(StandardCharsets.UTF_8), project);
  }

  @Test
  void fastPathEqualsTreePathForEveryRecordedListing() throws Exception {
    for (String name : new String[] {"listjobs", "listjobs_all", "listjobs_running", "listjobs_pending"}) {
      String body = Recording.load(name).bodyText();
      JobList fast = fast(body, "labbot");
      assertThat(fast).as(name).isNotNull().isEqualTo(tree(body, "labbot"));
      assertThat(fast.toString()).isEqualTo(tree(body, "labbot").toString());
    }
  }

  @Test
  void fastPathEqualsTreePathForOldServerShapes() throws Exception {
    String v12 = "{\"status\": \"ok\", \"node_name\": \"old\", \"pending\": [{\"id\": \"p1\", \"spider\": \"echo\"}],"
        + " \"running\": [{\"id\": \"r1\", \"spider\": \"slow\", \"pid\": 42, \"start_time\": \"2017-04-12 10:00:00\"}],"
        + " \"finished\": [{\"id\": \"f1\", \"spider\": \"echo\", \"start_time\": \"2017-04-12 09:00:00\","
        + " \"end_time\": \"2017-04-12 09:00:01.5\", \"log_url\": \"/logs/p/echo/f 1.log\"}]}";
    assertThat(fast(v12, "p")).isNotNull().isEqualTo(tree(v12, "p"));
    String noNodeName = "{\"status\": \"ok\", \"pending\": [], \"running\": [], \"finished\": []}";
    assertThat(fast(noNodeName, null)).isEqualTo(tree(noNodeName, null));
  }

  @Test
  void fastPathDeclinesWhatItDoesNotHandleSoTheTreePathCanReportIt() {
    String[] declined = {
      "{\"status\": \"error\", \"message\": \"project 'x' not found\", \"node_name\": \"vm\"}",
      "{\"status\": \"ok\", \"pending\": [], \"running\": []}",
      "{\"status\": \"ok\", \"pending\": [], \"running\": [], \"finished\": [], \"node_name\": \"vm\"} trailing",
      "{\"status\": \"ok\", \"pending\": [{\"id\": 1, \"spider\": \"s\", \"project\": \"p\"}], \"running\": [], \"finished\": []}",
      "{\"status\": \"ok\", \"pending\": [], \"running\": [], \"finished\": [{\"id\": \"f\", \"project\": \"p\","
          + " \"spider\": \"s\", \"start_time\": \"2026-11-23 18:27:10\", \"end_time\": \"2026-11-23 18:27:11\","
          + " \"log_url\": 7}]}",
      "{\"status\": \"ok\", \"pending\": [{\"id\": \"a\", \"spider\": \"s\", \"project\": \"p\","
          + " \"settings\": {\"N\": 1}}], \"running\": [], \"finished\": []}",
      "{\"status\": \"ok\", \"pending\": [{\"id\": \"a\", \"spider\": \"s\"}], \"running\": [], \"finished\": []}",
      "[]",
      "{\"status\": \"ok\", \"pending\": [], \"running\": [{\"id\": \"r\", \"project\": \"p\", \"spider\": \"s\","
          + " \"start_time\": \"not a time\"}], \"finished\": []}",
    };
    for (String body : declined) {
      assertThat(fast(body, null)).as(body).isNull();
    }
  }

  @Test
  void lazilyResolvedLocationsEqualGivenOnes() throws Exception {
    String body = "{\"status\": \"ok\", \"node_name\": \"vm\", \"pending\": [], \"finished\": [],"
        + " \"running\": [{\"id\": \"r\", \"project\": \"p\", \"spider\": \"s\", \"pid\": 7,"
        + " \"start_time\": \"2026-11-23 18:27:10\", \"log_url\": \"/logs/p/s/r.log\", \"items_url\": null}]}";
    RunningJob expected = RunningJob.builder()
        .id("r").project("p").spider("s").pid(7)
        .startTime(LocalDateTime.of(2026, 11, 23, 18, 27, 10))
        .logUrl(URI.create(BASE + "logs/p/s/r.log"))
        .build();

    RunningJob parsed = fast(body, null).running().get(0);

    assertThat(parsed).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(parsed.logUrl()).contains(URI.create("http://host:6800/prefix/logs/p/s/r.log"));
    assertThat(parsed.itemsUrl()).isEmpty();
    assertThat(tree(body, null).running().get(0)).isEqualTo(expected);
  }

  @Test
  void builtJobsCarryTheirLocations() {
    FinishedJob job = FinishedJob.builder()
        .id("j").project("p").spider("s")
        .startTime(LocalDateTime.of(2026, 1, 1, 0, 0)).endTime(LocalDateTime.of(2026, 1, 1, 0, 1))
        .itemsUrl(URI.create("http://h/items/p/s/j.jl"))
        .build();
    assertThat(job.itemsUrl()).contains(URI.create("http://h/items/p/s/j.jl"));
    assertThat(job.logUrl()).isEmpty();
    assertThat(job.toString()).contains("http://h/items/p/s/j.jl");
  }
}
