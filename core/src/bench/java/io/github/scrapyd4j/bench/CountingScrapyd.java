package io.github.scrapyd4j.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Scrapyd stand-in on loopback, on a raw socket so that every byte it sends (status lines and
 * headers included) is counted: {@code /logs/...} serves one file on disk with Twisted's range
 * semantics (206, suffix ranges, 416 with {@code bytes *}{@code /size}), {@code /status.json} says
 * running until {@link #finish()}, and {@code /items/...} streams generated JSON lines of a fixed
 * total size without holding them. HTTP/1.1 with keep-alive.
 */
final class CountingScrapyd implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  /** Every generated item line has this many bytes, newline included. */
  static final int ITEM_LINE = 256;

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "counting-scrapyd");
    t.setDaemon(true);
    return t;
  });
  private final Path logFile;
  private final long itemLines;
  private volatile boolean finished;

  final AtomicLong logBytesSent = new AtomicLong();
  final AtomicLong logBodyBytesSent = new AtomicLong();
  final AtomicLong statusBytesSent = new AtomicLong();
  final AtomicLong itemBytesSent = new AtomicLong();
  final AtomicLong logRequests = new AtomicLong();
  final AtomicLong statusRequests = new AtomicLong();

  CountingScrapyd(Path logFile, long itemLines) throws IOException {
    this.logFile = logFile;
    this.itemLines = itemLines;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "counting-scrapyd-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  void finish() {
    finished = true;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (Socket s = socket;
         InputStream in = new BufferedInputStream(s.getInputStream());
         OutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536)) {
      while (true) {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        String range = null;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          if (h.toLowerCase(Locale.ROOT).startsWith("range:")) {
            range = h.substring(6).trim();
          }
        }
        String path = requestLine.split(" ")[1];
        if (path.startsWith("/status.json")) {
          statusRequests.incrementAndGet();
          byte[] body = ("{\"currstate\": \"" + (finished ? "finished" : "running")
              + "\", \"status\": \"ok\", \"node_name\": \"bench\"}\n").getBytes(StandardCharsets.UTF_8);
          statusBytesSent.addAndGet(head(out, "200 OK", "application/json", body.length, null));
          out.write(body);
          statusBytesSent.addAndGet(body.length);
        } else if (path.startsWith("/logs/")) {
          logRequests.incrementAndGet();
          log(out, range);
        } else if (path.startsWith("/items/")) {
          items(out);
        } else {
          head(out, "404 Not Found", "text/html", 0, null);
        }
        out.flush();
      }
    } catch (IOException e) {
      // client went away
    }
  }

  private void log(OutputStream out, String range) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long size = file.length();
      long first = 0;
      long last = size - 1;
      String status = "200 OK";
      String contentRange = null;
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (m != null && m.matches()) {
        if (m.group(1).isEmpty()) {
          first = Math.max(0, size - Long.parseLong(m.group(2)));
        } else {
          first = Long.parseLong(m.group(1));
          if (!m.group(2).isEmpty()) {
            last = Math.min(last, Long.parseLong(m.group(2)));
          }
        }
        if (first >= size) {
          logBytesSent.addAndGet(head(out, "416 Requested Range not satisfiable", "text/plain", 0,
              "bytes */" + size));
          return;
        }
        status = "206 Partial Content";
        contentRange = "bytes " + first + "-" + last + "/" + size;
      }
      long length = last - first + 1;
      logBytesSent.addAndGet(head(out, status, "text/plain", length, contentRange));
      file.seek(first);
      byte[] buffer = new byte[65536];
      long left = length;
      while (left > 0) {
        int n = file.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("file shorter than announced");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
      logBytesSent.addAndGet(length);
      logBodyBytesSent.addAndGet(length);
    }
  }

  /** Item lines of exactly ITEM_LINE bytes, made as they are sent. */
  private void items(OutputStream out) throws IOException {
    long length = itemLines * ITEM_LINE;
    itemBytesSent.addAndGet(head(out, "200 OK", "text/plain", length, null));
    byte[] chunk = new byte[ITEM_LINE * 256];
    int filled = 0;
    for (long i = 0; i < itemLines; i++) {
      byte[] line = itemLine(i);
      System.arraycopy(line, 0, chunk, filled, ITEM_LINE);
      filled += ITEM_LINE;
      if (filled == chunk.length) {
        out.write(chunk, 0, filled);
        filled = 0;
      }
    }
    out.write(chunk, 0, filled);
    itemBytesSent.addAndGet(length);
  }

  static byte[] itemLine(long i) {
    String json = String.format(Locale.ROOT,
        "{\"id\": %d, \"name\": \"item-%d\", \"price\": %d.%02d, \"tags\": [\"a\", \"b\", \"c\"],"
            + " \"in_stock\": %s, \"text\": \"caf\u00e9 ", i, i, i % 1000, i % 100, i % 2 == 0);
    byte[] head = json.getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[ITEM_LINE];
    System.arraycopy(head, 0, line, 0, head.length);
    for (int k = head.length; k < ITEM_LINE - 3; k++) {
      line[k] = 'x';
    }
    line[ITEM_LINE - 3] = '"';
    line[ITEM_LINE - 2] = '}';
    line[ITEM_LINE - 1] = '\n';
    return line;
  }

  /** Writes a response head and returns its size in bytes. */
  private static long head(OutputStream out, String status, String type, long length, String contentRange)
      throws IOException {
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
        .append("Server: TwistedWeb/22.4.0\r\n")
        .append("Date: Mon, 23 Nov 2026 18:27:29 GMT\r\n")
        .append("Accept-Ranges: bytes\r\n");
    if (contentRange != null) {
      h.append("Content-Range: ").append(contentRange).append("\r\n");
    }
    h.append("Content-Length: ").append(length).append("\r\n")
        .append("Content-Type: ").append(type).append("\r\n")
        .append("Last-Modified: Mon, 23 Nov 2026 18:27:15 GMT\r\n\r\n");
    byte[] bytes = h.toString().getBytes(StandardCharsets.US_ASCII);
    out.write(bytes);
    return bytes.length;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c >= 0; c = in.read()) {
      if (c == '\n') {
        String s = line.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    connections.shutdownNow();
  }
}
