package io.github.scrapyd4j.logs;

import io.github.scrapyd4j.internal.Checks;
import io.github.scrapyd4j.internal.TextSink;
import io.github.scrapyd4j.internal.Utf8Decoder;
import io.github.scrapyd4j.logs.internal.TextLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Scrapy log as it streams by, in constant memory, and sums it up: records per level, the
 * first errors, the last stats dump, the close reason. Feed it text as a {@link LogConsumer}, or
 * give it a stream; {@code JobLogs.summarize} ({@code io.github.scrapyd4j.jobs}) does this for a
 * job's log.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(Path.of("crawl.log"))) {
 *   LogSummary summary = ScrapyLogAnalyzer.analyze(in);
 *   System.out.println(summary.errorCount() + " errors");
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one analyzer reads one log.
 */
public final class ScrapyLogAnalyzer implements LogConsumer {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("io.github.scrapyd4j.logs");
  private static final String DUMP = "Dumping Scrapy stats:";
  private static final Pattern CLOSED = Pattern.compile("Spider closed \\(([^)]*)\\)");
  private static final int MAX_STATS_CHARS = 1 << 20;
  private static final int MAX_ERROR_CHARS = 500;

  private final LogFormat format;
  private final TextLines partial;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Long> fallbackCounts = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> fallbackErrors = new ArrayList<>();
  private long lines;
  private long records;
  private long fallbackRecords;
  private ScrapyStats stats;
  private int statsDumps;
  private String statsProblem;
  private String closeReason;

  // the stats dump being read
  private StringBuilder dump;
  private int depth;
  private char quote;
  private boolean escaped;
  private boolean opened;

  /** An analyzer for Scrapy's default log format. */
  public ScrapyLogAnalyzer() {
    this(LogFormat.scrapyDefault());
  }

  /**
   * An analyzer for a log format.
   *
   * @param format how records start
   */
  public ScrapyLogAnalyzer(LogFormat format) {
    this(format, LogConsumer.DEFAULT_MAX_LINE_CHARS);
  }

  /**
   * An analyzer for a log format with a line cap: a longer line is counted (and logged at WARN),
   * not read.
   *
   * @param format how records start
   * @param maxLineChars the line cap in characters, 1 or more
   * @throws IllegalArgumentException if {@code maxLineChars} is less than 1
   */
  public ScrapyLogAnalyzer(LogFormat format, int maxLineChars) {
    this.format = Checks.notNull("format", format);
    if (maxLineChars < 1) {
      throw new IllegalArgumentException(
          "maxLineChars must be 1 or more, but was " + maxLineChars);
    }
    this.partial = new TextLines(maxLineChars, this::line, (number, offset, length) -> {
      lines++;
      LOG.warn("log line {} (at character {}) has {} characters, more than the cap of {} "
          + "(maxLineBytes); not analysed", number, offset, length, maxLineChars);
    });
  }

  /**
   * Reads a whole log from a stream (UTF-8, invalid bytes replaced), leaving the stream open.
   *
   * @param in the log
   * @return the summary
   * @throws UncheckedIOException if reading fails
   */
  public static LogSummary analyze(InputStream in) {
    return analyze(in, LogFormat.scrapyDefault());
  }

