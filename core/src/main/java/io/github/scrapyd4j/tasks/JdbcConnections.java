package io.github.scrapyd4j.tasks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of a {@link JdbcRunStore}: at most {@code max} in use at once (a caller waits up
 * to the store's timeout for one), idle ones kept for the next call when the store opens its own,
 * none kept when they come from the caller's {@link javax.sql.DataSource} (its pool keeps them).
 * A connection that failed with a connection error (SQL state class 08) is closed, not reused.
 */
final class JdbcConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcConnections.class);
  /** An idle connection older than this is checked before use. */
  private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** Opens a connection. */
  interface Opener {
    Connection open() throws SQLException;
  }

  /** Work on a connection. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final class Idle {
    final Connection connection;
    final long since;

    Idle(Connection connection, long since) {
      this.connection = connection;
      this.since = since;
    }
  }

  private final Opener opener;
  private final boolean keep;
  private final Semaphore permits;
  private final Duration wait;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private boolean closed;

  JdbcConnections(Opener opener, boolean keep, int max, Duration wait) {
    this.opener = opener;
    this.keep = keep;
    this.permits = new Semaphore(max, true);
    this.wait = wait;
  }

  /**
   * Runs work on a connection in auto-commit mode (work that turns it off turns it back on).
   *
   * @throws SQLException from the work or the driver
   * @throws NoConnectionException when no connection was free within the wait
   */
  <T> T with(Work<T> work) throws SQLException {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NoConnectionException("interrupted while waiting for a connection");
    }
    if (!acquired) {
      throw new NoConnectionException("no connection was free within " + wait);
    }
    Connection connection = null;
    boolean reusable = false;
    try {
      connection = borrow();
      T result = work.run(connection);
      reusable = true;
      return result;
    } catch (SQLException e) {
      String state = e.getSQLState();
      reusable = state == null || !state.startsWith("08");
      throw e;
    } finally {
      if (connection != null) {
        giveBack(connection, reusable);
      }
      permits.release();
    }
  }

  private Connection borrow() throws SQLException {
    while (true) {
      Idle next;
      synchronized (this) {
        if (closed) {
          throw new SQLException("the store is closed", "08003");
        }
        next = idle.pollLast();
      }
      if (next == null) {
        Connection opened = opener.open();
        opened.setAutoCommit(true);
        return opened;
      }
      if (System.nanoTime() - next.since < CHECK_AFTER_NANOS || isValid(next.connection)) {
        return next.connection;
      }
      quietlyClose(next.connection);
    }
  }

  private static boolean isValid(Connection connection) {
    try {
      return connection.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private void giveBack(Connection connection, boolean reusable) {
    boolean kept = false;
    try {
      if (reusable && keep && !connection.isClosed()) {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        synchronized (this) {
          if (!closed) {
            idle.addLast(new Idle(connection, System.nanoTime()));
            kept = true;
          }
        }
      } else if (!connection.getAutoCommit() && !connection.isClosed()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      LOG.debug("a connection could not be reset; closing it (SQL state {})", e.getSQLState());
    }
    if (!kept) {
      quietlyClose(connection);
    }
  }

  private static void quietlyClose(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing a connection failed (SQL state {})", e.getSQLState());
    }
  }

  @Override
  public void close() {
    Deque<Idle> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    for (Idle i : toClose) {
      quietlyClose(i.connection);
    }
  }

  /** No connection could be had in time. */
  static final class NoConnectionException extends SQLException {
    private static final long serialVersionUID = 1L;

    NoConnectionException(String message) {
      super(message, "08001");
    }
  }
}
