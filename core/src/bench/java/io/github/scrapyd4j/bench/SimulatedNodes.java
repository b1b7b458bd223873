package io.github.scrapyd4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Many simulated Scrapyd nodes on loopback, one path prefix per node ({@code /node-17/...}), each
 * request answered with a small listjobs body after a fixed delay, connections kept alive; and
 * optionally a socket that accepts connections and never answers.
 *
 * <p>The server is one non-blocking selector thread and one timer thread, so that it costs as
 * little CPU as possible: with the JDK's {@code HttpServer} (a dispatcher thread and a pool)
 * the simulated side itself was most of what 200 concurrent requests measured on two cores.
 *
 * <p>It stays apart from {@code FakeScrapyd}, core's one Scrapyd stand-in for tests, which runs on
 * the JDK's server: measured side by side on 2026-12-06 (same machine, same load), a cluster call
 * with a 1 s deadline got 199 of 200 answers from this server and 0 to 89 from {@code FakeScrapyd}
 * with {@code latency} and a path prefix per node, whose fresh connections each hold a pool thread
 * until their request has arrived; the figures would measure the stand-in, not the client.
 */
final class SimulatedNodes implements AutoCloseable {
  static final byte[] LISTJOBS = ("{\"pending\": [], \"running\": [], \"finished\": [{\"id\": \"j1\","
      + " \"project\": \"p\", \"spider\": \"s\", \"start_time\": \"2026-11-23 18:27:10.217898\","
      + " \"end_time\": \"2026-11-23 18:27:14.536343\", \"log_url\": \"/logs/p/s/j1.log\","
      + " \"items_url\": null}], \"status\": \"ok\", \"node_name\": \"sim\"}\n").getBytes(StandardCharsets.UTF_8);

  private final int nodes;
  private final int delayMillis;
  private final byte[] response;
  private final ServerSocketChannel server;
  private final Selector selector;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "simulated-node-timer");
    t.setDaemon(true);
    return t;
  });
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean open = true;
  private final ServerSocket blackHole;
  private final List<Socket> held = new ArrayList<>();

  SimulatedNodes(int nodes, int delayMillis, boolean withBlackHole) throws IOException {
    this.nodes = nodes;
    this.delayMillis = delayMillis;
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + LISTJOBS.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    response = Arrays.copyOf(head, head.length + LISTJOBS.length);
    System.arraycopy(LISTJOBS, 0, response, head.length, LISTJOBS.length);
    selector = Selector.open();
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    Thread loop = new Thread(this::serve, "simulated-nodes");
    loop.setDaemon(true);
    loop.start();
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

  /** A connection's unread request text and answers waiting to be written. */
  private static final class Connection {
    final StringBuilder in = new StringBuilder();
    final Deque<ByteBuffer> out = new ArrayDeque<>();
  }

  private void serve() {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (open) {
      try {
        selector.select(50);
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
          task.run();
        }
        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            SocketChannel channel = server.accept();
            if (channel != null) {
              channel.configureBlocking(false);
              channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
              channel.register(selector, SelectionKey.OP_READ, new Connection());
            }
            continue;
          }
          SocketChannel channel = (SocketChannel) key.channel();
          Connection connection = (Connection) key.attachment();
          if (key.isReadable()) {
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
              key.cancel();
              channel.close();
              continue;
            }
            connection.in.append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
            for (int end = connection.in.indexOf("\r\n\r\n"); end >= 0;
                end = connection.in.indexOf("\r\n\r\n")) {
              connection.in.delete(0, end + 4); // GET requests: no body
              timer.schedule(() -> {
                tasks.add(() -> {
                  connection.out.add(ByteBuffer.wrap(response));
                  if (key.isValid()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                  }
                });
                selector.wakeup();
              }, delayMillis, TimeUnit.MILLISECONDS);
            }
          }
          if (key.isValid() && key.isWritable()) {
            while (!connection.out.isEmpty()) {
              ByteBuffer next = connection.out.peek();
              channel.write(next);
              if (next.hasRemaining()) {
                break;
              }
              connection.out.poll();
            }
            if (connection.out.isEmpty()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          }
        }
      } catch (IOException e) {
        // one connection failed: keep serving the others
      }
    }
  }

  List<String> baseUrls() {
    List<String> urls = new ArrayList<>();
    int port = server.socket().getLocalPort();
    for (int i = 0; i < nodes; i++) {
      urls.add("http://127.0.0.1:" + port + "/node-" + i + "/");
    }
    return urls;
  }

  String blackHoleUrl() {
    return "http://127.0.0.1:" + blackHole.getLocalPort() + "/";
  }

  @Override
  public void close() throws IOException {
    open = false;
    selector.wakeup();
    server.close();
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
