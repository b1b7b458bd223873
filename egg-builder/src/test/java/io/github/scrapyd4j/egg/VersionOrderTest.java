package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.egg.testing.Python;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionOrderTest {
  /** Lists of stored names, each sorted by Scrapyd 1.4+'s rule (checked against packaging 23). */
  private static final List<List<String>> SORTED = List.of(
      List.of("1_0", "1_10", "1_9"),
      List.of("1700000009", "1700000010", "1795456800"),
      List.of("9", "10", "100"),
      List.of("1-0", "1-1", "2"),
      List.of("1", "1-post1", "1-10"),
      List.of("1rc1", "1", "1-1"),
      List.of("1a1", "1b1", "1c1", "1"),
      List.of("1dev1", "1a1", "1"),
      List.of("v1", "2", "v3"),
      List.of("10", "1700000000", "r12-master"),
      List.of("1700000000", "noep", "r1", "r2"),
      List.of("v1_0-3-gabc1234-main", "v1_0-main", "v1_1-main"),
      List.of("1-0", "1-0-dev", "1-0a"),
      List.of("1_0", "1_0rc1"),
      List.of("Z", "_", "a"));

  @Test
  void sortFollowsPep440WhenAllParseElseStrings() {
    for (List<String> expected : SORTED) {
      List<String> reversed = new ArrayList<>(expected);
      java.util.Collections.reverse(reversed);
      assertThat(VersionOrder.sort(reversed)).as("%s", expected).isEqualTo(expected);
    }
  }

  @Test
  void dottedVersionsAreStoredWithUnderscoresSoNineBeatsTen() {
    assertThat(VersionOrder.wouldBeLatest(List.of("1_9"), "1.10")).isFalse();
    assertThat(VersionOrder.wouldBeLatest(List.of("1_10"), "1.9")).isTrue();
    assertThat(VersionOrder.latest(List.of("1_9", "1_10"))).contains("1_9");
  }

  @Test
  void epochSecondsAlwaysBecomeLatest() {
    assertThat(VersionOrder.wouldBeLatest(List.of("1700000000", "1795456799"), "1795456800"))
        .isTrue();
    assertThat(VersionOrder.wouldBeLatest(List.of(), "1")).isTrue();
  }

  @Test
  void oneNonPep440NameSwitchesEverythingToStringOrder() {
    // "9" < "10" as versions, but "r1" makes Scrapyd compare strings, and "9" > "10".
    assertThat(VersionOrder.wouldBeLatest(List.of("9", "r1"), "10")).isFalse();
    assertThat(VersionOrder.wouldBeLatest(List.of("9"), "10")).isTrue();
  }

  @Test
  void replacingTheLatestVersionKeepsItLatestAndTiesAreNotLatest() {
    assertThat(VersionOrder.wouldBeLatest(List.of("1", "2"), "2")).isTrue();
    assertThat(VersionOrder.wouldBeLatest(List.of("1", "2"), "02")).isFalse();
    assertThat(VersionOrder.latest(List.of())).isEmpty();
  }

  @Test
  void pep440Recognition() {
    assertThat(VersionOrder.isPep440("1700000000")).isTrue();
    assertThat(VersionOrder.isPep440("1-0")).isTrue();
    assertThat(VersionOrder.isPep440("v2")).isTrue();
    assertThat(VersionOrder.isPep440("1_0")).isFalse();
    assertThat(VersionOrder.isPep440("r12-master")).isFalse();
    assertThat(VersionOrder.isPep440("")).isFalse();
  }

  @Test
  void orderMatchesPythonPackaging() throws Exception {
    Optional<String> python = Python.withModule("packaging");
    assumeTrue(python.isPresent(), Python.missing("packaging"));
    List<String> names = new ArrayList<>(List.of("1.0", "1.0.0", "1.0a1", "1.0b2", "1.0rc1",
        "1.0c2", "1.0.post1", "1.0-1", "1.0_r2", "1.0rev3", "1.0.dev0", "1.0a1.dev1",
        "1.0.post1.dev2", "1!0.5", "1.0+local.1", "1.0+local.a", "1.0+2", "v1.1", "1.1alpha",
        "1.1beta", "1.1preview3", "1.1pre", "2", "10", "01", "1.10", "1.9", "1-0", "1-post2",
        "1700000000", "1795456800", "9999999999999999999999", "1.0.0.0.1", "0", "0.0"));
    List<List<String>> inputs = new ArrayList<>();
    inputs.add(names);
    for (List<String> sorted : SORTED) {
      List<String> reversed = new ArrayList<>(sorted);
      java.util.Collections.reverse(reversed);
      inputs.add(reversed);
    }
    List<String> single = List.of("1_0", "r1", "1.0", "1-0", "v1_0", "1.0+x_y", "1!2", "a",
        "1..0", " 1.0 ", "1.0-", "1-", "-1", "01");
    // One Python run: a line per input list (its sorted form), then a line per single name.
    String script = "import json, sys\n"
        + "from packaging.version import Version, InvalidVersion\n"
        + "data = json.loads(sys.argv[1])\n"
        + "def scrapyd_sort(v):\n"
        + "    try:\n"
        + "        return sorted(v, key=Version)\n"
        + "    except InvalidVersion:\n"
        + "        return sorted(v)\n"
        + "def parses(v):\n"
        + "    try:\n"
        + "        Version(v)\n"
        + "        return True\n"
        + "    except InvalidVersion:\n"
        + "        return False\n"
        + "print(json.dumps({'sorted': [scrapyd_sort(v) for v in data['lists']],"
        + " 'parses': [parses(v) for v in data['single']]}))\n";
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    String arg = json.writeValueAsString(java.util.Map.of("lists", inputs, "single", single));
    Python.Run run = Python.run(List.of(python.get(), "-c", script, arg), null);
    assertThat(run.exitCode).as(run.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode out = json.readTree(run.stdout);
    for (int i = 0; i < inputs.size(); i++) {
      List<String> theirs = new ArrayList<>();
      out.get("sorted").get(i).forEach(n -> theirs.add(n.asText()));
      assertThat(VersionOrder.sort(inputs.get(i))).as("%s", inputs.get(i))
          .containsExactlyElementsOf(theirs);
    }
    for (int i = 0; i < single.size(); i++) {
      assertThat(VersionOrder.isPep440(single.get(i))).as("'%s'", single.get(i))
          .isEqualTo(out.get("parses").get(i).asBoolean());
    }
  }
}
