package io.github.scrapyd4j.cli;

/**
 * A failure the command line found itself (no job listed, no name matching a pattern), printed as
 * its message in one line, with its exit code.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int exitCode;

  CommandFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}
