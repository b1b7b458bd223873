package io.github.scrapyd4j.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One call: the request to send, how to read the body, and how to turn the answer into a value.
 *
 * @param <B> the body type
 * @param <T> the result type
 */
public final class Exchange<B, T> {
  /** Maps an answer to a value; may throw a ScrapydException. */
  @FunctionalInterface
  public interface Mapper<B, T> {
    T map(HttpResponse<B> response);
  }

  final String endpoint;
  final HttpRequest request;
  final HttpResponse.BodyHandler<B> bodyHandler;
  final Mapper<B, T> mapper;
  final boolean readOnly;
  final Bodies.Clock clock;

  /**
   * @param endpoint the path relative to the base URI, for messages and logs
   * @param request the request, reusable for retries
   * @param bodyHandler how to read the body
   * @param mapper how to turn the answer into a value
   * @param readOnly whether the call may be retried after a transport failure
   */
  public Exchange(
      String endpoint,
      HttpRequest request,
      HttpResponse.BodyHandler<B> bodyHandler,
      Mapper<B, T> mapper,
      boolean readOnly) {
    this(endpoint, request, bodyHandler, mapper, readOnly, Bodies.Clock.WHOLE);
  }

  /**
   * @param endpoint the path relative to the base URI, for messages and logs
   * @param request the request, reusable for retries
   * @param bodyHandler how to read the body
   * @param mapper how to turn the answer into a value
   * @param readOnly whether the call may be retried after a transport failure
   * @param clock what the request's timeout covers: the whole exchange, or each gap between
   *     bytes of a body streamed to the caller
   */
  public Exchange(
      String endpoint,
      HttpRequest request,
      HttpResponse.BodyHandler<B> bodyHandler,
      Mapper<B, T> mapper,
      boolean readOnly,
      Bodies.Clock clock) {
    this.endpoint = endpoint;
    this.request = request;
    this.bodyHandler = bodyHandler;
    this.mapper = mapper;
    this.readOnly = readOnly;
    this.clock = clock;
  }

  public String endpoint() {
    return endpoint;
  }

  public HttpRequest request() {
    return request;
  }
}
