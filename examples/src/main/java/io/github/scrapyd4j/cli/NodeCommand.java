package io.github.scrapyd4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A command that talks to one Scrapyd node or several. */
abstract class NodeCommand implements Callable<Integer> {
  @ParentCommand
  Scrapyd4jCommand root;

  @Mixin
  ConnectionOptions conn;

  Scrapyd4jCommand.Env env() {
    return root.env;
  }

  @Override
  public final Integer call() {
    try (Connection c = conn.connect(env())) {
      return run(c);
    }
  }

  /** Runs the command; returns the exit code. */
  abstract int run(Connection c);

  /** Prints per-node answers: JSON, or a table; then the failures; returns the exit code. */
  <T> int print(Connection c, Connection.PerNode<T> r,
      java.util.function.Function<T, com.fasterxml.jackson.databind.JsonNode> json,
      Runnable table) {
    if (conn.json) {
      Output.json(env().out, Output.perNode(r, c.isCluster(), json));
    } else {
      table.run();
    }
    return Output.reportFailures(env(), r.failures);
  }

  /** The first column's header and value: the node id, only for several nodes. */
  static Object[] withNode(Connection c, String node, Object... cells) {
    if (!c.isCluster()) {
      return cells;
    }
    Object[] all = new Object[cells.length + 1];
    all[0] = node;
    System.arraycopy(cells, 0, all, 1, cells.length);
    return all;
  }

  static String[] header(Connection c, String... names) {
    Object[] h = withNode(c, "NODE", (Object[]) names);
    String[] s = new String[h.length];
    for (int i = 0; i < h.length; i++) {
      s[i] = (String) h[i];
    }
    return s;
  }
}