  /**
   * Reads a whole log from a stream, with a log format.
   *
   * @param in the log
   * @param format how records start
   * @return the summary
   * @throws UncheckedIOException if reading fails
   */
  public static LogSummary analyze(InputStream in, LogFormat format) {
    Checks.notNull("in", in);
    ScrapyLogAnalyzer analyzer = new ScrapyLogAnalyzer(format);
    Utf8Decoder decoder = new Utf8Decoder(analyzer.sink());
    byte[] buffer = new byte[16384];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        decoder.accept(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    decoder.end();
    return analyzer.summary();
  }

  /**
   * Reads a whole log given as text.
   *
   * @param log the log
   * @return the summary
   */
  public static LogSummary analyze(String log) {
    Checks.notNull("log", log);
    ScrapyLogAnalyzer analyzer = new ScrapyLogAnalyzer();
    analyzer.onText(log);
    analyzer.onEnd();
    return analyzer.summary();
  }

  TextSink sink() {
    return new TextSink() {
      @Override
      public void text(String text) {
        onText(text);
      }

      @Override
      public void restart() {
        onRestart();
      }

      @Override
      public void end() {
        onEnd();
      }
    };
  }

  @Override
  public void onText(String text) {
    partial.text(text);
  }

  /** The log starts over: everything seen so far is forgotten. */
  @Override
  public void onRestart() {
    partial.restart();
    counts.clear();
    fallbackCounts.clear();
    errors.clear();
    fallbackErrors.clear();
    lines = 0;
    records = 0;
    fallbackRecords = 0;
    stats = null;
    statsDumps = 0;
    statsProblem = null;
    closeReason = null;
    dump = null;
  }

  @Override
  public void onEnd() {
    partial.end();
  }

  /**
   * What has been read so far.
   *
   * @return the summary
   */
  public LogSummary summary() {
    boolean strict = records > 0 || fallbackRecords == 0;
    return LogSummary.builder()
        .lines(lines)
        .records(strict ? records : fallbackRecords)
        .levelCounts(strict ? counts : fallbackCounts)
        .firstErrors(strict ? errors : fallbackErrors)
        .stats(java.util.Optional.ofNullable(stats))
        .statsDumps(statsDumps)
        .statsProblem(java.util.Optional.ofNullable(statsProblem))
        .closeReason(java.util.Optional.ofNullable(closeReason))
        .build();
  }

  private void line(String raw) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    lines++;
    if (dump != null && dumpLine(line)) {
      return;
    }
    String level = format.level(line);
    if (level != null) {
      records++;
      count(counts, errors, level, line);
    } else if (records == 0) {
      String loose = format.fallbackLevel(line);
      if (loose != null) {
        fallbackRecords++;
        count(fallbackCounts, fallbackErrors, loose, line);
        level = loose;
      }
    }
    int marker = line.indexOf(DUMP);
    if (marker >= 0) {
      startDump();
      String rest = line.substring(marker + DUMP.length()).strip();
      if (!rest.isEmpty()) {
        dumpLine(rest);
      }
      return;
    }
    if (level != null && line.contains("Spider closed (")) {
      Matcher m = CLOSED.matcher(line);
      if (m.find()) {
        closeReason = m.group(1);
      }
    }
  }

  private static void count(Map<String, Long> counts, List<String> errors, String level, String line) {
    counts.merge(level, 1L, Long::sum);
    if ((level.equals("ERROR") || level.equals("CRITICAL")) && errors.size() < LogSummary.MAX_ERROR_LINES) {
      errors.add(line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS) + "...");
    }
  }

  private void startDump() {
    dump = new StringBuilder();
    depth = 0;
    quote = 0;
    escaped = false;
    opened = false;
  }

  /** Feeds a line to the stats dump being read; false if the line is not part of it. */
  private boolean dumpLine(String line) {
    if (!opened && !line.stripLeading().startsWith("{")) {
      if (line.isBlank()) {
        return true;
      }
      dump = null; // "Dumping Scrapy stats:" not followed by a dict
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{' || c == '[' || c == '(') {
        depth++;
        opened = true;
      } else if (c == '}' || c == ']' || c == ')') {
        depth--;
      }
    }
    dump.append(line).append('\n');
    quote = 0; // a string never spans lines in pprint output
    if (opened && depth <= 0) {
      String text = dump.toString();
      dump = null;
      statsDumps++;
      try {
        stats = ScrapyStats.parse(text);
        statsProblem = null;
      } catch (IllegalArgumentException e) {
        stats = null; // the last dump counts, even unreadable
        statsProblem = e.getMessage();
      }
    } else if (dump.length() > MAX_STATS_CHARS) {
      dump = null;
      statsDumps++;
      stats = null;
      statsProblem = "the stats dump is longer than " + MAX_STATS_CHARS + " characters";
    }
    return true;
  }
}
