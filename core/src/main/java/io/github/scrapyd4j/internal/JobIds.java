package io.github.scrapyd4j.internal;

import io.github.scrapyd4j.model.ScheduleRequest;
import java.security.SecureRandom;

/**
 * Job ids given before a {@code schedule} is sent (Scrapyd's {@code jobid} parameter, accepted
 * since 1.2.0), so that a job whose schedule got no answer can still be looked up. Not part of the
 * public API.
 */
public final class JobIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private JobIds() {}

  /**
   * A new id: 32 lowercase hex characters, the shape of Scrapyd's own ({@code uuid1().hex}).
   *
   * @return the id
   */
  public static String random() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    StringBuilder id = new StringBuilder(32);
    for (byte b : random) {
      id.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return id.toString();
  }

  /**
   * The request, with a new job id if it has none.
   *
   * @param request the request
   * @return a request with a job id
   */
  public static ScheduleRequest ensure(ScheduleRequest request) {
    if (request.jobId().isPresent()) {
      return request;
    }
    return ScheduleRequest.builder().from(request).jobId(random()).build();
  }
}
