package io.github.scrapyd4j.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A {@code multipart/form-data} body of text fields and one file part, streamed with a known
 * length (so it is not sent chunked). The file comes from bytes or is read from a path as it is
 * sent.
 */
public final class Multipart {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String boundary;
  private final List<Param> fields = new ArrayList<>();
  private String fileField;
  private String fileName;
  private byte[] fileBytes;
  private Path filePath;

  public Multipart() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    StringBuilder b = new StringBuilder("scrapyd4j-");
    for (byte x : random) {
      b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    this.boundary = b.toString();
  }

  public Multipart field(String name, String value) {
    fields.add(Param.of(name, value));
    return this;
  }

  public Multipart file(String field, String name, byte[] bytes) {
    this.fileField = field;
    this.fileName = name;
    this.fileBytes = bytes;
    return this;
  }

  public Multipart file(String field, String name, Path path) {
    this.fileField = field;
    this.fileName = name;
    this.filePath = path;
    return this;
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public BodyPublisher publisher() {
    StringBuilder head = new StringBuilder();
    for (Param field : fields) {
      head.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(quote(field.name))
          .append("\"\r\n\r\n")
          .append(field.value).append("\r\n");
    }
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(quote(fileField))
        .append("\"; filename=\"").append(quote(fileName)).append("\"\r\n")
        .append("Content-Type: application/octet-stream\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] tailBytes = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    if (fileBytes != null) {
      long length = (long) headBytes.length + fileBytes.length + tailBytes.length;
      return withLength(
          BodyPublishers.ofByteArrays(List.of(headBytes, fileBytes, tailBytes)), length);
    }
    long fileLength;
    try {
      fileLength = Files.size(filePath);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read egg file " + filePath, e);
    }
    long length = headBytes.length + fileLength + tailBytes.length;
    Path path = filePath;
    return withLength(
        BodyPublishers.ofInputStream(
            () -> {
              try {
                InputStream file = Files.newInputStream(path);
                return new SequenceInputStream(
                    Collections.enumeration(
                        List.of(
                            new ByteArrayInputStream(headBytes),
                            file,
                            new ByteArrayInputStream(tailBytes))));
              } catch (IOException e) {
                throw new UncheckedIOException("cannot read egg file " + path, e);
              }
            }),
        length);
  }

  /** Field and file names are quoted strings in the header: escape what would end them. */
  private static String quote(String name) {
    return name.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static BodyPublisher withLength(BodyPublisher delegate, long length) {
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return length;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(subscriber);
      }
    };
  }
}
