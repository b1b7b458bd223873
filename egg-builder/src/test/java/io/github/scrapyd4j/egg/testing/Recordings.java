package io.github.scrapyd4j.egg.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Real Scrapyd 1.6 answers, from the recordings in scrapyd4j-core's test jar
 * ({@code recordings/NAME.http}: status line, headers, blank line, body), as WireMock responses.
 */
public final class Recordings {
  private Recordings() {}

  /**
   * A recorded answer.
   *
   * @param name the recording's name, such as {@code addversion_noentry}
   * @return the response, with the recorded status, headers and body
   */
  public static ResponseDefinitionBuilder answer(String name) {
    String text = text(name);
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    String[] lines = head.split("\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    ResponseDefinitionBuilder response = aResponse().withStatus(status);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String header = lines[i].substring(0, colon).strip();
      if (!header.equalsIgnoreCase("Content-Length") && !header.equalsIgnoreCase("Date")) {
        response.withHeader(header, lines[i].substring(colon + 1).strip());
      }
    }
    return response.withBody(body);
  }

  /**
   * The recording's text.
   *
   * @param name the recording's name
   * @return the whole file
   */
  public static String text(String name) {
    try (InputStream in = Recordings.class.getResourceAsStream("/recordings/" + name + ".http")) {
      if (in == null) {
        throw new IllegalArgumentException("no recording " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Scrapyd 1.6 style JSON answer.
   *
   * @param json the endpoint's own keys, such as {@code "versions": ["1"]}
   * @return the response
   */
  public static ResponseDefinitionBuilder ok(String json) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{" + json + (json.isEmpty() ? "" : ", ")
            + "\"status\": \"ok\", \"node_name\": \"vm\"}\n");
  }

  /**
   * A Scrapyd {@code status: error} answer.
   *
   * @param message the message
   * @return the response
   */
  public static ResponseDefinitionBuilder error(String message) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"status\": \"error\", \"message\": \"" + message.replace("\"", "\\\"")
            + "\", \"node_name\": \"vm\"}\n");
  }
}
