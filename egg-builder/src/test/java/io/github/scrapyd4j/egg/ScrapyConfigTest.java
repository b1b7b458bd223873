package io.github.scrapyd4j.egg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.egg.ScrapyConfigException.Problem;
import io.github.scrapyd4j.egg.testing.Tree;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConfigParser behaviour checked without Python (the expected values were confirmed with Python
 * 3.11's configparser; {@link ScrapyConfigPythonParityTest} re-checks a larger table against it).
 */
class ScrapyConfigTest {
  @TempDir Path tmp;

  private static ScrapyConfig parse(String text, Map<String, String> env) {
    return ScrapyConfig.loader().environment(env).systemAndUserFiles(false).parse(text);
  }

  private static ScrapyConfig parse(String text) {
    return parse(text, Map.of());
  }

  @Test
  void equalsOrColonSeparateKeysAndTheFirstOneWins() {
    ScrapyConfig cfg = parse("[deploy]\nurl: http://host:6800/api\nproject = shop\na:b = c\n");

    assertThat(cfg.get("deploy", "url")).contains("http://host:6800/api");
    assertThat(cfg.get("deploy", "project")).contains("shop");
    assertThat(cfg.get("deploy", "a")).contains("b = c");
  }

  @Test
  void onlyWholeLineCommentsAreComments() {
    ScrapyConfig cfg = parse("# c\n; c\n[deploy]\n  # indented\nurl = http://h/#x ; y\n");

    assertThat(cfg.get("deploy", "url")).contains("http://h/#x ; y");
    assertThat(cfg.options("deploy")).containsExactly("url");
  }

  @Test
  void continuationLinesAndEmptyLinesJoinWithNewlines() {
    ScrapyConfig cfg = parse("[s]\nkey = a\n\n  b\n  # hidden\n\tc\n\n\nnext = 2\n");

    assertThat(cfg.get("s", "key")).contains("a\n\nb\nc");
    assertThat(cfg.get("s", "next")).contains("2");
  }

  @Test
  void keysIgnoreCaseButSectionsDoNot() {
    ScrapyConfig cfg = parse("[Deploy]\nURL = http://a/\n[deploy]\nUrl = http://b/\n");

    assertThat(cfg.get("deploy", "URL")).contains("http://b/");
    assertThat(cfg.get("Deploy", "url")).contains("http://a/");
    assertThat(cfg.sections()).containsExactly("Deploy", "deploy");
  }

  @Test
  void percentInterpolationReadsTheSectionAndDefault() {
    ScrapyConfig cfg = parse("[DEFAULT]\nhost = h\n[deploy]\nport = 6800\n"
        + "url = http://%(host)s:%(PORT)s/\npassword = s3cr:et%%pw\n");

    assertThat(cfg.get("deploy", "url")).contains("http://h:6800/");
    assertThat(cfg.get("deploy", "password")).contains("s3cr:et%pw");
    assertThat(cfg.getRaw("deploy", "password")).contains("s3cr:et%%pw");
    assertThat(cfg.items("deploy")).containsExactly(Map.entry("host", "h"),
        Map.entry("port", "6800"), Map.entry("url", "http://h:6800/"),
        Map.entry("password", "s3cr:et%pw"));
  }

  @Test
  void environmentVariablesExpandAfterInterpolationAndUnknownOnesStay() {
    ScrapyConfig cfg = parse("[deploy]\nurl = http://${HOST}:6800/\npassword = $PASS\n"
        + "user = $NOT_SET\nref = %(password)s\n", Map.of("HOST", "h1", "PASS", "p%w"));

    assertThat(cfg.get("deploy", "url")).contains("http://h1:6800/");
    assertThat(cfg.get("deploy", "password")).contains("p%w");
    assertThat(cfg.get("deploy", "user")).contains("$NOT_SET");
    assertThat(cfg.get("deploy", "ref")).contains("p%w");
  }

  @Test
  void aLonePercentFailsWithAHint() {
    ScrapyConfig cfg = parse("[deploy]\nurl = http://h/\npassword = 100%sure\n");

    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class, () -> cfg.get("deploy", "password"));

    assertThat(e.problem()).isEqualTo(Problem.INTERPOLATION_SYNTAX);
    assertThat(e.getMessage()).contains("'%' must be followed by '%' or '('")
        .contains("'password'").contains("write a literal % as %%");
    assertThat(cfg.get("deploy", "url")).contains("http://h/");
  }

  @Test
  void missingKeyAndRecursiveInterpolationFail() {
    ScrapyConfig cfg = parse("[s]\na = %(nope)s\nb = %(c)s\nc = %(b)s\n");

    assertThat(catchThrowableOfType(ScrapyConfigException.class, () -> cfg.get("s", "a"))
        .problem()).isEqualTo(Problem.INTERPOLATION_MISSING_OPTION);
    assertThat(catchThrowableOfType(ScrapyConfigException.class, () -> cfg.get("s", "b"))
        .problem()).isEqualTo(Problem.INTERPOLATION_DEPTH);
  }

  @Test
  void structuralErrorsNameTheFileAndLine() throws Exception {
    Path file = Tree.at(tmp).file("scrapy.cfg", "[deploy]\nurl = a\nURL = b\n").root()
        .resolve("scrapy.cfg");

    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class, () -> ScrapyConfig.loader().systemAndUserFiles(false).load(file));

    assertThat(e.problem()).isEqualTo(Problem.DUPLICATE_OPTION);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.file()).contains(file);
    assertThat(e.getMessage()).contains(file.toString()).contains("'url'");
    assertThat(catchThrowableOfType(ScrapyConfigException.class, () -> parse("url = x\n"))
        .problem()).isEqualTo(Problem.MISSING_SECTION_HEADER);
    assertThat(catchThrowableOfType(ScrapyConfigException.class, () -> parse("[a]\nx\ny\n"))
        .getMessage()).contains("[lines 2, 3]").doesNotContain("'x").doesNotContain("'y");
  }

  @Test
  void deployIsTheDefaultTargetOnlyWithAUrlAndNamedTargetsInheritIt() {
    ScrapyConfig cfg = parse("[deploy]\nproject = shop\nusername = u\npassword = pw\n"
        + "version = GIT\n[deploy:prod]\nurl = http://prod:6800/\n[deploy:stage]\n"
        + "url = http://stage/\nproject = shop-stage\nversion = 1.0\n");

    Map<String, DeployTarget> targets = cfg.targets();

    assertThat(targets.keySet()).containsExactly("prod", "stage");
    DeployTarget prod = targets.get("prod");
    assertThat(prod.url()).contains("http://prod:6800/");
    assertThat(prod.project()).contains("shop");
    assertThat(prod.username()).contains("u");
    assertThat(prod.password()).contains("pw");
    assertThat(prod.version()).contains("GIT");
    assertThat(targets.get("stage").project()).contains("shop-stage");
    assertThat(targets.get("stage").version()).contains("1.0");
    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class, () -> cfg.target("default"));
    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_TARGET);
    assertThat(e.getMessage()).contains("Unknown target: default")
        .contains("known targets: prod, stage").contains("[deploy] has no url");
  }

  @Test
  void defaultTargetComesFirst() {
    ScrapyConfig cfg = parse("[deploy:b]\nurl = http://b/\n[deploy]\nurl = http://a/\n");

    assertThat(cfg.targets().keySet()).containsExactly("default", "b");
    assertThat(cfg.target("default").uri()).isEqualTo(URI.create("http://a/"));
  }

  @Test
  void targetToStringHidesThePassword() {
    DeployTarget t = parse("[deploy]\nurl = http://h/\nusername = u\npassword = hunter2\n")
        .target("default");

    assertThat(t.toString()).doesNotContain("hunter2").contains("u");
  }

  @Test
  void targetCredentialsComeFromTheTargetElseFromNetrcByHost() {
    Netrc netrc = Netrc.parse("machine prod.example.com login alice password n3trc\n");
    ScrapyConfig cfg = parse("[deploy:a]\nurl = http://prod.example.com:6800/\nusername = bob\n"
        + "[deploy:b]\nurl = http://PROD.example.com:6800/\n"
        + "[deploy:c]\nurl = http://other/\n[deploy:d]\nurl = http://prod.example.com/\n"
        + "username =\n");

    assertThat(cfg.target("a").credentials(Optional.of(netrc)))
        .contains(Credentials.of("bob", ""));
    assertThat(cfg.target("b").credentials(Optional.of(netrc)))
        .contains(Credentials.of("alice", "n3trc"));
    assertThat(cfg.target("c").credentials(Optional.of(netrc))).isEmpty();
    assertThat(cfg.target("d").credentials(Optional.of(netrc)))
        .contains(Credentials.of("alice", "n3trc"));
    assertThat(cfg.target("b").credentials(Optional.empty())).isEmpty();
    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class,
        () -> parse("[deploy]\nurl = http://h/\nusername = a:b\n").target("default")
            .credentials(Optional.empty()));
    assertThat(e.problem()).isEqualTo(Problem.INVALID_CREDENTIALS);
    assertThat(e.getMessage()).contains("username with ':'");
  }

  @Test
  void badTargetUrlIsReported() {
    ScrapyConfig cfg = parse("[deploy:a]\nurl = ftp://h/\n[deploy:b]\nproject = p\n");

    assertThatThrownBy(() -> cfg.target("a").uri()).isInstanceOf(ScrapyConfigException.class)
        .hasMessageContaining("not an http:// or https:// URL");
    assertThatThrownBy(() -> cfg.target("b").uri()).isInstanceOf(ScrapyConfigException.class)
        .hasMessageContaining("has no url");
  }

  @Test
  void closestScrapyCfgIsFoundFromASubfolderAndReadAfterUserFiles() {
    Path home = Tree.at(tmp.resolve("home"))
        .file(".scrapy.cfg", "[deploy]\nurl = http://from-home/\nusername = homeuser\n")
        .file("xdg/scrapy.cfg", "[settings]\ndefault = xdg.settings\n[deploy]\nproject = x\n")
        .root();
    Path project = Tree.at(tmp.resolve("project"))
        .file("scrapy.cfg", "[deploy]\nurl = http://from-project/\n")
        .dir("bot/spiders").root();

    ScrapyConfig cfg = ScrapyConfig.loader()
        .environment(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("xdg")
            .toString()))
        .find(project.resolve("bot/spiders"));

    assertThat(cfg.file()).map(Path::toString)
        .contains(project.resolve("scrapy.cfg").toAbsolutePath().toString());
    assertThat(cfg.projectDir()).map(Path::toString).contains(project.toString());
    assertThat(cfg.get("deploy", "url")).contains("http://from-project/");
    assertThat(cfg.get("deploy", "username")).contains("homeuser");
    assertThat(cfg.get("deploy", "project")).contains("x");
    assertThat(cfg.settingsModule()).contains("xdg.settings");
    assertThat(cfg.sources()).hasSize(3).last()
        .isEqualTo(project.resolve("scrapy.cfg").toAbsolutePath());
  }

  @Test
  void noScrapyCfgNamesTheFoldersSearched() {
    Path start = Tree.at(tmp.resolve("x/y")).root();

    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class, () -> ScrapyConfig.loader().systemAndUserFiles(false).find(start));

    assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND);
    assertThat(e.getMessage()).contains("no Scrapy project found")
        .contains(tmp.resolve("x/y").toString()).contains(tmp.resolve("x").toString());
  }

  @Test
  void settingsModuleComesFromSettingsDefault() {
    assertThat(parse("[settings]\ndefault = shop.settings\nother = x.settings\n")
        .settingsModule()).contains("shop.settings");
    assertThat(parse("[deploy]\nurl = http://h/\n").settingsModule()).isEmpty();
  }

  @Test
  void byteOrderMarkAndWindowsLineEndingsAreAccepted() {
    ScrapyConfig cfg = parse("\uFEFF[settings]\r\ndefault = bot.settings\r\n");

    assertThat(cfg.settingsModule()).contains("bot.settings");
  }
}
