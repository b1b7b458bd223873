package io.github.scrapyd4j.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scrapyd4j.internal.TextSink;
import io.github.scrapyd4j.internal.Utf8Decoder;
import io.github.scrapyd4j.jobs.internal.LineSplitter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UTF-8 arriving in pieces split anywhere, invalid bytes, and lines split across pieces. */
class DecodingTest {
  private static final String TEXT = "héllo wörld ✓ 日本 \uD83D\uDE00 end\nsecond line\r\nthird";

  private static final class Collect implements TextSink {
    final StringBuilder text = new StringBuilder();
    int restarts;
    int ends;

    @Override
    public void text(String t) {
      text.append(t);
    }

    @Override
    public void restart() {
      restarts++;
      text.setLength(0);
    }

    @Override
    public void end() {
      ends++;
    }
  }

  @Test
  void multiByteCharactersSplitAtEveryPossibleByteDecodeIntact() {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    for (int a = 1; a < bytes.length; a++) {
      for (int b = a; b < bytes.length; b++) {
        Collect out = new Collect();
        Utf8Decoder decoder = new Utf8Decoder(out);
        decoder.accept(bytes, 0, a);
        decoder.accept(bytes, a, b - a);
        decoder.accept(bytes, b, bytes.length - b);
        decoder.end();
        assertThat(out.text.toString()).as("split at %d and %d", a, b).isEqualTo(TEXT);
        assertThat(out.ends).isEqualTo(1);
      }
    }
  }

  @Test
  void invalidBytesAndACutLastCharacterBecomeReplacementCharacters() {
    byte[] smile = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = {'a', (byte) 0xff, 'b', (byte) 0xc3, 'c', smile[0], smile[1]};
    Collect out = new Collect();
    Utf8Decoder decoder = new Utf8Decoder(out);
    for (byte b : bytes) {
      decoder.accept(new byte[] {b}, 0, 1);
    }
    decoder.end();

    assertThat(out.text.toString()).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
  }

  @Test
  void aRestartDropsAnIncompleteCharacter() {
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    Collect out = new Collect();
    Utf8Decoder decoder = new Utf8Decoder(out);
    decoder.accept(new byte[] {'x', e[0]}, 0, 2);
    decoder.restart();
    decoder.accept("new".getBytes(StandardCharsets.UTF_8), 0, 3);
    decoder.end();

    assertThat(out.text.toString()).isEqualTo("new");
    assertThat(out.restarts).isEqualTo(1);
  }

  @Test
  void bigInputIsDecodedInBoundedChunks() {
    String big = "ü".repeat(100_000);
    List<Integer> sizes = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    Utf8Decoder decoder = new Utf8Decoder(new TextSink() {
      @Override
      public void text(String t) {
        sizes.add(t.length());
        all.append(t);
      }

      @Override
      public void restart() {}

      @Override
      public void end() {}
    });
    decoder.accept(ByteBuffer.wrap(big.getBytes(StandardCharsets.UTF_8)));
    decoder.end();

    assertThat(all.toString()).isEqualTo(big);
    assertThat(sizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(8192));
  }

  @Test
  void linesConsumerJoinsPiecesAndStripsLineEnds() {
    List<String> lines = new ArrayList<>();
    int[] restarts = {0};
    LogConsumer consumer = LogConsumer.lines(lines::add, () -> restarts[0]++);
    consumer.onText("one\ntw");
    consumer.onText("o\r");
    consumer.onText("\nthree\n\nfour");
    consumer.onRestart();
    consumer.onText("five\nsix");
    consumer.onEnd();

    assertThat(lines).containsExactly("one", "two", "three", "", "five", "six");
    assertThat(restarts[0]).isEqualTo(1);
  }

  @Test
  void lineSplitterKeepsAnIncompleteLineUntilTheRestArrives() {
    List<String> lines = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(new LineSplitter.Lines() {
      @Override
      public void line(byte[] bytes, int offset, int length, long lineNumber) {
        lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        numbers.add(lineNumber);
      }

      @Override
      public void overlong(long lineNumber, long offset, long length, byte[] head) {
        lines.add("<overlong>");
      }

      @Override
      public void restart() {
        lines.add("<restart>");
      }

      @Override
      public void end() {
        lines.add("<end>");
      }
    }, 1000);
    splitter.accept(ByteBuffer.wrap("{\"a\":1}\n{\"b\"".getBytes(StandardCharsets.UTF_8)));
    assertThat(splitter.hasPartial()).isTrue();
    splitter.accept(ByteBuffer.wrap(":2}\r\n\n{\"c\":".getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
    splitter.end();

    assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "", "{\"c\":", "<end>");
    assertThat(numbers).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void lineSplitterSkipsLinesOverTheCapAndReportsTheirOffset() {
    List<String> events = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(new LineSplitter.Lines() {
      @Override
      public void line(byte[] bytes, int offset, int length, long lineNumber) {
        events.add(lineNumber + ":" + new String(bytes, offset, length, StandardCharsets.UTF_8));
      }

      @Override
      public void overlong(long lineNumber, long offset, long length, byte[] head) {
        events.add(lineNumber + ": skipped at " + offset + ", " + length + " bytes, head "
            + new String(head, StandardCharsets.UTF_8));
      }

      @Override
      public void restart() {}

      @Override
      public void end() {
        events.add("end");
      }
    }, 8);
    // "ok\n" (0-2), "0123456789\n" (3-13) over the cap in one chunk, then one across chunks
    splitter.accept(ByteBuffer.wrap("ok\n0123456789\nabcd".getBytes(StandardCharsets.UTF_8)));
    splitter.accept(ByteBuffer.wrap("efghij".getBytes(StandardCharsets.UTF_8)));
    splitter.accept(
        ByteBuffer.wrap("klmn\nexactly8\nnever-ending-line".getBytes(StandardCharsets.UTF_8)));
    splitter.end();

    assertThat(events).containsExactly(
        "1:ok",
        "2: skipped at 3, 10 bytes, head 0123456789",
        "3: skipped at 14, 14 bytes, head abcdefghij",
        "4:exactly8",
        "5: skipped at 38, 17 bytes, head never-ending-line",
        "end");
  }

  @Test
  void textLinesSkipLinesOverTheCap() {
    List<String> lines = new ArrayList<>();
    io.github.scrapyd4j.logs.internal.TextLines splitter =
        new io.github.scrapyd4j.logs.internal.TextLines(5, lines::add,
            (number, offset, length) -> lines.add(number + "@" + offset + "+" + length));
    splitter.text("abc\r\n0123456789");
    splitter.text("0123\nxy\n");
    splitter.text("zzzzzzzz");
    splitter.end();
    assertThat(lines).containsExactly("abc", "2@5+14", "xy", "4@23+8");
  }
}
