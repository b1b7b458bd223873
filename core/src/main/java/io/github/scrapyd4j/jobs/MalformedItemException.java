package io.github.scrapyd4j.jobs;

import io.github.scrapyd4j.ScrapydException;
import java.net.URI;

/**
 * A line of a job's items file is not valid JSON, or does not map to the type asked for. Given to
 * the {@link MalformedItemHandler}; thrown when it rethrows it.
 */
public class MalformedItemException extends ScrapydException {
  private static final long serialVersionUID = 1L;
  /** The most characters of the line kept. */
  public static final int MAX_LINE_CHARS = 500;

  /** The job. */
  private final transient JobRef job;
  /** The line number, from 1. */
  private final long lineNumber;
  /** The line, capped. */
  private final String line;
  /** The byte offset of the line in the file, or -1. */
  private final long byteOffset;

  /**
   * Creates the exception.
   *
   * @param job the job
   * @param lineNumber the number of the line in the file, from 1
   * @param line the line, capped to {@link #MAX_LINE_CHARS} characters
   * @param baseUri the node's base URI
   * @param endpoint the items path, relative to the base URI
   * @param cause the parse or mapping error
   */
  public MalformedItemException(
      JobRef job, long lineNumber, String line, URI baseUri, String endpoint, Throwable cause) {
    this(job, lineNumber, line, baseUri, endpoint, -1, cause);
  }

  /**
   * Creates the exception for a line whose offset in the file is known, such as a line longer
   * than the client's {@code maxLineBytes}, which is skipped without being read into memory.
   *
   * @param job the job
   * @param lineNumber the number of the line in the file, from 1
   * @param line the line (or its first bytes), capped to {@link #MAX_LINE_CHARS} characters
   * @param baseUri the node's base URI
   * @param endpoint the items path, relative to the base URI
   * @param byteOffset the offset of the line's first byte in the file, or -1 if unknown
   * @param cause the parse or mapping error, or why the line was not read
   */
  public MalformedItemException(JobRef job, long lineNumber, String line, URI baseUri,
      String endpoint, long byteOffset, Throwable cause) {
    super("item line " + lineNumber + (byteOffset >= 0 ? " (at byte " + byteOffset + ")" : "")
            + " of job " + job.jobId() + " (" + endpoint + " on " + baseUri
            + ") is not valid: " + cause.getMessage().split("\n")[0],
        baseUri, endpoint, null, cause);
    this.job = job;
    this.lineNumber = lineNumber;
    this.line = line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + "...";
    this.byteOffset = byteOffset;
  }

  /**
   * The offset of the line's first byte in the items file, when known.
   *
   * @return the offset, or empty
   */
  public java.util.OptionalLong byteOffset() {
    return byteOffset >= 0 ? java.util.OptionalLong.of(byteOffset) : java.util.OptionalLong.empty();
  }

  /**
   * The job.
   *
   * @return the job
   */
  public JobRef job() {
    return job;
  }

  /**
   * The number of the line in the items file, counting from 1 (blank lines included).
   *
   * @return the line number
   */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The line, at most {@link #MAX_LINE_CHARS} characters.
   *
   * @return the (capped) line
   */
  public String line() {
    return line;
  }
}
