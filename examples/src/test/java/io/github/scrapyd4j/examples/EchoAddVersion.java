package io.github.scrapyd4j.examples;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.scrapyd4j.testing.Recording;

/**
 * Answers {@code addversion.json} as Scrapyd 1.6 does for a good egg (the {@code addversion_ok}
 * recording's shape), echoing the project and version the upload named: the examples upload a
 * version made from the clock, which a fixed body could not echo. Applied to stubs that name it
 * with {@code withTransformers(EchoAddVersion.NAME)}.
 */
final class EchoAddVersion implements ResponseDefinitionTransformerV2 {
  static final String NAME = "echo-addversion";

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String project = request.getPart("project").getBody().asString();
    String version = request.getPart("version").getBody().asString();
    return Recording.json("{\"project\": \"" + project + "\", \"version\": \"" + version
        + "\", \"spiders\": 1, \"status\": \"ok\", \"node_name\": \"vm\"}").build();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
