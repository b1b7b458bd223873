package io.github.scrapyd4j.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Many simulated Scrapyd nodes on loopback: one HTTP server, one path prefix per node
 * ({@code /node-17/listjobs.json}), each answering after a fixed delay; and optionally a socket that
 * accepts connections and never answers.
 */
final class SimulatedNodes implements AutoCloseable {
  static final byte[] LISTJOBS = ("{\"pending\": [], \"running\": [], \"finished\": [{\"id\": \"j1\","
      + " \"project\": \"p\", \"spider\": \"s\", \"start_time\": \"2026-11-23 18:27:10.217898\","
      + " \"end_time\": \"2026-11-23 18:27:14.536343\", \"log_url\": \"/logs/p/s/j1.log\","
      + " \"items_url\": null}], \"status\": \"ok\", \"node_name\": \"sim\"}\n").getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService pool;
  private final ScheduledExecutorService timer;
  private final ServerSocket blackHole;
  private final List<Socket> held = new ArrayList<>();
  private final int nodes;

  SimulatedNodes(int nodes, int delayMillis, boolean withBlackHole) throws IOException {
    this.nodes = nodes;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "simulated-node");
      t.setDaemon(true);
      return t;
    });
    // Answers come from a timer after the delay, not from a thread sleeping per request, so that
    // 200 slow nodes do not mean 200 threads waking at once on the benchmark machine.
    timer = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "simulated-node-timer");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    for (int i = 0; i < nodes; i++) {
      server.createContext("/node-" + i + "/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        timer.schedule(() -> {
          try {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, LISTJOBS.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(LISTJOBS);
            }
          } catch (IOException e) {
            exchange.close();
          }
        }, delayMillis, TimeUnit.MILLISECONDS);
      });
    }
    server.start();
    if (withBlackHole) {
      blackHole = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
      Thread acceptor = new Thread(() -> {
        while (!blackHole.isClosed()) {
          try {
            Socket socket = blackHole.accept();
            synchronized (held) {
              held.add(socket); // read nothing, answer nothing
            }
          } catch (IOException e) {
            return;
          }
        }
      }, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    } else {
      blackHole = null;
    }
  }

  List<String> baseUrls() {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      urls.add("http://127.0.0.1:" + server.getAddress().getPort() + "/node-" + i + "/");
    }
    return urls;
  }

  String blackHoleUrl() {
    return "http://127.0.0.1:" + blackHole.getLocalPort() + "/";
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    pool.shutdownNow();
    timer.shutdownNow();
    if (blackHole != null) {
      blackHole.close();
      synchronized (held) {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }
}
