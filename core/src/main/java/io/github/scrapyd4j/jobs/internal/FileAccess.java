package io.github.scrapyd4j.jobs.internal;

import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydConnectionException;
import io.github.scrapyd4j.ScrapydException;
import io.github.scrapyd4j.ScrapydHttpException;
import io.github.scrapyd4j.ScrapydMalformedResponseException;
import io.github.scrapyd4j.internal.Bodies;
import io.github.scrapyd4j.internal.ByteSink;
import io.github.scrapyd4j.internal.ClientAccess;
import io.github.scrapyd4j.internal.Exchange;
import io.github.scrapyd4j.internal.Responses;
import io.github.scrapyd4j.internal.ServerPaths;
import io.github.scrapyd4j.internal.Transport;
import io.github.scrapyd4j.jobs.ItemsNotFoundException;
import io.github.scrapyd4j.jobs.JobRef;
import io.github.scrapyd4j.jobs.LogNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a job's log or items file, a static file Scrapyd serves with byte ranges: whole, as a
 * range, or polled from an offset. Answers other than 200, 206 and 416 become typed exceptions.
 */
public final class FileAccess {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.scrapyd4j.logs");
  private static final Pattern RANGE =
      Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNSATISFIED =
      Pattern.compile("bytes\\s+\\*/(\\d+)", Pattern.CASE_INSENSITIVE);

  /** Which file. */
  public enum Kind {
    LOG("logs", ".log"),
    ITEMS("items", ".jl");

    final String folder;
    final String suffix;

    Kind(String folder, String suffix) {
      this.folder = folder;
      this.suffix = suffix;
    }
  }

  private final ScrapydClient client;
  private final Transport transport;

  public FileAccess(ScrapydClient client) {
    this.client = client;
    this.transport = ClientAccess.transport(client);
  }

  public ScrapydClient client() {
    return client;
  }

  public URI baseUri() {
    return transport.baseUri();
  }

  /** The longest line of a file held in memory. */
  public int maxLineBytes() {
    return transport.maxLineBytes();
  }

  /** One job's file. */
  public static final class Target {
    public final JobRef job;
    public final Kind kind;
    public final URI uri;
    /** The path relative to the base URI, for messages. */
    public final String endpoint;
    final URI baseUri;

    Target(JobRef job, Kind kind, URI uri, String endpoint, URI baseUri) {
      this.job = job;
      this.kind = kind;
      this.uri = uri;
      this.endpoint = endpoint;
      this.baseUri = baseUri;
    }

    public ScrapydHttpException notFound(String body) {
      return kind == Kind.LOG
          ? new LogNotFoundException(job, uri, body, baseUri, endpoint)
          : new ItemsNotFoundException(job, uri, body, baseUri, endpoint);
    }
  }

  /**
   * Where a job's file is: the URL the reference carries, or {@code logs/{project}/{spider}/{job}.log}
   * ({@code items/.../{job}.jl}) under the base URI. A URL outside the base URI is refused, so that
   * the client's credentials never go to another server.
   */
  public Target target(JobRef job, Kind kind) {
    String base = transport.base();
    URI uri;
    URI given = (kind == Kind.LOG ? job.logUrl() : job.itemsUrl()).orElse(null);
    if (given != null) {
      if (!given.toString().startsWith(base)) {
        throw new IllegalArgumentException("job " + job.jobId() + " has "
            + (kind == Kind.LOG ? "logUrl " : "itemsUrl ") + given
            + ", which is not under this client's base URI " + base
            + " (a job of another node?)");
      }
      uri = given;
    } else {
      uri = URI.create(base + kind.folder + '/' + ServerPaths.encodeSegment(job.project()) + '/'
          + ServerPaths.encodeSegment(job.spider()) + '/' + ServerPaths.encodeSegment(job.jobId())
          + kind.suffix);
    }
    return new Target(job, kind, uri, uri.toString().substring(base.length()), transport.baseUri());
  }

  private HttpRequest.Builder request(Target t, String range) {
    HttpRequest.Builder b = transport.newRequest(t.uri.toString(), transport.requestTimeout());
    if (range != null) {
      b.header("Range", range);
    }
    return b;
  }

  // ------------------------------------------------------------------ blocking

  /**
   * GET, blocking until the headers arrive. Returns 200, 206 and 416 answers with their body
   * unread (the caller closes it); throws a typed exception for any other status.
   */
  public HttpResponse<InputStream> open(Target t, String range) {
    HttpRequest request = request(t, range).GET().build();
    HttpResponse<InputStream> response = transport.execute(
        new Exchange<>(t.endpoint, request, BodyHandlers.ofInputStream(), r -> r, true,
            Bodies.Clock.IDLE));
    int status = response.statusCode();
    if (status == 200 || status == 206 || status == 416) {
      return response;
    }
    throw error(t, request, status, readError(response), response.headers());
  }

