package io.github.scrapyd4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.ClusterResult;
import io.github.scrapyd4j.cluster.NodeUnavailableException;
import io.github.scrapyd4j.cluster.ScheduleOutcomeUnknownException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * A command that talks to one Scrapyd node or several, through one {@link ClusterClient} either
 * way: each command makes its calls once, and only its output tells one node from several (one
 * node's answer alone, or its failure as the command's; several nodes' answers by node, with a
 * NODE column, and their failures one line each).
 */
abstract class NodeCommand implements Callable<Integer> {
  @ParentCommand
  Scrapyd4jCommand root;

  @Mixin
  ConnectionOptions conn;

  /** The nodes the options name, in order, with the project each target names. */
  List<ConnectionOptions.Endpoint> endpoints;

  /** The client of those nodes: a cluster of one node or several. */
  ClusterClient cluster;

  Scrapyd4jCommand.Env env() {
    return root.env;
  }

  @Override
  public final Integer call() {
    conn.checkCallTimeout();
    endpoints = conn.endpoints(env());
    try (ClusterClient nodes = conn.cluster(env(), endpoints)) {
      cluster = nodes;
      return run();
    }
  }

  /** Runs the command; returns the exit code. */
  abstract int run();

  /** Whether the command runs on several nodes (and its output names them). */
  boolean several() {
    return endpoints.size() > 1;
  }

  /** The project named by the first target, used when -p is not given. */
  Optional<String> targetProject() {
    return endpoints.get(0).project;
  }

  /**
   * The project to act on: the one given, else the target's.
   *
   * @throws IllegalArgumentException when there is neither
   */
  String project(String given) {
    if (given != null) {
      return given;
    }
    return targetProject().orElseThrow(() -> new IllegalArgumentException(
        "no project: give -p PROJECT (or set project = ... in the scrapy.cfg target)"));
  }

  /**
   * A node's failure as the command line tells it: {@link #unwrapped}, and a call that ran out of
   * time is the {@code --call-timeout}.
   */
  ScrapydException told(ScrapydException e) {
    return CallTimeout.told(unwrapped(e), conn.callTimeout);
  }

  /**
   * A failure without the cluster's wrapping, on one node: a schedule whose outcome is unknown,
   * or that reached no node, is that node's own failure.
   */
  ScrapydException unwrapped(ScrapydException e) {
    if (!several() && (e instanceof ScheduleOutcomeUnknownException
        || e instanceof NodeUnavailableException) && e.getCause() instanceof ScrapydException) {
      return (ScrapydException) e.getCause();
    }
    return e;
  }

  /** Each failure {@link #told}, by node. */
  Map<String, ScrapydException> told(Map<String, ScrapydException> failures) {
    Map<String, ScrapydException> out = new LinkedHashMap<>();
    failures.forEach((node, e) -> out.put(node, told(e)));
    return out;
  }

  /**
   * The answers of a fan-out; on one node, its failure is thrown as the command's.
   *
   * @return the answers by node
   */
  <T> Map<String, T> answers(ClusterResult<T> r) {
    if (!several() && !r.failures().isEmpty()) {
      throw told(r.failures().values().iterator().next());
    }
    return r.successes();
  }

  /** Prints a fan-out's answers: JSON, or a table; then the failures; returns the exit code. */
  <T> int print(ClusterResult<T> r, Function<T, JsonNode> json, Runnable table) {
    return print(answers(r), r.failures(), json, table);
  }

  /** Prints answers by node: JSON, or a table; then the failures; returns the exit code. */
  <T> int print(Map<String, T> values, Map<String, ScrapydException> failures,
      Function<T, JsonNode> json, Runnable table) {
    Map<String, ScrapydException> told = told(failures);
    if (conn.json) {
      Output.json(env().out, Output.perNode(values, told, several(), json));
    } else {
      table.run();
    }
    return Output.reportFailures(env(), told);
  }

  /** The cells of a row, after the node id on several nodes. */
  Object[] withNode(String node, Object... cells) {
    if (!several()) {
      return cells;
    }
    Object[] all = new Object[cells.length + 1];
    all[0] = node;
    System.arraycopy(cells, 0, all, 1, cells.length);
    return all;
  }

  /** The header of a table, after NODE on several nodes. */
  String[] header(String... names) {
    Object[] h = withNode("NODE", (Object[]) names);
    String[] s = new String[h.length];
    for (int i = 0; i < h.length; i++) {
      s[i] = (String) h[i];
    }
    return s;
  }
}
