package io.github.scrapyd4j.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scrapyd4j.logs.internal.PythonLiteral;
import io.github.scrapyd4j.testing.Recording;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stats dump: Python literals as pprint writes them, and the typed view of Scrapy's stats. */
class ScrapyStatsTest {
  private static String dumpOf(String log) {
    int at = log.lastIndexOf("Dumping Scrapy stats:");
    String rest = log.substring(log.indexOf('\n', at) + 1);
    return rest.substring(0, rest.indexOf("}\n") + 1);
  }

  @Test
  void statsOfTheRecordedLogAreTyped() {
    ScrapyStats stats = ScrapyStats.parse(dumpOf(Recording.load("log_full").bodyText()));

    assertThat(stats.finishReason()).contains("finished");
    assertThat(stats.itemsScraped()).isEqualTo(31);
    assertThat(stats.requests()).isEqualTo(32);
    assertThat(stats.responses()).isEqualTo(32);
    assertThat(stats.responsesReceived()).isEqualTo(32);
    assertThat(stats.responseStatusCounts()).containsExactly(Map.entry(200, 31L), Map.entry(404, 1L));
    assertThat(stats.logCounts()).containsExactly(Map.entry("INFO", 10L), Map.entry("WARNING", 1L));
    assertThat(stats.errorCount()).isZero();
    assertThat(stats.elapsed()).contains(Duration.ofNanos(3_335_241_000L));
    assertThat(stats.startTime()).contains(Instant.parse("2026-11-23T18:27:11.083225Z"));
    assertThat(stats.finishTime()).contains(Instant.parse("2026-11-23T18:27:14.418466Z"));
    assertThat(stats.count("dupefilter/filtered")).isEqualTo(31);
    assertThat(stats.count("no/such/stat")).isZero();
    assertThat(stats.raw()).hasSize(26);
    assertThat(stats.raw().get("finish_time")).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 14, 418_466_000));
    assertThat(stats.raw().keySet()).first().isEqualTo("downloader/request_bytes");
  }

  @Test
  void newerScrapyWritesAwareDatetimesInUtc() {
    ScrapyStats stats = ScrapyStats.parse("{'finish_reason': 'closespider_timeout',\n"
        + " 'finish_time': datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc),\n"
        + " 'start_time': datetime.datetime(2026, 1, 2, 3, 0, tzinfo=datetime.timezone.utc)}");

    assertThat(stats.finishTime()).contains(Instant.parse("2026-01-02T03:04:05.000006Z"));
    assertThat(stats.startTime()).contains(Instant.parse("2026-01-02T03:00:00Z"));
    assertThat(stats.elapsed()).contains(Duration.ofSeconds(245, 6000));
    assertThat(stats.finishReason()).contains("closespider_timeout");
  }

  @Test
  void stringsInEitherQuoteWithEscapesAreDecoded() {
    Object v = PythonLiteral.parse("{'a': \"it's\", 'b': 'say \"hi\"', 'c': 'tab\\there\\nnl',"
        + " 'd': 'caf\\xe9 \\u2713 \\U0001F600', 'e': 'back\\\\slash', 'f': b'\\x00\\xff',"
        + " 'g': r'raw\\d', 'h': 'oct\\101', 'i': \"\\\"q\\\"\", 'j': 'unknown\\q'}");

    assertThat(v).isEqualTo(Map.of("a", "it's", "b", "say \"hi\"", "c", "tab\there\nnl",
        "d", "café ✓ \uD83D\uDE00", "e", "back\\slash", "f", "\u0000\u00ff", "g", "raw\\d",
        "h", "octA", "i", "\"q\"", "j", "unknown\\q"));
  }

  @Test
  void numbersBooleansNoneAndNestedCollectionsAreRead() {
    @SuppressWarnings("unchecked")
    Map<Object, Object> v = (Map<Object, Object>) PythonLiteral.parse("{'int': -42, 'big': 123456789012345678901234567890,"
        + " 'float': 1.5e-05, 'neg': -0.25, 'inf': inf, 'yes': True, 'no': False, 'none': None,"
        + " 'list': [1, 'two', [3]], 'tuple': (1, 2), 'one': (1,), 'empty': (), 'set': {1, 2},"
        + " 'dict': {200: 3, 'k': {'x': []}}, 'hex': 0x1F, 'trailing': [1, 2,],}");

    assertThat(v.get("int")).isEqualTo(-42L);
    assertThat(v.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(v.get("float")).isEqualTo(1.5e-05);
    assertThat(v.get("neg")).isEqualTo(-0.25);
    assertThat(v.get("inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(v.get("yes")).isEqualTo(true);
    assertThat(v.get("no")).isEqualTo(false);
    assertThat(v).containsEntry("none", null);
    assertThat(v.get("list")).isEqualTo(Arrays.asList(1L, "two", List.of(3L)));
    assertThat(v.get("tuple")).isEqualTo(List.of(1L, 2L));
    assertThat(v.get("one")).isEqualTo(List.of(1L));
    assertThat(v.get("empty")).isEqualTo(List.of());
    assertThat(v.get("set")).isEqualTo(List.of(1L, 2L));
    assertThat(v.get("dict")).isEqualTo(Map.of(200L, 3L, "k", Map.of("x", List.of())));
    assertThat(v.get("hex")).isEqualTo(31L);
    assertThat(v.get("trailing")).isEqualTo(List.of(1L, 2L));
  }

  @Test
  void pprintWrapsLongStringsInParenthesesAndTheyAreJoined() {
    Object v = PythonLiteral.parse("{'long': ('first part of a long text '\n"
        + "          'and the second part'),\n 'short': 'x'}");

    assertThat(v).isEqualTo(Map.of("long", "first part of a long text and the second part", "short", "x"));
  }

  @Test
  void datetimeVariantsAndOtherObjectsAreRead() {
    @SuppressWarnings("unchecked")
    Map<Object, Object> v = (Map<Object, Object>) PythonLiteral.parse("{"
        + "'naive': datetime.datetime(2026, 11, 23, 18, 27),"
        + "'micro': datetime.datetime(2026, 11, 23, 18, 27, 14, 418466),"
        + "'plus1': datetime.datetime(2026, 11, 23, 18, 27, 14, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600))),"
        + "'minus1': datetime.datetime(2026, 11, 23, 18, 27, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=82800))),"
        + "'zoned': datetime.datetime(2026, 7, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris')),"
        + "'date': datetime.date(2026, 11, 23),"
        + "'delta': datetime.timedelta(seconds=3, microseconds=500000),"
        + "'object': <scrapy.utils.Foo object at 0x7f1234>,"
        + "'decimal': Decimal('1.10'),"
        + "'name': some_name}");

    assertThat(v.get("naive")).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27));
    assertThat(v.get("micro")).isEqualTo(LocalDateTime.of(2026, 11, 23, 18, 27, 14, 418_466_000));
    assertThat(v.get("plus1")).isEqualTo(OffsetDateTime.of(2026, 11, 23, 18, 27, 14, 0, ZoneOffset.ofHours(1)));
    assertThat(v.get("minus1")).isEqualTo(OffsetDateTime.of(2026, 11, 23, 18, 27, 0, 0, ZoneOffset.ofHours(-1)));
    assertThat(v.get("zoned")).isEqualTo(OffsetDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
    assertThat(v.get("date")).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(v.get("delta")).isEqualTo(Duration.ofMillis(3500));
    assertThat(v.get("object")).isEqualTo("<scrapy.utils.Foo object at 0x7f1234>");
    assertThat(v.get("decimal")).isEqualTo("Decimal('1.10')");
    assertThat(v.get("name")).isEqualTo("some_name");
  }

  @Test
  void spiderExceptionsItemsDroppedAndCriticalLinesAreCounted() {
    ScrapyStats stats = ScrapyStats.parse("{'item_dropped_count': 2, 'log_count/CRITICAL': 1,"
        + " 'log_count/ERROR': 3, 'spider_exceptions/ValueError': 3, 'spider_exceptions/KeyError': 1}");

    assertThat(stats.itemsDropped()).isEqualTo(2);
    assertThat(stats.errorCount()).isEqualTo(4);
    assertThat(stats.spiderExceptions()).containsExactly(Map.entry("KeyError", 1L), Map.entry("ValueError", 3L));
    assertThat(stats.finishReason()).isEmpty();
    assertThat(stats.elapsed()).isEmpty();
    assertThat(stats.value("log_count/ERROR")).contains(3L);
  }

  @Test
  void textThatIsNotADictIsRejectedWithWhereItWentWrong() {
    assertThatThrownBy(() -> ScrapyStats.parse("['a list']"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a dict");
    assertThatThrownBy(() -> ScrapyStats.parse("{'a': 1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected '}'");
    assertThatThrownBy(() -> ScrapyStats.parse("{'a': 'unterminated}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> ScrapyStats.parse(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("dictLiteral");
  }
}
