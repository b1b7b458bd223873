package io.github.scrapyd4j.monitor;

import io.github.scrapyd4j.Redaction;
import io.github.scrapyd4j.alerts.Alert;
import io.github.scrapyd4j.alerts.AlertKind;
import io.github.scrapyd4j.jobs.FollowResult;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.logs.CrawlProgress;
import io.github.scrapyd4j.logs.LogConsumer;
import io.github.scrapyd4j.logs.LogSummary;
import io.github.scrapyd4j.logs.ProgressReader;
import io.github.scrapyd4j.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job being watched by a {@link JobMonitor}: its report so far, a future of its last report,
 * and a way to stop watching (the job keeps running).
 *
 * <pre>{@code
 * JobWatch watch = monitor.watch(job, rules);
 * CrawlProgress now = watch.report().progress();
 * watch.done().thenAccept(r -> System.out.println(r.firings().size() + " rules fired"));
 * watch.stop();                       // stop watching; the job is not cancelled
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JobWatch {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.monitor");

  private final JobMonitor monitor;
  private final MonitorRequest request;
  private final JobRef job;
  private final ProgressReader reader;
  private final boolean[] fired;
  private final List<RuleFiring> firings = new ArrayList<>();
  private final CompletableFuture<MonitorReport> done = new CompletableFuture<>();
  private CompletableFuture<FollowResult> follow;
  private Instant runStart;
  private Instant lastProgressAt;
  private long lastActivity = -1;
  private boolean finished;
  private boolean ended;

  JobWatch(JobMonitor monitor, MonitorRequest request) {
    this.monitor = monitor;
    this.request = request;
    this.job = request.job();
    this.reader = new ProgressReader(monitor.format, LogConsumer.DEFAULT_MAX_LINE_CHARS);
    this.fired = new boolean[request.rules().size()];
    request.startedAt().ifPresent(started -> {
      runStart = started;
      lastProgressAt = monitor.clock.instant(); // no progress counts from the watch's start
    });
  }

  /**
   * The job watched.
   *
   * @return the job
   */
  public JobRef job() {
    return job;
  }

  /**
   * What has been seen so far.
   *
   * @return the report
   */
  public synchronized MonitorReport report() {
    return MonitorReport.builder()
        .job(job)
        .progress(reader.progress())
        .summary(reader.summary())
        .firings(firings)
        .finished(finished)
        .build();
  }

  /**
   * The last report, once the job finished and its log was read to its end, or the watch was
   * stopped (then {@link MonitorReport#finished()} is false). It fails with what ended the follow
   * of the log otherwise: {@code LogNotFoundException} (the job finished without a log), {@code
   * JobVanishedException} (the node forgot the job), or the client's exception.
   *
   * @return the future of the last report
   */
  public CompletableFuture<MonitorReport> done() {
    return done;
  }

  /** Stops watching (the job is not cancelled); {@link #done()} completes with the report. */
  public void stop() {
    CompletableFuture<FollowResult> f;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      f = follow;
    }
    if (f != null) {
      f.cancel(true);
    }
    monitor.ended(this);
    done.complete(report());
  }

  void start() {
    CompletableFuture<FollowResult> f = monitor.jobs.logs().followAsync(job, new LogConsumer() {
      @Override
      public void onText(String text) {
        text(text);
      }

      @Override
      public void onRestart() {
        restart();
      }

      @Override
      public void onEnd() {
        end();
      }
    });
    synchronized (this) {
      follow = f;
    }
    f.whenComplete((r, e) -> followEnded(e));
    monitor.scheduler.schedule(monitor.tick, this::tick);
  }

  // ------------------------------------------------------------------ events

  private void text(String text) {
    List<Runnable> actions;
    synchronized (this) {
      if (ended) {
        return;
      }
      reader.onText(text);
      Instant now = monitor.clock.instant();
      begin(now);
      noteActivity(now);
      actions = evaluate(now, false);
    }
    actions.forEach(Runnable::run);
  }

  private synchronized void restart() {
    reader.onRestart();
    lastActivity = -1;
  }

  private void end() {
    List<Runnable> actions;
    synchronized (this) {
      if (ended) {
        return;
      }
      reader.onEnd();
      finished = true;
      actions = evaluate(monitor.clock.instant(), true);
    }
    actions.forEach(Runnable::run);
  }

  private void followEnded(Throwable failure) {
    synchronized (this) {
      if (ended) {
        return; // stopped
      }
      ended = true;
    }
    monitor.ended(this);
    if (failure == null) {
      done.complete(report());
      return;
    }
    Throwable cause = unwrap(failure);
    if (cause instanceof CancellationException) {
      done.complete(report());
      return;
    }
    LOG.warn("stopped watching job {} of {}/{}{}: {}", job.jobId(), job.project(), job.spider(),
        job.node().map(n -> " on " + n).orElse(""),
        Redaction.uri(String.valueOf(cause.getMessage())));
    done.completeExceptionally(cause);
  }

  private void tick() {
    List<Runnable> actions;
    synchronized (this) {
      if (ended || finished) {
        return;
      }
      actions = evaluate(monitor.clock.instant(), false);
    }
    actions.forEach(Runnable::run);
    monitor.scheduler.schedule(monitor.tick, this::tick);
  }

  // ------------------------------------------------------------------ rules

  private void begin(Instant at) {
    if (runStart == null) {
      runStart = at;
      lastProgressAt = at;
    }
  }

  private void noteActivity(Instant now) {
    long activity = reader.progress().activity();
    if (activity != lastActivity) {
      lastActivity = activity;
      lastProgressAt = now;
    }
  }

  /** Fires the rules that now hold; returns what to do once the lock is released. */
  private List<Runnable> evaluate(Instant now, boolean jobFinished) {
    List<Runnable> actions = new ArrayList<>();
    List<MonitorRule> rules = request.rules();
    LogSummary summary = null;
    CrawlProgress progress = null;
    for (int i = 0; i < rules.size(); i++) {
      if (fired[i]) {
        continue;
      }
      MonitorRule rule = rules.get(i);
      String reason = null;
      switch (rule.condition()) {
        case LOG_LEVEL_COUNT:
          if (summary == null) {
            summary = reader.summary();
          }
          String level = rule.level().get();
          long n = summary.count(level);
          if (n >= rule.threshold()) {
            reason = n + " " + level + " record" + (n == 1 ? "" : "s") + " (threshold "
                + rule.threshold() + ")";
            if ((level.equals("ERROR") || level.equals("CRITICAL"))
                && !summary.firstErrors().isEmpty()) {
              reason += "; the first: " + summary.firstErrors().get(0);
            }
          }
          break;
        case NO_PROGRESS:
          if (!jobFinished && lastProgressAt != null) {
            Duration idle = Duration.between(lastProgressAt, now);
            if (idle.compareTo(rule.duration().get()) >= 0) {
              reason = "no new page or item for " + idle + " (limit " + rule.duration().get() + ")";
            }
          }
          break;
        default:
          if (!jobFinished && runStart != null) {
            Duration ran = Duration.between(runStart, now);
            if (ran.compareTo(rule.duration().get()) >= 0) {
              reason = "running for " + ran + " (limit " + rule.duration().get() + ")";
            }
          }
      }
      if (reason == null) {
        continue;
      }
      fired[i] = true;
      if (progress == null) {
        progress = reader.progress();
      }
      reason = Redaction.uri(reason);
      boolean cancel = rule.cancelSignal().isPresent() && !jobFinished;
      int index = firings.size();
      firings.add(RuleFiring.builder().rule(rule).at(now).reason(reason).cancelSent(cancel)
          .build());
      LOG.info("rule '{}' fired on job {} of {}/{}: {}", rule.name(), job.jobId(), job.project(),
          job.spider(), reason);
      if (cancel) {
        Signal signal = rule.cancelSignal().get();
        actions.add(() -> cancel(index, signal));
      }
      if (rule.alert()) {
        Alert alert = alert(rule, reason, cancel, progress, now);
        actions.add(() -> sendAlert(alert));
      }
    }
    return actions;
  }

  private Alert alert(MonitorRule rule, String reason, boolean cancel, CrawlProgress p,
      Instant now) {
    String where = job.project() + "/" + job.spider() + " (job " + job.jobId()
        + job.node().map(n -> " on " + n).orElse("") + ")";
    StringBuilder text = new StringBuilder(reason);
    if (cancel) {
      text.append("\ncancelling the job with signal ").append(rule.cancelSignal().get().value());
    }
    text.append("\nprogress: ").append(p.pages()).append(" pages (at ").append(p.pagesPerMinute())
        .append(" pages/min), ").append(p.items()).append(" items (at ")
        .append(p.itemsPerMinute()).append(" items/min)");
    Alert.Builder b = Alert.builder()
        .kind(AlertKind.RULE_FIRED)
        .title(Redaction.uri("rule '" + rule.name() + "' fired on " + where))
        .text(Redaction.uri(text.toString()))
        .time(now)
        .taskId(request.taskId())
        .job(job)
        .node(job.node())
        .putField("rule", rule.name())
        .putField("condition", rule.condition().name())
        .putField("pages", Long.toString(p.pages()))
        .putField("items", Long.toString(p.items()));
    rule.cancelSignal().filter(s -> cancel).ifPresent(s -> b.putField("cancel", s.value()));
    return b.build();
  }

  private void sendAlert(Alert alert) {
    try {
      monitor.alerts.send(alert);
    } catch (RuntimeException e) {
      LOG.warn("alert for job {} not sent: {}", job.jobId(),
          Redaction.uri(String.valueOf(e.getMessage())));
    }
  }

  private void cancel(int index, Signal signal) {
    CompletableFuture<?> sent;
    try {
      sent = monitor.canceller.cancel(job, signal);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((r, e) -> {
      if (e == null) {
        LOG.info("job {} of {}/{} cancelled with signal {}", job.jobId(), job.project(),
            job.spider(), signal.value());
        return;
      }
      String why = Redaction.uri(String.valueOf(unwrap(e).getMessage()));
      LOG.warn("cancelling job {} of {}/{} with signal {} failed: {}", job.jobId(), job.project(),
          job.spider(), signal.value(), why);
      synchronized (this) {
        RuleFiring f = firings.get(index);
        firings.set(index, RuleFiring.builder().from(f).cancelError(why).build());
      }
    });
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public String toString() {
    return "JobWatch{" + job.project() + "/" + job.spider() + "/" + job.jobId()
        + job.node().map(n -> "@" + n).orElse("") + "}";
  }
}
