package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.egg.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrcTest {
  @TempDir Path tmp;

  private static final String SAMPLE = "# my servers\n"
      + "machine scrapyd.example.com\n  login alice\n  password \"pa ss\\\"word\"\n"
      + "machine other.example.com login bob account acct password b0b\n"
      + "macdef init\ncd /tmp\n\n"
      + "default login anon password guest\n";

  @Test
  void machineEntriesThenDefaultAreFound() {
    Netrc netrc = Netrc.parse(SAMPLE);

    assertThat(netrc.credentialsFor("scrapyd.example.com"))
        .contains(Credentials.of("alice", "pa ss\"word"));
    assertThat(netrc.credentialsFor("other.example.com")).contains(Credentials.of("bob", "b0b"));
    assertThat(netrc.credentialsFor("unknown")).contains(Credentials.of("anon", "guest"));
    assertThat(Netrc.parse("machine a login x password y\n").credentialsFor("b")).isEmpty();
    assertThat(netrc.toString()).doesNotContain("b0b").doesNotContain("guest");
  }

  @Test
  void malformedFileIsReportedWithPythonsMessage() {
    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class, () -> Netrc.parse("machine a login x pasword y\n"));

    assertThat(e.problem()).isEqualTo(ScrapyConfigException.Problem.NETRC);
    assertThat(e.getMessage()).contains("bad follower token in the entry for machine 'a', after"
        + " its login").contains("line 1").doesNotContain("pasword");
  }

  @Test
  void defaultNetrcReadableByOthersIsIgnoredLikePythonDoes() throws Exception {
    Path file = Files.writeString(tmp.resolve(".netrc"), "machine h login u password p\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(Netrc.loadDefault(file)).isEmpty();

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(Netrc.loadDefault(file).flatMap(n -> n.credentialsFor("h")))
        .contains(Credentials.of("u", "p"));
    assertThat(Netrc.loadDefault(tmp.resolve("missing"))).isEmpty();
  }

  @Test
  void credentialsMatchPythonsNetrcModule() throws Exception {
    Optional<String> python = Python.withModule("netrc");
    assumeTrue(python.isPresent(), Python.missing("netrc"));
    List<String> texts = List.of(SAMPLE,
        "machine h login u password p machine h login v password q\n",
        "default login d password e\nmachine h login u\n",
        "machine h\n\tlogin \"quoted user\"\n\tpassword back\\\\slash\n",
        "# comment line\nmachine h login u password p # trailing\n",
        "machine h user u password p account a\n");
    List<String> hosts = List.of("scrapyd.example.com", "other.example.com", "h", "nothere");
    for (String text : texts) {
      Path file = Files.writeString(tmp.resolve("n" + texts.indexOf(text)), text);
      Python.Run run = Python.run(List.of(python.get(), "-c",
          "import netrc,sys\n"
              + "n = netrc.netrc(sys.argv[1])\n"
              + "for h in sys.argv[2:]:\n"
              + "    a = n.authenticators(h)\n"
              + "    print(h + '|' + ('-' if a is None else a[0] + '|' + a[2]))\n",
          file.toString(), hosts.get(0), hosts.get(1), hosts.get(2), hosts.get(3)), tmp);
      assertThat(run.exitCode).as(run.toString()).isZero();
      List<String> ours = new ArrayList<>();
      Netrc netrc = Netrc.load(file);
      for (String host : hosts) {
        Optional<Credentials> c = netrc.credentialsFor(host);
        ours.add(host + "|" + c.map(x -> x.username() + "|" + x.password()).orElse("-"));
      }
      assertThat(String.join("\n", ours)).as(text)
          .isEqualTo(run.stdout.strip());
    }
  }
}
