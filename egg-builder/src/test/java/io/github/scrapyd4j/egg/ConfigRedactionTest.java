package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.scrapyd4j.egg.ScrapyConfigException.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The password of a scrapy.cfg target or a .netrc entry never shows in a string the config
 * readers make: exception messages (and their causes' and stack traces'), toString(), log lines
 * at DEBUG. Each probe puts the secret where the reader has to talk about it.
 */
class ConfigRedactionTest {
  static final String USER = "scrapy";
  static final String SECRET = "hunter22 s3cr/et";

  @TempDir Path tmp;

  private final List<String> strings = new ArrayList<>();
  private ListAppender<ILoggingEvent> logs;
  private Logger root;
  private Level rootLevel;

  @BeforeEach
  void captureLogs() {
    root = (Logger) LoggerFactory.getLogger("io.github.scrapyd4j");
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void noSecretInAnyString() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    logs.list.forEach(e -> strings.add(e.getFormattedMessage()));
    assertThat(strings).isNotEmpty();
    for (String s : forms(USER, SECRET)) {
      assertThat(strings).allSatisfy(text -> assertThat(text).doesNotContain(s));
    }
  }

  /** The password, URL-encoded, and base64 user:password (as in an Authorization header). */
  static List<String> forms(String user, String secret) {
    List<String> forms = new ArrayList<>();
    forms.add(secret);
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    forms.add(Base64.getEncoder().encodeToString(
        (user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    // Its distinctive parts too, so that a message that quotes half of it fails as well.
    for (String part : secret.split(" ")) {
      if (part.length() >= 5) {
        forms.add(part);
      }
    }
    return forms;
  }

  private void keep(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    strings.add(trace.toString());
    strings.add(String.valueOf(e));
  }

  private static ScrapyConfig parse(String text) {
    return ScrapyConfig.loader().environment(Map.of()).systemAndUserFiles(false).parse(text);
  }

  /** The password URL-encoded, with each % doubled as scrapy.cfg wants it. */
  private static String encoded() {
    return URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20")
        .replace("%", "%%");
  }

  @Test
  void deployTargetToStringShowsTheUrlWithoutItsPassword() {
    ScrapyConfig cfg = parse("[deploy]\nurl = http://" + USER + ":" + encoded()
        + "@scrapyd.example.com:6800/\nproject = bot\nusername = " + USER + "\npassword = "
        + SECRET + "\n");

    DeployTarget target = cfg.target("default");
    strings.add(target.toString());
    strings.add(cfg.toString());
    strings.add(cfg.targets().toString());

    assertThat(target.toString()).contains("http://" + USER + ":***@scrapyd.example.com:6800/")
        .contains("project=bot");
  }

  @Test
  void anInvalidTargetUrlIsQuotedWithoutItsPassword() {
    for (String url : List.of(
        "ftp://" + USER + ":" + encoded() + "@host/",
        "http://" + USER + ":" + SECRET + "@host/",          // a space: not a valid URI
        "http:/" + USER + ":" + encoded() + "@host/",         // one slash: no host
        USER + ":" + encoded() + "@host:6800")) {             // no scheme at all
      ScrapyConfig cfg = parse("[deploy]\nurl = " + url + "\n");
      ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class,
          () -> cfg.target("default").uri());
      keep(e);
      strings.add(cfg.target("default").toString());
      assertThat(e.problem()).isEqualTo(Problem.INVALID_URL);
      assertThat(e.getMessage()).contains("deploy target 'default' has url");
    }
  }

  @Test
  void interpolationErrorsNameTheKeyNotTheValue() {
    ScrapyConfig cfg = parse("[deploy]\nurl = http://" + USER + ":%(password)s@host/\n"
        + "password = " + SECRET + "%\nother = " + SECRET + "%(missing)s\n"
        + "token = %(hunter22)s\n");

    ScrapyConfigException bad = catchThrowableOfType(ScrapyConfigException.class,
        () -> cfg.get("deploy", "password"));
    ScrapyConfigException viaUrl = catchThrowableOfType(ScrapyConfigException.class,
        () -> cfg.get("deploy", "url"));
    ScrapyConfigException missing = catchThrowableOfType(ScrapyConfigException.class,
        () -> cfg.get("deploy", "other"));
    ScrapyConfigException secretKeyName = catchThrowableOfType(ScrapyConfigException.class,
        () -> cfg.get("deploy", "token"));
    ScrapyConfigException targets = catchThrowableOfType(ScrapyConfigException.class,
        cfg::targets);
    List.of(bad, viaUrl, missing, secretKeyName, targets).forEach(this::keep);

    assertThat(bad.problem()).isEqualTo(Problem.INTERPOLATION_SYNTAX);
    assertThat(bad.getMessage()).contains("option 'password' of section 'deploy'");
    assertThat(viaUrl.getMessage()).contains("option 'url'").contains("value of 'password'");
    assertThat(missing.problem()).isEqualTo(Problem.INTERPOLATION_MISSING_OPTION);
    assertThat(missing.getMessage()).contains("'missing'").contains("option 'other'");
    assertThat(secretKeyName.getMessage()).contains("option 'token'");
  }

  @Test
  void parseErrorsNameTheLineNotItsText() {
    ScrapyConfigException noSection = catchThrowableOfType(ScrapyConfigException.class,
        () -> parse("password = " + SECRET + "\n[deploy]\n"));
    ScrapyConfigException wrapped = catchThrowableOfType(ScrapyConfigException.class,
        () -> parse("[deploy]\npassword =\n" + SECRET + "\n"));
    List.of(noSection, wrapped).forEach(this::keep);

    assertThat(noSection.problem()).isEqualTo(Problem.MISSING_SECTION_HEADER);
    assertThat(noSection.getMessage()).contains("[line  1]").contains("the key 'password'");
    assertThat(wrapped.problem()).isEqualTo(Problem.PARSE_ERROR);
    assertThat(wrapped.line()).isEqualTo(3);
    assertThat(wrapped.getMessage()).contains("[line 3]");
  }

  @Test
  void aMalformedNetrcIsReportedWithoutItsTokens() throws Exception {
    // An unquoted password with a space: Python's netrc quotes the second half as a bad token.
    Path file = Files.writeString(tmp.resolve(".netrc"),
        "machine scrapyd.example.com login " + USER + " password " + SECRET + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Path top = Files.writeString(tmp.resolve("top"), SECRET + "\n");

    ScrapyConfigException follower = catchThrowableOfType(ScrapyConfigException.class,
        () -> Netrc.load(file));
    ScrapyConfigException toplevel = catchThrowableOfType(ScrapyConfigException.class,
        () -> Netrc.load(top));
    List.of(follower, toplevel).forEach(this::keep);
    assertThat(Netrc.loadDefault(file)).isEmpty(); // logs a warning

    assertThat(follower.problem()).isEqualTo(Problem.NETRC);
    assertThat(follower.getMessage()).contains("bad follower token")
        .contains("machine 'scrapyd.example.com'").contains("after its password")
        .contains(file.toString()).contains(", line ");
    assertThat(toplevel.getMessage()).contains("bad toplevel token");
    assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
        .contains("Ignoring " + file).contains("bad follower token"));
    strings.add(Netrc.parse("machine h login " + USER + " password \"" + SECRET + "\"\n")
        .toString());
  }
}
