package io.github.scrapyd4j.egg;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.scrapyd4j.RetryPolicy;
import io.github.scrapyd4j.ScrapydApiException;
import io.github.scrapyd4j.ScrapydClient;
import io.github.scrapyd4j.ScrapydTimeoutException;
import io.github.scrapyd4j.egg.testing.Recordings;
import io.github.scrapyd4j.egg.testing.Tree;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy flow against WireMock with real Scrapyd 1.6 answers. */
class DeployerTest {
  @TempDir Path tmp;

  private WireMockServer server;
  private ScrapydClient client;
  private Egg egg;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    client = ScrapydClient.builder().baseUri(server.baseUrl()).retryPolicy(RetryPolicy.none())
        .build();
    egg = EggBuilder.builder().projectDir(Tree.at(tmp.resolve("p")).scrapyProject("labbot",
        "echo").root()).environment(Map.of("HOME", "/nonexistent")).build().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
  }

  private void versionsBefore(String json) {
    server.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recordings.ok("\"versions\": [" + json + "]")));
  }

  private void uploadAnswers(String recording) {
    server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.answer(recording)));
  }

  private void deleteAnswers(String recording) {
    server.stubFor(post(urlEqualTo("/delversion.json")).willReturn(Recordings.answer(recording)));
  }

  private int deletes() {
    return server.findAll(postRequestedFor(urlEqualTo("/delversion.json"))).size();
  }

  private int uploads() {
    return server.findAll(postRequestedFor(urlEqualTo("/addversion.json"))).size();
  }

  @Test
  void acceptedUploadReturnsStoredVersionSpidersAndNode() {
    versionsBefore("");
    uploadAnswers("addversion_ok");

    DeployReport result = Deployer.builder().build().deploy(client, "labbot", "r1", egg);

    NodeDeploy node = result.node();
    assertThat(result.succeeded()).isTrue();
    assertThat(node.status()).isEqualTo(NodeDeploy.Status.DEPLOYED);
    assertThat(node.spiders()).hasValue(4);
    assertThat(node.nodeName()).contains("vm");
    assertThat(result.storedVersion()).isEqualTo("r1");
    assertThat(node.answer()).hasValueSatisfying(a -> assertThat(a.project()).isEqualTo("labbot"));
    assertThat(result.nodes().successes()).containsOnlyKeys(server.baseUrl() + "/");
    assertThat(result.verdict()).isEqualTo(DeployReport.Verdict.DEPLOYED);
    assertThat(node.latest()).isTrue();
    assertThat(node.existedBefore()).isFalse();
    assertThat(node.warnings()).isEmpty();
    assertThat(result.eggSha256()).isEqualTo(egg.sha256());
    server.verify(getRequestedFor(urlEqualTo("/listversions.json?project=labbot")));
    server.verify(postRequestedFor(urlEqualTo("/addversion.json"))
        .withRequestBodyPart(aMultipart("project").withBody(equalTo("labbot")).build())
        .withRequestBodyPart(aMultipart("version").withBody(equalTo("r1")).build())
        .withRequestBodyPart(aMultipart("egg").withBody(binaryEqualTo(egg.bytes())).build()));
    assertThat(deletes()).isZero();
  }

  @Test
  void rejectedUploadDeletesTheStoredVersion() {
    versionsBefore("\"r1\", \"r2\"");
    uploadAnswers("addversion_noentry");
    deleteAnswers("delversion_ok");

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(client, "labbot", "noep", egg));

    NodeDeploy node = e.result().node();
    assertThat(node.status()).isEqualTo(NodeDeploy.Status.FAILED);
    assertThat(node.cleanup()).isEqualTo(NodeDeploy.Cleanup.DELETED);
    assertThat(node.serverMessage()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("RunnerError: Traceback").contains("'NoneType' object has no attribute"));
    assertThat(e.serverMessage()).isEqualTo(node.serverMessage());
    assertThat(e.rejectedByScrapyd()).isTrue();
    NodeDeployException failure = (NodeDeployException) e.result().nodes().failures().values()
        .iterator().next();
    assertThat(failure.scrapydFailure()).containsInstanceOf(ScrapydApiException.class);
    assertThat(failure.deploy()).isEqualTo(node);
    assertThat(e.result().verdict()).isEqualTo(DeployReport.Verdict.FAILED);
    assertThat(e.getMessage()).contains("deploy of version noep of project labbot to")
        .contains("Scrapyd rejected the egg (RUNNER_ERROR)")
        .contains("AttributeError: 'NoneType' object has no attribute 'module_name'")
        .contains("deleted again");
    assertThat(e.nodeName()).contains("vm");
    server.verify(postRequestedFor(urlEqualTo("/delversion.json"))
        .withFormParam("project", equalTo("labbot")).withFormParam("version", equalTo("noep")));
  }

  @Test
  void rejectedUploadOfAVersionThatExistedBeforeIsNotDeleted() {
    versionsBefore("\"noep\", \"r1\"");
    uploadAnswers("addversion_noentry");
    deleteAnswers("delversion_ok");

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(client, "labbot", "noep", egg));

    NodeDeploy node = e.result().node();
    assertThat(node.existedBefore()).isTrue();
    assertThat(node.cleanup()).isEqualTo(NodeDeploy.Cleanup.KEPT_EXISTING);
    assertThat(node.error()).hasValueSatisfying(m -> assertThat(m)
        .contains("existed before this upload and was not deleted")
        .contains("now holds the rejected egg"));
    assertThat(deletes()).isZero();
  }

  @Test
  void rejectedUploadIsKeptWhenDeletingIsOff() {
    versionsBefore("");
    uploadAnswers("addversion_noentry");

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder()
        .deleteRejectedVersion(false).build().deploy(client, "labbot", "noep", egg));

    assertThat(e.result().node().cleanup()).isEqualTo(NodeDeploy.Cleanup.KEPT_ON_REQUEST);
    assertThat(e.getMessage()).contains("stays stored");
    assertThat(deletes()).isZero();
  }

  @Test
  void deletingThatFindsNothingSaysTheVersionWasNotStored() {
    versionsBefore("");
    uploadAnswers("addversion_badegg");
    deleteAnswers("delversion_missing");

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(client, "labbot", "bad", egg));

    assertThat(e.result().node().cleanup()).isEqualTo(NodeDeploy.Cleanup.NOT_STORED);
    assertThat(e.getMessage()).contains("egg is not a ZIP file")
        .contains("Scrapyd had not stored the version");
  }

  @Test
  void failedCleanupIsReportedAsStillStored() {
    versionsBefore("");
    uploadAnswers("addversion_noentry");
    server.stubFor(post(urlEqualTo("/delversion.json"))
        .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(client, "labbot", "noep", egg));

    NodeDeploy node = e.result().node();
    assertThat(node.cleanup()).isEqualTo(NodeDeploy.Cleanup.FAILED);
    assertThat(node.warnings()).singleElement().asString()
        .contains("deleting the rejected version noep failed").contains("502")
        .contains("may still be stored");
  }

  @Test
  void eggWithoutSpidersDeploysWithAWarningAsScrapydDeployDoes() {
    versionsBefore("");
    server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"labbot\", \"version\": \"empty\", \"spiders\": 0")));

    DeployReport result = Deployer.builder().build().deploy(client, "labbot", "empty", egg);

    assertThat(result.node().status()).isEqualTo(NodeDeploy.Status.DEPLOYED);
    assertThat(result.node().spiders()).hasValue(0);
    assertThat(result.allWarnings()).singleElement().asString()
        .contains("found no spider in project labbot version empty")
        .contains("SPIDER_MODULES").contains("--require-spiders");
    assertThat(deletes()).isZero();
  }

  @Test
  @SuppressWarnings("deprecation")
  void eggWithoutSpidersFailsAndIsDeletedWhenSpidersAreRequired() {
    versionsBefore("");
    server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"labbot\", \"version\": \"empty\", \"spiders\": 0")));
    deleteAnswers("delversion_ok");

    DeployException e = catchThrowableOfType(DeployException.class, () ->
        Deployer.builder().requireSpiders(true).build().deploy(client, "labbot", "empty", egg));
    DeployException old = catchThrowableOfType(DeployException.class, () ->
        Deployer.builder().allowNoSpiders(false).build().deploy(client, "labbot", "empty", egg));
    DeployReport allowed = Deployer.builder().allowNoSpiders(true).build()
        .deploy(client, "labbot", "empty", egg);

    assertThat(e.getMessage()).contains("found no spider").contains("SPIDER_MODULES")
        .contains("spiders are required");
    assertThat(e.result().node().cleanup()).isEqualTo(NodeDeploy.Cleanup.DELETED);
    assertThat(e.result().node().spiders()).hasValue(0);
    assertThat(old.result().node().status()).isEqualTo(NodeDeploy.Status.FAILED);
    assertThat(allowed.node().status()).isEqualTo(NodeDeploy.Status.DEPLOYED);
    assertThat(deletes()).isEqualTo(2);
  }

  @Test
  void versionThatWillNotBeLatestIsWarned() {
    versionsBefore("\"1_9\"");
    server.stubFor(post(urlEqualTo("/addversion.json")).willReturn(Recordings.ok(
        "\"project\": \"labbot\", \"version\": \"1.10\", \"spiders\": 1")));

    DeployReport result = Deployer.builder().build().deploy(client, "labbot", "1.10", egg);

    NodeDeploy node = result.node();
    assertThat(node.status()).isEqualTo(NodeDeploy.Status.DEPLOYED);

    assertThat(result.storedVersion()).isEqualTo("1_10");
    assertThat(node.latest()).isFalse();
    assertThat(node.warnings()).singleElement().asString()
        .contains("version 1_10 will not be the latest").contains("as plain strings")
        .contains("will run 1_9");
    assertThat(result.warnings()).singleElement().asString().contains("'1.10' as '1_10'");
    assertThat(result.allWarnings()).hasSize(2);
  }

  @Test
  void replacingAnExistingVersionIsWarnedOrRefused() {
    versionsBefore("\"r1\"");
    uploadAnswers("addversion_ok");

    DeployReport replaced = Deployer.builder().build().deploy(client, "labbot", "r1", egg);
    DeployException refused = catchThrowableOfType(DeployException.class, () -> Deployer.builder()
        .replaceExisting(false).build().deploy(client, "labbot", "r1", egg));

    assertThat(replaced.node().existedBefore()).isTrue();
    assertThat(replaced.node().latest()).isTrue();
    assertThat(replaced.node().warnings()).anyMatch(w -> w.contains("already existed"));
    assertThat(refused.getMessage()).contains("already exists").contains("nothing was uploaded");
    assertThat(uploads()).isEqualTo(1);
  }

  @Test
  void nodeThatCannotBeListedGetsNoUpload() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (ScrapydClient down = ScrapydClient.builder().baseUri("http://127.0.0.1:" + port)
        .retryPolicy(RetryPolicy.none()).build()) {

      DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(down, "labbot", "r1", egg));

      assertThat(e.result().node().status()).isEqualTo(NodeDeploy.Status.FAILED);
      assertThat(e.result().node().cleanup()).isEqualTo(NodeDeploy.Cleanup.NOT_NEEDED);
      assertThat(e.getMessage()).contains("could not list the versions")
          .contains("nothing was uploaded");
    }
  }

  @Test
  void wrongCredentialsUploadNothing() {
    server.stubFor(get(urlPathEqualTo("/listversions.json"))
        .willReturn(Recordings.answer("auth_none")));

    DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(client, "labbot", "r1", egg));

    assertThat(e.getMessage()).contains("could not list");
    assertThat(uploads()).isZero();
  }

  @Test
  void uploadWithoutAnswerInTimeIsCleanedUp() {
    versionsBefore("");
    server.stubFor(post(urlEqualTo("/addversion.json"))
        .willReturn(Recordings.answer("addversion_ok").withFixedDelay(3000)));
    deleteAnswers("delversion_ok");
    try (ScrapydClient impatient = ScrapydClient.builder().baseUri(server.baseUrl())
        .spiderListingTimeout(Duration.ofMillis(300)).retryPolicy(RetryPolicy.none()).build()) {

      DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.builder().build().deploy(impatient, "labbot", "r1", egg));

      assertThat(e.getCause()).isInstanceOf(ScrapydTimeoutException.class);
      assertThat(e.result().nodes().failures().values()).singleElement()
          .satisfies(f -> assertThat(f.getCause()).isInstanceOf(ScrapydTimeoutException.class));
      assertThat(e.result().node().cleanup()).isEqualTo(NodeDeploy.Cleanup.DELETED);
      assertThat(e.getMessage()).contains("the upload got no answer");
    }
  }

  @Test
  void eggsScrapydWouldRejectAreRefusedBeforeSending() {
    Egg noEntryPoint = Egg.of(strip(egg, Egg.ENTRY_POINTS));
    Egg noPkgInfo = Egg.of(strip(egg, io.github.scrapyd4j.Eggs.PKG_INFO));

    assertThatThrownBy(() -> Deployer.builder().build().deploy(client, "labbot", "r1",
        noEntryPoint)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no [scrapy] settings entry point").hasMessageContaining("nothing");
    assertThatThrownBy(() -> Deployer.builder().build().deploy(client, "labbot", "r1",
        noPkgInfo)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EGG-INFO/PKG-INFO").hasMessageContaining("BadEggError");
    assertThatThrownBy(() -> Deployer.builder().build().deploy(client, "lab/bot", "r1", egg))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project");
    assertThatThrownBy(() -> Deployer.builder().build().deploy(client, "labbot", " ", egg))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  private static byte[] strip(Egg egg, String entry) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : io.github.scrapyd4j.egg.testing.ZipInspector
          .contents(egg.bytes()).entrySet()) {
        if (!e.getKey().equals(entry)) {
          zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
          zip.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
