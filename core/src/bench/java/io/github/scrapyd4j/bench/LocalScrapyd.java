package io.github.scrapyd4j.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in Scrapyd on loopback answering fixed bodies, as cheap as a server can be, so that what
 * the benchmarks measure is the client side. Bodies have the shape of Scrapyd 1.6.0's.
 */
final class LocalScrapyd implements AutoCloseable {
  static final String DAEMON_STATUS =
      "{\"pending\": 0, \"running\": 1, \"finished\": 3, \"status\": \"ok\", \"node_name\": \"vm\"}\n";

  private final HttpServer server;
  private final ExecutorService pool;

  LocalScrapyd(Map<String, byte[]> bodies, int delayMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    pool = Executors.newFixedThreadPool(delayMillis > 0 ? 256 : 4, r -> {
      Thread t = new Thread(r, "local-scrapyd");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    for (Map.Entry<String, byte[]> entry : bodies.entrySet()) {
      byte[] body = entry.getValue();
      server.createContext("/" + entry.getKey(), exchange -> {
        try {
          if (delayMillis > 0) {
            Thread.sleep(delayMillis);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
    }
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** A listjobs.json answer with {@code finished} finished jobs, as Scrapyd 1.6 writes them. */
  static byte[] listJobs(int finished) {
    StringBuilder json = new StringBuilder("{\"pending\": [], \"running\": [], \"finished\": [");
    for (int i = 0; i < finished; i++) {
      if (i > 0) {
        json.append(", ");
      }
      String id = String.format("%032x", 0x7e5980b6e76b11f1L + i);
      json.append("{\"id\": \"").append(id).append("\", \"project\": \"labbot\", \"spider\": \"pages\", ")
          .append("\"start_time\": \"2026-11-23 18:27:10.").append(String.format("%06d", i % 1_000_000))
          .append("\", \"end_time\": \"2026-11-23 18:28:14.536343\", ")
          .append("\"log_url\": \"/logs/labbot/pages/").append(id).append(".log\", ")
          .append("\"items_url\": \"/items/labbot/pages/").append(id).append(".jl\"}");
    }
    json.append("], \"status\": \"ok\", \"node_name\": \"vm\"}\n");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
