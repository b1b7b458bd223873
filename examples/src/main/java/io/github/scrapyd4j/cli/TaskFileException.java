package io.github.scrapyd4j.cli;

import java.util.List;

/**
 * A task file that cannot be used: each problem in one line, {@code FILE:LINE: FIELD: what is
 * wrong}. Never holds a password or a webhook URL.
 */
final class TaskFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  final transient List<String> problems;

  TaskFileException(List<String> problems) {
    super(problems.get(0) + (problems.size() > 1
        ? " (and " + (problems.size() - 1) + " more problem" + (problems.size() > 2 ? "s" : "")
            + ")" : ""));
    this.problems = List.copyOf(problems);
  }
}
