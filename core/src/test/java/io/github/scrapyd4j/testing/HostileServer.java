package io.github.scrapyd4j.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in node on a real socket that misbehaves on purpose: answers of any size generated as
 * they are sent (never stored), bodies dripped a byte at a time, lines without end. It records how
 * many body bytes it wrote and whether the client closed the connection, so a test can tell that
 * reading stopped. Each connection answers one request.
 */
public final class HostileServer implements AutoCloseable {
  /** Writes one answer: the request's first line and headers are given. */
  @FunctionalInterface
  public interface Answer {
    void write(String requestHead, Connection connection) throws IOException, InterruptedException;
  }

  /** One accepted connection. */
  public final class Connection {
    private final OutputStream out;
    private final Socket socket;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    /** Resets the connection (TCP RST) without answering. */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    /** Writes the status line and headers (a blank line ends them). */
    public void head(int status, String... headers) throws IOException {
      StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
          .append("Connection: close\r\n");
      for (String header : headers) {
        head.append(header).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    /** Writes body bytes, counted. */
    public void body(byte[] bytes, int off, int len) throws IOException {
      out.write(bytes, off, len);
      written.addAndGet(len);
    }

    /** Writes a whole small answer with a Content-Length. */
    public void json(String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      head(200, "Content-Type: application/json", "Content-Length: " + bytes.length);
      body(bytes, 0, bytes.length);
      out.flush();
    }

    /**
     * Writes {@code total} bytes made of {@code prefix} then the filler byte repeated, in 64 KiB
     * writes, generated as they go.
     */
    public void generate(long total, byte[] prefix, byte filler) throws IOException {
      byte[] block = new byte[65536];
      Arrays.fill(block, filler);
      long sent = 0;
      if (prefix.length > 0) {
        body(prefix, 0, prefix.length);
        sent = prefix.length;
      }
      while (sent < total) {
        int n = (int) Math.min(block.length, total - sent);
        body(block, 0, n);
        sent += n;
      }
      out.flush();
    }

    /**
     * Answers a GET of a file of {@code total} bytes whose byte {@code i} is {@code content.at(i)},
     * honouring a {@code Range} header as Twisted's static files do (200 without one, 206 with
     * one, 416 past the end), generating the bytes as they go.
     */
    public void file(String requestHead, long total, ByteAt content) throws IOException {
      long from = 0;
      long to = total - 1;
      boolean ranged = false;
      for (String line : requestHead.split("\r\n")) {
        if (line.toLowerCase().startsWith("range: bytes=")) {
          String spec = line.substring(13).trim();
          ranged = true;
          int dash = spec.indexOf('-');
          if (dash == 0) {
            from = Math.max(0, total - Long.parseLong(spec.substring(1)));
          } else {
            from = Long.parseLong(spec.substring(0, dash));
            if (dash < spec.length() - 1) {
              to = Math.min(to, Long.parseLong(spec.substring(dash + 1)));
            }
          }
        }
      }
      if (ranged && from >= total) {
        head(416, "Content-Range: bytes */" + total, "Content-Length: 0");
        return;
      }
      if (ranged) {
        head(206, "Content-Range: bytes " + from + "-" + to + "/" + total,
            "Content-Length: " + (to - from + 1));
      } else {
        head(200, "Content-Length: " + total);
      }
      byte[] block = new byte[65536];
      for (long at = from; at <= to; ) {
        int n = (int) Math.min(block.length, to - at + 1);
        for (int i = 0; i < n; i++) {
          block[i] = content.at(at + i);
        }
        body(block, 0, n);
        at += n;
      }
      out.flush();
    }

    /** Writes bytes one at a time, one per {@code everyMillis}. */
    public void drip(byte[] bytes, long everyMillis) throws IOException, InterruptedException {
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        written.incrementAndGet();
        Thread.sleep(everyMillis);
      }
    }
  }

  /** A generated file's content. */
  @FunctionalInterface
  public interface ByteAt {
    byte at(long index);
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-server");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong written = new AtomicLong();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Throwable> writeFailures = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch closedByClient = new CountDownLatch(1);
  private volatile Answer answer;

  public HostileServer(Answer answer) throws IOException {
    this.answer = answer;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  public int port() {
    return server.getLocalPort();
  }

  public void answer(Answer answer) {
    this.answer = answer;
  }

  /** Body bytes written so far, over all connections. */
  public long written() {
    return written.get();
  }

  /** The request heads received. */
  public List<String> requests() {
    return requests;
  }

  /** Waits until a write failed because the client closed the connection. */
  public boolean awaitClosedByClient(long millis) throws InterruptedException {
    return closedByClient.await(millis, TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String head = readHead(in);
      if (head == null) {
        return;
      }
      requests.add(head);
      try {
        answer.write(head, new Connection(socket));
      } catch (IOException e) {
        writeFailures.add(e); // the client closed the connection while the answer went out
        closedByClient.countDown();
      }
    } catch (IOException e) {
      // the request could not be read: nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        in.readNBytes(length); // the request body, if any
        return text;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