  /**
   * GET the last {@code n} bytes ({@code Range: bytes=-n}). Twisted's {@code static.File} (which
   * serves Scrapyd's files; seen on Twisted 22.4) fails with 500 when the suffix is longer than the
   * file, the file being empty included: then the whole file, shorter than {@code n}, is asked for
   * instead, and a 200 answer is returned.
   */
  public HttpResponse<InputStream> openSuffix(Target t, long n) {
    HttpRequest request = request(t, "bytes=-" + n).GET().build();
    HttpResponse<InputStream> response = transport.execute(
        new Exchange<>(t.endpoint, request, BodyHandlers.ofInputStream(), r -> r, true,
            Bodies.Clock.IDLE));
    int status = response.statusCode();
    if (status == 200 || status == 206 || status == 416) {
      return response;
    }
    String body = readError(response);
    if (status >= 500) {
      LOG.debug("{} on {} answered {} to Range: bytes=-{} (Twisted fails on a suffix longer than "
          + "the file): reading the whole file instead", t.endpoint, t.baseUri, status, n);
      return open(t, null);
    }
    throw error(t, request, status, body, response.headers());
  }

  private String readError(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      return new String(in.readNBytes(Math.min(16384, transport.maxErrorBodyBytes())),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** HEAD: the file's size, if the server tells it. */
  public OptionalLong size(Target t) {
    HttpRequest request = request(t, null).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<Void> response = transport.execute(
        new Exchange<>(t.endpoint, request, BodyHandlers.discarding(), r -> r, true));
    if (response.statusCode() != 200) {
      throw error(t, request, response.statusCode(), "", response.headers());
    }
    return contentLength(response.headers());
  }

  /** A failure while reading a body, as the client's exception type. */
  public ScrapydException readFailed(Target t, IOException e) {
    return new ScrapydConnectionException(t.endpoint + " on " + t.baseUri
        + ": the connection broke while reading the file (" + e.getMessage() + ")",
        true, t.baseUri, t.endpoint, e);
  }

  /**
   * Streams a 200 or 206 answer into a sink. Returns the bytes delivered; the body is closed.
   */
  public long drain(Target t, HttpResponse<InputStream> response, ByteSink sink) {
    long total = 0;
    byte[] buffer = new byte[16384];
    try (InputStream in = response.body()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (n > 0) {
          sink.accept(ByteBuffer.wrap(buffer, 0, n));
          total += n;
        }
      }
    } catch (IOException e) {
      throw readFailed(t, e);
    }
    return total;
  }

  /** The parsed Content-Range of a 206 or 416 answer. */
  public static final class ContentRange {
    /** First byte, or -1 for a 416. */
    public final long start;
    /** Last byte, or -1. */
    public final long end;
    /** The file's size, or -1 if not told. */
    public final long total;

    ContentRange(long start, long end, long total) {
      this.start = start;
      this.end = end;
      this.total = total;
    }
  }

  public static ContentRange contentRange(HttpHeaders headers) {
    String value = headers.firstValue("Content-Range").orElse(null);
    if (value == null) {
      return null;
    }
    Matcher m = RANGE.matcher(value.trim());
    if (m.matches()) {
      return new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
          m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3)));
    }
    m = UNSATISFIED.matcher(value.trim());
    if (m.matches()) {
      return new ContentRange(-1, -1, Long.parseLong(m.group(1)));
    }
    return null;
  }

  public static OptionalLong contentLength(HttpHeaders headers) {
    OptionalLong length = headers.firstValueAsLong("Content-Length");
    return length.isPresent() && length.getAsLong() >= 0 ? length : OptionalLong.empty();
  }

  public ScrapydException malformed(Target t, String what) {
    return new ScrapydMalformedResponseException(
        t.endpoint + " on " + t.baseUri + ": " + what, "", t.baseUri, t.endpoint, null, null);
  }

  ScrapydHttpException error(
      Target t, HttpRequest request, int status, String body, HttpHeaders headers) {
    if (status == 404) {
      return t.notFound(body);
    }
    boolean sent = request.headers().firstValue("Authorization").isPresent();
    return Responses.unexpectedStatus(t.baseUri, t.endpoint, status, headers, body, sent);
  }

  // ------------------------------------------------------------------ polling

  /** What one poll found. */
  public static final class Poll {
    /** What kind of answer. */
    public enum Kind {
      /** New bytes were delivered (maybe zero, from a 200 or 206). */
      DATA,
      /** 416 at the cursor's offset: the file has not grown. */
      NOTHING_NEW,
      /** The file is now shorter than the cursor's offset: start over. */
      SHRUNK,
      /** 404. */
      NOT_FOUND
    }

    public final Kind kind;
    public final long delivered;
    /** The file's size, or -1 if not told. */
    public final long total;

    Poll(Kind kind, long delivered, long total) {
      this.kind = kind;
      this.delivered = delivered;
      this.total = total;
    }
  }

  /** A response as the body handler saw it; turned into a Poll or an exception by the mapper. */
  private static final class Answer {
    final Poll poll;
    final Throwable aborted;
    final String error;
    final String body;

    Answer(Poll poll, Throwable aborted, String error, String body) {
      this.poll = poll;
      this.aborted = aborted;
      this.error = error;
      this.body = body;
    }
  }

  /**
   * One {@code Range: bytes=<offset>-} request: new bytes go to the cursor's sink. A 200 (the server
   * ignored the range) skips what the sink already has, or starts over if the file is now
   * shorter. An exception thrown by the sink fails the future with it.
   */
  public CompletableFuture<Poll> poll(Target t, RangeCursor cursor) {
    long from = cursor.offset;
    cursor.requests++;
    HttpRequest request = request(t, "bytes=" + from + "-").GET().build();
    HttpResponse.BodyHandler<Answer> handler = info -> subscriber(t, cursor, from, info);
    Exchange<Answer, Poll> exchange = new Exchange<>(t.endpoint, request, handler, response -> {
      Answer a = response.body();
      if (a.aborted != null) {
        if (a.aborted instanceof Error) {
          throw (Error) a.aborted;
        }
        throw (RuntimeException) a.aborted;
      }
      if (a.error != null) {
        throw malformed(t, a.error);
      }
      if (a.poll == null) {
        throw error(t, request, response.statusCode(), a.body, response.headers());
      }
      return a.poll;
    }, true, Bodies.Clock.IDLE);
    return transport.executeAsync(exchange);
  }

  private BodySubscriber<Answer> subscriber(
      Target t, RangeCursor cursor, long from, HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    HttpHeaders headers = info.headers();
    switch (status) {
      case 206: {
        ContentRange range = contentRange(headers);
        if (range == null || range.start < 0) {
          return BodySubscribers.replacing(new Answer(null, null,
              "206 Partial Content without a usable Content-Range header", ""));
        }
        if (range.start > cursor.offset) {
          return BodySubscribers.replacing(new Answer(null, null, "asked for bytes from "
              + cursor.offset + " and got bytes from " + range.start, ""));
        }
        return new Streaming(cursor, cursor.offset - range.start, range.total, false);
      }
      case 200: {
        long length = contentLength(headers).orElse(-1);
        if (!cursor.rangeIgnored && from > 0) {
          cursor.rangeIgnored = true;
          LOG.debug("{} on {} ignores Range requests: each poll reads the whole file", t.endpoint,
              t.baseUri);
        }
        if (length >= 0 && length < cursor.offset) {
          LOG.debug("{} on {} shrank from {} to {} bytes: reading it again from the start",
              t.endpoint, t.baseUri, cursor.offset, length);
          cursor.restart();
        }
        return new Streaming(cursor, cursor.offset, length, true);
      }
      case 416: {
        ContentRange range = contentRange(headers);
        long total = range == null ? -1 : range.total;
        Poll.Kind kind = total >= 0 && total < cursor.offset ? Poll.Kind.SHRUNK : Poll.Kind.NOTHING_NEW;
        return BodySubscribers.replacing(new Answer(new Poll(kind, 0, total), null, null, null));
      }
      case 404:
        return BodySubscribers.replacing(
            new Answer(new Poll(Poll.Kind.NOT_FOUND, 0, -1), null, null, null));
      default:
        return BodySubscribers.mapping(
            Bodies.capped(0, transport.maxErrorBodyBytes(), null).apply(info),
            bytes -> new Answer(null, null, null, new String(bytes, StandardCharsets.UTF_8)));
    }
  }

  /** Pushes body bytes into the cursor's sink, after skipping those it already has. */
  private static final class Streaming implements BodySubscriber<Answer> {
    private final CompletableFuture<Answer> body = new CompletableFuture<>();
    private final RangeCursor cursor;
    private final long total;
    private final boolean wholeFile;
    private long skip;
    private long delivered;
    private Flow.Subscription subscription;
    private boolean aborted;

    Streaming(RangeCursor cursor, long skip, long total, boolean wholeFile) {
      this.cursor = cursor;
      this.skip = skip;
      this.total = total;
      this.wholeFile = wholeFile;
    }

    @Override
    public CompletionStage<Answer> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (aborted) {
        return;
      }
      try {
        for (ByteBuffer b : buffers) {
          int n = b.remaining();
          cursor.received += n;
          if (skip > 0) {
            int k = (int) Math.min(skip, n);
            b.position(b.position() + k);
            skip -= k;
          }
          int m = b.remaining();
          if (m > 0) {
            cursor.sink.accept(b);
            cursor.offset += m;
            cursor.delivered += m;
            delivered += m;
          }
        }
      } catch (RuntimeException | Error e) {
        aborted = true;
        subscription.cancel();
        body.complete(new Answer(null, e, null, null));
        return;
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      if (!aborted) {
        body.completeExceptionally(error);
      }
    }

    @Override
    public void onComplete() {
      if (aborted) {
        return;
      }
      if (wholeFile && skip > 0) {
        // A whole file shorter than what we already had, of unknown length until now.
        body.complete(new Answer(new Poll(Poll.Kind.SHRUNK, 0, cursor.offset - skip), null, null, null));
        return;
      }
      body.complete(new Answer(new Poll(Poll.Kind.DATA, delivered, total), null, null, null));
    }
  }
}
