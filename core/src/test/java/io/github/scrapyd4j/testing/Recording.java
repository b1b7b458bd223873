package io.github.scrapyd4j.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP response captured from a real Scrapyd 1.6.0 (see {@code
 * src/test/resources/recordings/README.md}): status, headers and body, usable as a WireMock stub.
 */
public final class Recording {
  public final int status;
  public final List<Map.Entry<String, String>> headers;
  public final byte[] body;

  private Recording(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** Loads {@code recordings/<name>.http} from the test classpath. */
  public static Recording load(String name) {
    String resource = "/recordings/" + name + ".http";
    try (InputStream in = Recording.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no recording " + resource);
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Recording parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\n\n");
    String head = headEnd < 0 ? text : text.substring(0, headEnd);
    String[] lines = head.split("\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    int contentLength = -1;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim();
      String value = lines[i].substring(colon + 1).trim();
      headers.add(Map.entry(name, value));
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Integer.parseInt(value);
      }
    }
    int bodyStart = headEnd < 0 ? raw.length : headEnd + 2;
    int bodyLength = contentLength >= 0 ? Math.min(contentLength, raw.length - bodyStart) : raw.length - bodyStart;
    byte[] body = new byte[Math.max(bodyLength, 0)];
    System.arraycopy(raw, bodyStart, body, 0, body.length);
    return new Recording(status, Collections.unmodifiableList(headers), body);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The recording as a WireMock response (Content-Length is left to WireMock). */
  public ResponseDefinitionBuilder response() {
    ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body);
    for (Map.Entry<String, String> header : headers) {
      if (!header.getKey().equalsIgnoreCase("Content-Length")) {
        response.withHeader(header.getKey(), header.getValue());
      }
    }
    return response;
  }

  /** A response with this recording's headers and status but another JSON body. */
  public static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
