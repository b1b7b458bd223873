package io.github.scrapyd4j.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local webhook receiver on the JDK's HttpServer: records each request's path, headers and
 * body, and answers as told (a status, a body, a delay, a redirect, a stalled body).
 */
public final class WebhookReceiver implements AutoCloseable {
  /** A received request. */
  public static final class Received {
    public final String method;
    public final String path;
    public final String contentType;
    public final String body;

    Received(String method, String path, String contentType, String body) {
      this.method = method;
      this.path = path;
      this.contentType = contentType;
      this.body = body;
    }
  }

  /** How to answer one request. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange ex) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final List<Received> all = Collections.synchronizedList(new ArrayList<>());
  private volatile Answer answer = ex -> respond(ex, 200, "ok");

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try {
        byte[] body = ex.getRequestBody().readAllBytes();
        Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
            ex.getRequestHeaders().getFirst("Content-Type"),
            new String(body, StandardCharsets.UTF_8));
        all.add(r);
        received.add(r);
        answer.answer(ex);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away (a test's deadline)
      } finally {
        ex.close();
      }
    });
    server.setExecutor(pool);
    server.start();
  }

  /** The receiver's URL with a path, e.g. a secret token path. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void answer(Answer answer) {
    this.answer = answer;
  }

  /** The next request received, waiting up to 10 s; null if none came. */
  public Received next() throws InterruptedException {
    return received.poll(10, TimeUnit.SECONDS);
  }

  public List<Received> all() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  public static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
