package io.github.scrapyd4j.egg;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.scrapyd4j.ClientOptions;
import io.github.scrapyd4j.Credentials;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.cluster.ClusterClient;
import io.github.scrapyd4j.cluster.Node;
import io.github.scrapyd4j.cluster.NodeFilter;
import java.time.Duration;
import io.github.scrapyd4j.egg.testing.Recordings;
import io.github.scrapyd4j.egg.testing.Tree;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** scrapyd-deploy's jobs from scrapy.cfg: a target by name, all targets, a URL in code. */
class ProjectDeployTest {
  @TempDir Path tmp;

  private WireMockServer prod;
  private WireMockServer stage;
  private Path project;
  private final VersionResolver versions = VersionResolver.builder()
      .clock(Clock.fixed(Instant.ofEpochSecond(1795456800L), ZoneOffset.UTC)).build();

  @BeforeEach
  void start() {
    prod = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    stage = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    for (WireMockServer s : List.of(prod, stage)) {
      s.start();
      s.stubFor(get(urlPathEqualTo("/listversions.json"))
          .willReturn(Recordings.ok("\"versions\": []")));
      s.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
          "\"project\": \"ignored\", \"version\": \"ignored\", \"spiders\": 1")));
    }
    project = Tree.at(tmp.resolve("shop")).scrapyProject("shop", "products").root();
  }

  @AfterEach
  void stop() {
    prod.stop();
    stage.stop();
  }

  private ScrapyConfig config(String deploySections) {
    Tree.at(project).file("scrapy.cfg", "[settings]\ndefault = shop.settings\n\n"
        + deploySections.replace("PROD", prod.baseUrl()).replace("STAGE", stage.baseUrl()));
    return ScrapyConfig.loader().systemAndUserFiles(false).environment(Map.of())
        .load(project.resolve("scrapy.cfg"));
  }

  private ProjectDeploy.Builder deploy(ScrapyConfig cfg) {
    return ProjectDeploy.builder().config(cfg).versionResolver(versions)
        .netrc(Optional.empty())
        .clientOptions(ClientOptions.builder().retryPolicy(RetryPolicy.none()).build());
  }

  private static void answerFor(WireMockServer server, String project, String version) {
    server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"" + project + "\", \"version\": \"" + version + "\", \"spiders\": 1")));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deploysToATargetByNameWithItsProjectVersionAndCredentials() {
    ScrapyConfig cfg = config("[deploy]\nproject = shop\nusername = deployer\n"
        + "password = s3cr:et%%pw\n[deploy:prod]\nurl = PROD/\nversion = 2.0\n");
    answerFor(prod, "shop", "2.0");

    DeployReport result = deploy(cfg).build().toTarget("prod");

    assertThat(result.version()).isEqualTo("2.0");
    assertThat(result.deployed()).containsExactly("prod");
    prod.verify(getRequestedFor(urlEqualTo("/listversions.json?project=shop"))
        .withHeader("Authorization", equalTo(basic("deployer", "s3cr:et%pw"))));
    prod.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withHeader("Authorization", equalTo(basic("deployer", "s3cr:et%pw")))
        .withRequestBodyPart(aMultipart("project").withBody(equalTo("shop")).build())
        .withRequestBodyPart(aMultipart("version").withBody(equalTo("2.0")).build()));
  }

  @Test
  void projectAndVersionGivenInCodeWinOverTheTarget() {
    ScrapyConfig cfg = config("[deploy]\nurl = PROD\nproject = shop\nversion = 2.0\n");
    answerFor(prod, "other", "3.1");

    DeployReport result = deploy(cfg).project("other").version("3.1").build().toTarget("default");

    assertThat(result.node().project()).isEqualTo("other");
    prod.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withRequestBodyPart(aMultipart("project").withBody(equalTo("other")).build())
        .withRequestBodyPart(aMultipart("version").withBody(equalTo("3.1")).build()));
  }

  @Test
  void allTargetsGetOneVersionAndOneEggBuiltOnce() {
    ScrapyConfig cfg = config("[deploy:prod]\nurl = PROD\nproject = shop\n"
        + "[deploy:stage]\nurl = STAGE\nproject = shop-stage\nversion = GIT\n");
    answerFor(prod, "shop", "1795456800");
    answerFor(stage, "shop-stage", "1795456800");
    Logger logger = (Logger) LoggerFactory.getLogger(EggBuilder.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      DeployReport result = deploy(cfg).build().toAllTargets();

      assertThat(result.details()).containsOnlyKeys("prod", "stage");
      assertThat(result.deployed()).containsExactly("prod", "stage");
      assertThat(result.node("stage").orElseThrow().project()).isEqualTo("shop-stage");
      assertThat(result.version()).as("the first target's rule: a timestamp")
          .isEqualTo("1795456800");
      assertThat(result.warnings()).singleElement().asString()
          .contains("different versions").contains("as scrapyd-deploy -a does");
      assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("Built the egg"))
          .hasSize(1);
      LoggedRequest a = prod.findAll(postRequestedFor(urlEqualTo("/addversion.json"))).get(0);
      LoggedRequest b = stage.findAll(postRequestedFor(urlEqualTo("/addversion.json"))).get(0);
      assertThat(a.getPart("egg").getBody().asBytes())
          .isEqualTo(b.getPart("egg").getBody().asBytes());
      assertThat(b.getPart("project").getBody().asString()).isEqualTo("shop-stage");
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void failureOnOneTargetIsReportedAfterEveryTargetWasTried() {
    ScrapyConfig cfg = config("[deploy]\nproject = shop\n[deploy:prod]\nurl = PROD\n"
        + "[deploy:stage]\nurl = STAGE\n");
    answerFor(prod, "shop", "1795456800");
    stage.stubFor(post(urlEqualTo("/addversion.json"))
        .willReturn(Recordings.answer("addversion_noentry")));
    stage.stubFor(post(urlEqualTo("/delversion.json"))
        .willReturn(Recordings.answer("delversion_ok")));

    DeployException e = catchThrowableOfType(DeployException.class, () -> deploy(cfg).build().toAllTargets());

    assertThat(e.result().node("prod").orElseThrow().isDeployed()).isTrue();
    assertThat(e.result().node("stage").orElseThrow().cleanup())
        .isEqualTo(NodeDeploy.Cleanup.DELETED);
    assertThat(e.result().policy()).as("scrapy.cfg targets: as scrapyd-deploy -a")
        .isEqualTo(DeployPolicy.BEST_EFFORT);
  }

  @Test
  void targetWithoutProjectFailsBeforeAnythingIsBuiltOrSent() {
    ScrapyConfig cfg = config("[deploy:prod]\nurl = PROD\nproject = shop\n"
        + "[deploy:stage]\nurl = STAGE\n");

    ScrapyConfigException e = catchThrowableOfType(ScrapyConfigException.class, () -> deploy(cfg).build().toAllTargets());

    assertThat(e.problem()).isEqualTo(ScrapyConfigException.Problem.MISSING_PROJECT);
    assertThat(e.getMessage()).contains("'stage' has no project");
    assertThat(prod.getAllServeEvents()).isEmpty();
    assertThat(stage.getAllServeEvents()).isEmpty();
  }

  @Test
  void unknownTargetListsTheKnownOnes() {
    ScrapyConfig cfg = config("[deploy:prod]\nurl = PROD\nproject = shop\n");

    assertThatThrownBy(() -> deploy(cfg).build().toTarget("production"))
        .isInstanceOf(ScrapyConfigException.class)
        .hasMessageContaining("Unknown target: production")
        .hasMessageContaining("known targets: prod");
    assertThatThrownBy(() -> deploy(config("")).build().toAllTargets())
        .isInstanceOf(ScrapyConfigException.class).hasMessageContaining("no deploy target");
  }

  @Test
  void netrcCredentialsAreSentWhenTheTargetHasNoUsername() {
    ScrapyConfig cfg = config("[deploy]\nurl = PROD\nproject = shop\n");
    answerFor(prod, "shop", "1795456800");
    Netrc netrc = Netrc.parse("machine localhost login alice password fr0m-netrc\n"
        + "machine 127.0.0.1 login alice password fr0m-netrc\n");

    deploy(cfg).netrc(Optional.of(netrc)).build().toTarget("default");

    prod.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withHeader("Authorization", equalTo(basic("alice", "fr0m-netrc"))));
  }

  @Test
  void urlGivenInCodeNeedsAProjectAndUsesTheCredentialsGiven() {
    ScrapyConfig cfg = config("");
    answerFor(stage, "adhoc", "1795456800");

    assertThatThrownBy(() -> deploy(cfg).build().toUrl(URI.create(stage.baseUrl()), null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("project");
    DeployReport result = deploy(cfg).project("adhoc").build()
        .toUrl(URI.create(stage.baseUrl()), Credentials.of("u", "p"));

    assertThat(result.node().project()).isEqualTo("adhoc");
    stage.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withHeader("Authorization", equalTo(basic("u", "p"))));
  }

  @Test
  void prebuiltEggIsUploadedAsIsAndBuildEggReturnsIt() {
    ScrapyConfig cfg = config("[deploy]\nurl = PROD\nproject = shop\n");
    answerFor(prod, "shop", "1795456800");
    Egg prebuilt = EggBuilder.builder().projectDir(project).compressionLevel(9).build()
        .buildTo(tmp.resolve("prebuilt.egg"));
    Egg fromFile = Egg.read(tmp.resolve("prebuilt.egg"));

    ProjectDeploy deploy = deploy(cfg).egg(fromFile).build();
    deploy.toTarget("default");

    assertThat(deploy.buildEgg()).isSameAs(fromFile);
    prod.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withRequestBodyPart(aMultipart("egg").withBody(binaryEqualTo(prebuilt.bytes())).build()));
  }

  @Test
  void gitVersionFailureStopsTheDeployBeforeUpload() {
    ScrapyConfig cfg = config("[deploy]\nurl = PROD\nproject = shop\nversion = GIT\n");

    VersionException e = catchThrowableOfType(VersionException.class, () -> ProjectDeploy.builder().config(cfg)
        .versionResolver(VersionResolver.builder().directory(project)
            .gitCommand(tmp.resolve("no-git").toString()).build())
        .netrc(Optional.empty()).build().toTarget("default"));

    assertThat(e.getMessage()).contains("version GIT needs");
    assertThat(prod.getAllServeEvents()).isEmpty();
  }

  @Test
  void userAgentAndOtherClientOptionsApplyToEveryClient() {
    ScrapyConfig cfg = config("[deploy]\nurl = PROD\nproject = shop\n");
    answerFor(prod, "shop", "1795456800");

    deploy(cfg).clientOptions(ClientOptions.builder().userAgent("deploy-test/1")
        .retryPolicy(RetryPolicy.none()).build()).build().toTarget("default");

    prod.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withHeader("User-Agent", matching("deploy-test/1")));
  }

  @Test
  void theProjectFolderGoesToTheCallersClientWhichStaysOpen() {
    config("[deploy]\nurl = PROD\nproject = shop\n");
    answerFor(stage, "adhoc", "1795456800");
    ProjectDeploy deploy = ProjectDeploy.builder().findProject(project).versionResolver(versions)
        .environment(Map.of("HOME", tmp.resolve("home").toString())).project("adhoc").build();

    try (ScrapydClient client = ScrapydClient.builder().baseUri(stage.baseUrl())
        .userAgent("callers-client/1").retryPolicy(RetryPolicy.none()).build()) {
      DeployReport report = deploy.to(client);

      assertThat(report.succeeded()).isTrue();
      assertThat(report.node().project()).isEqualTo("adhoc");
      assertThat(client.listVersions("adhoc").versions()).isEmpty(); // still open
    }
    stage.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withHeader("User-Agent", matching("callers-client/1"))
        .withRequestBodyPart(aMultipart("project").withBody(equalTo("adhoc")).build())
        .withRequestBodyPart(aMultipart("version").withBody(equalTo("1795456800")).build()));
    assertThat(prod.getAllServeEvents()).as("the [deploy] target is not used").isEmpty();
    assertThatThrownBy(() -> ProjectDeploy.builder().findProject(project).build()
        .to(ScrapydClient.builder().baseUri(stage.baseUrl()).build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("project");
  }

  @Test
  void theProjectFolderGoesToTheCallersClusterThroughItsFanOut() {
    ScrapyConfig cfg = config("");
    answerFor(prod, "shop", "1795456800");
    answerFor(stage, "shop", "1795456800");
    stage.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"shop\", \"version\": \"1795456800\", \"spiders\": 1")
        .withFixedDelay(2000)));
    stage.stubFor(post(urlEqualTo("/delversion.json"))
        .willReturn(Recordings.answer("delversion_ok")));
    prod.stubFor(post(urlEqualTo("/delversion.json"))
        .willReturn(Recordings.answer("delversion_ok")));
    try (ClusterClient cluster = ClusterClient.builder().retryPolicy(RetryPolicy.none())
        .healthCheckTick(Duration.ZERO)
        .node(Node.builder().id("eu").baseUri(prod.baseUrl()).addTag("eu").build())
        .node(Node.builder().id("us").baseUri(stage.baseUrl()).build()).build()) {
      ProjectDeploy deploy = deploy(cfg).project("shop").build();

      DeployReport eu = deploy.to(cluster, NodeFilter.tagged("eu"));
      DeployException slow = catchThrowableOfType(DeployException.class, () -> deploy(cfg)
          .project("shop").deployer(Deployer.builder().uploadTimeout(Duration.ofMillis(500))
              .build()).build().to(cluster));

      assertThat(eu.deployed()).containsExactly("eu");
      assertThat(slow.result().policy()).isEqualTo(DeployPolicy.ALL_OR_NOTHING);
      assertThat(slow.result().node("us").orElseThrow().error()).hasValueSatisfying(
          m -> assertThat(m).contains("no answer in time"));
      assertThat(slow.result().rolledBack()).containsExactly("eu");
    }
  }
}
