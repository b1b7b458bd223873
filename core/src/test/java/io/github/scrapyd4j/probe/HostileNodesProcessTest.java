package io.github.scrapyd4j.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory is the point: {@link HostileProbe} runs in a forked JVM with {@code -Xmx64m} against a
 * gigabyte JSON answer (alone and among cluster neighbours), a 200 MB items line, a 200 MB log
 * line, a 200 MB file without a line break and a drip, all with the default caps. Each case must
 * end with its typed outcome and the JVM must not run out of memory. The figures it prints are
 * not asserted (they go to docs/errors.md).
 */
class HostileNodesProcessTest {

  @Test
  void everyHostileAnswerEndsWithItsOutcomeInASixtyFourMegabyteHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
        "-Dlogback.configurationFile=nonexistent.xml",
        "-cp", System.getProperty("java.class.path"), HostileProbe.class.getName())
        .redirectErrorStream(true).start();
    byte[] output = readAll(process);
    boolean ended = process.waitFor(240, TimeUnit.SECONDS);
    String text = new String(output, StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }

    assertThat(ended).as("the probe ended; output:%n%s", text).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", text).isZero();
    assertThat(text).doesNotContain("OutOfMemoryError")
        .contains("json-gigabyte: threw ScrapydMalformedResponseException")
        .contains("cluster: ok=[healthy] gigabyte=ScrapydMalformedResponseException"
            + " drip=ScrapydTimeoutException reset=ScrapydConnectionException")
        .contains("items-200MB-line: returned items=2 skipped=1")
        .contains("log-200MB-line: returned lines=2")
        .contains("tail-200MB-no-newline: returned lines=0")
        .contains("drip-1-byte-per-s-timeout-2s: threw ScrapydTimeoutException")
        .contains("done");
  }

  private static byte[] readAll(Process process) throws IOException {
    return process.getInputStream().readAllBytes();
  }
}
