package io.github.scrapyd4j.egg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

  @Test
  void shortOutputIsKeptWhole() throws Exception {
    String text = "line 1\nline 2\n";

    assertThat(Processes.keepEnds(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 64)).isEqualTo(text);
  }

  @Test
  void outputOfExactlyHeadPlusTailIsKeptWhole() throws Exception {
    String text = "a".repeat(10) + "b".repeat(10);

    assertThat(Processes.keepEnds(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 10)).isEqualTo(text);
  }

  @Test
  void longOutputKeepsItsStartAndEndAndSaysHowMuchWasLeftOut() throws Exception {
    String text = "HEAD" + "x".repeat(1000) + "TAIL";

    String kept = Processes.keepEnds(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 8);

    assertThat(kept).startsWith("HEADxxxx").endsWith("xxxxTAIL")
        .contains("[... 992 bytes of output left out ...]");
  }

  @Test
  void aRunawayCommandsOutputIsCappedNotBufferedWhole(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to make 20 MB of output");

    Processes.Result r = Processes.run(
        List.of("/bin/sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' y; echo; echo END"),
        dir, Map.of(), Duration.ofMinutes(1));

    assertThat(r.exitCode).isZero();
    assertThat(r.stdout.length()).isLessThan(2 * Processes.KEEP_BYTES + 100);
    assertThat(r.stdout).startsWith("yyyy").endsWith("END\n").contains("bytes of output left out");
  }
}
