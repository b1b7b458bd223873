package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scrapyd4j.tasks.TaskRun;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Runs for people (a table) and for scripts (JSON). */
final class TasksOutput {
  private TasksOutput() {}

  static void table(PrintStream out, List<TaskRun> runs) {
    Output.Table t = new Output.Table("TASK", "FIRED", "TRY", "STATUS", "VERDICT", "NODE", "JOB",
        "ITEMS", "DURATION");
    for (TaskRun r : runs) {
      t.row(r.taskId().orElse("(harvested)"),
          time(r.fireTime().or(r::finishedAt).orElse(null)),
          r.attempt(),
          r.status(),
          r.verdict().map(Enum::name).orElse(null),
          r.node().orElse(null),
          r.jobId().orElse(null),
          r.itemsCount().isPresent() ? (Object) r.itemsCount().getAsLong() : null,
          r.duration().map(TasksOutput::duration).orElse(null));
    }
    t.print(out);
  }

  static String time(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String duration(Duration d) {
    return Durations.format(d.compareTo(Duration.ofSeconds(1)) < 0 ? d
        : d.truncatedTo(ChronoUnit.SECONDS));
  }

  static void json(PrintStream out, List<TaskRun> runs) {
    ArrayNode all = Output.mapper().createArrayNode();
    for (TaskRun r : runs) {
      all.add(json(r));
    }
    Output.json(out, all);
  }

  static ObjectNode json(TaskRun r) {
    ObjectNode j = Output.object();
    j.put("task", r.taskId().orElse(null));
    j.put("fire_time", r.fireTime().map(Instant::toString).orElse(null));
    j.put("attempt", r.attempt());
    j.put("status", r.status().name());
    j.put("verdict", r.verdict().map(Enum::name).orElse(null));
    j.put("project", r.project());
    j.put("spider", r.spider());
    j.put("node", r.node().orElse(null));
    j.put("job", r.jobId().orElse(null));
    j.put("instance", r.instanceId().orElse(null));
    j.put("scheduled_at", r.scheduledAt().map(Instant::toString).orElse(null));
    j.put("started_at", r.startedAt().map(Instant::toString).orElse(null));
    j.put("finished_at", r.finishedAt().map(Instant::toString).orElse(null));
    if (r.duration().isPresent()) {
      j.put("duration_seconds", r.duration().get().toMillis() / 1000.0);
    } else {
      j.putNull("duration_seconds");
    }
    if (r.itemsCount().isPresent()) {
      j.put("items", r.itemsCount().getAsLong());
    } else {
      j.putNull("items");
    }
    j.set("reasons", Output.array(r.reasons()));
    j.put("error", r.error().orElse(null));
    return j;
  }
}
