package io.github.scrapyd4j.egg.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command and collects its output, with a time limit and a size cap: of each stream the
 * first and the last {@link #KEEP_BYTES} bytes are kept (what a caller parses comes first, what
 * explains a failure, such as a Python traceback, comes last), never the whole of a runaway output.
 */
public final class Processes {
  /** How many bytes of the start, and how many of the end, of each stream are kept. */
  public static final int KEEP_BYTES = 256 * 1024;

  private Processes() {}

  /** What a finished command produced. */
  public static final class Result {
    /** The exit code; -1 when it was killed after the time limit. */
    public final int exitCode;
    /** What was written to standard output, as UTF-8 (the middle left out when over the cap). */
    public final String stdout;
    /** What was written to standard error, as UTF-8 (the middle left out when over the cap). */
    public final String stderr;
    /** Whether the time limit was reached (the process was then killed). */
    public final boolean timedOut;

    Result(int exitCode, String stdout, String stderr, boolean timedOut) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
      this.timedOut = timedOut;
    }

    /**
     * Standard output and error together, the end kept when long.
     *
     * @param maxChars the most characters kept
     * @return the output
     */
    public String output(int maxChars) {
      String all = (stdout + (stdout.isEmpty() || stderr.isEmpty() ? "" : "\n") + stderr).strip();
      return all.length() <= maxChars ? all : "..." + all.substring(all.length() - maxChars);
    }
  }

  /**
   * Runs a command.
   *
   * @param command the program and its arguments
   * @param directory the working folder
   * @param extraEnvironment variables added to this process's environment
   * @param timeout the time limit
   * @return what it produced
   * @throws IOException if the program cannot be started (for example, it is not installed)
   */
  public static Result run(List<String> command, Path directory,
      Map<String, String> extraEnvironment, Duration timeout) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().putAll(extraEnvironment);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
        System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null")));
    Process process = builder.start();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.get(0), e);
    }
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    return new Result(finished ? process.exitValue() : -1,
        out.exceptionally(t -> "").join(), err.exceptionally(t -> "").join(), !finished);
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return keepEnds(in, KEEP_BYTES);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, runnable -> {
      Thread t = new Thread(runnable, "scrapyd4j-process-output");
      t.setDaemon(true);
      t.start();
    });
  }

  /** Reads a stream to its end, keeping its first and last {@code keep} bytes. */
  static String keepEnds(InputStream in, int keep) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] tail = new byte[keep];
    long tailWritten = 0;
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) > 0) {
      int off = 0;
      if (head.size() < keep) {
        int take = Math.min(n, keep - head.size());
        head.write(chunk, 0, take);
        off = take;
      }
      for (int i = off; i < n; i++) {
        tail[(int) (tailWritten++ % keep)] = chunk[i];
      }
    }
    if (tailWritten == 0) {
      return head.toString(StandardCharsets.UTF_8);
    }
    int tailLength = (int) Math.min(tailWritten, keep);
    byte[] end = new byte[tailLength];
    for (int i = 0; i < tailLength; i++) {
      end[i] = tail[(int) ((tailWritten - tailLength + i) % keep)];
    }
    String middle = tailWritten > keep
        ? "\n[... " + (tailWritten - keep) + " bytes of output left out ...]\n" : "";
    return head.toString(StandardCharsets.UTF_8) + middle
        + new String(end, StandardCharsets.UTF_8);
  }
}
