package io.github.scrapyd4j.egg;

import io.github.scrapyd4j.model.AddVersionResult;
import io.github.scrapyd4j.model.ScrapydStyle;
import io.github.scrapyd4j.model.VersionList;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * What a deploy did on one node, beyond the cluster's {@link
 * io.github.scrapyd4j.cluster.NodeResult} (which node, deployed or not, and the exception): the
 * version listing before, Scrapyd's answer, whether the version is the latest, what became of a
 * rejected or rolled-back version. A deployed node's {@code NodeResult} holds it as its value; a
 * node where the version is not deployed fails with a {@link NodeDeployException} that holds it.
 * {@link DeployReport#node(String)} gives it for any node.
 *
 * <pre>{@code
 * report.details().forEach((node, d) -> System.out.println(node + ": " + d.status()
 *     + d.error().map(e -> " - " + e).orElse("")));
 * }</pre>
 */
@Value.Immutable
@ScrapydStyle
public abstract class NodeDeploy {
  NodeDeploy() {}

  /** Where the node ended up. */
  public enum Status {
    /** The egg was stored and Scrapyd found its spiders: the version is deployed. */
    DEPLOYED,
    /** The deploy failed on this node; {@link #cleanup()} says what became of the version. */
    FAILED,
    /**
     * The node took the egg, but another node failed under {@link
     * DeployPolicy#ALL_OR_NOTHING}, so the new version was deleted again.
     */
    ROLLED_BACK,
    /**
     * Nothing was uploaded: under {@link DeployPolicy#ALL_OR_NOTHING}, another node could not be
     * reached before the upload.
     */
    SKIPPED
  }

  /** What became of a version that was not (or is no longer) wanted on the node. */
  public enum Cleanup {
    /** Nothing to clean up: the version was deployed, or nothing was stored. */
    NOT_NEEDED,
    /** The version was deleted again (Scrapyd stores an egg before it rejects it). */
    DELETED,
    /** Deleting found nothing to delete: Scrapyd had not stored the version. */
    NOT_STORED,
    /**
     * The version existed before this deploy, so it was not deleted: the upload replaced its egg,
     * and the node now holds the rejected (or rolled-back) egg under that version.
     */
    KEPT_EXISTING,
    /** Deleting was switched off ({@link Deployer.Builder#deleteRejectedVersion(boolean)}). */
    KEPT_ON_REQUEST,
    /** Deleting was tried and failed: the version is still stored, see {@link #warnings()}. */
    FAILED
  }

  /**
   * The node's base URI.
   *
   * @return the base URI, as the node's client has it
   */
  public abstract URI baseUri();

  /**
   * The project deployed to.
   *
   * @return the project
   */
  public abstract String project();

  /**
   * Where the node ended up.
   *
   * @return the status
   */
  public abstract Status status();

  /**
   * What became of the version when the deploy failed or was rolled back.
   *
   * @return the cleanup outcome
   */
  @Value.Default
  public Cleanup cleanup() {
    return Cleanup.NOT_NEEDED;
  }

  /**
   * The {@code node_name} Scrapyd reported.
   *
   * @return the node name, if the node answered
   */
  public abstract Optional<String> nodeName();

  /**
   * Scrapyd's answer to the upload ({@code addversion.json}).
   *
   * @return the answer, if the upload was answered with success
   */
  public abstract Optional<AddVersionResult> answer();

  /**
   * The number of spiders Scrapyd found in the egg.
   *
   * @return the count, if the upload was answered with success
   */
  public OptionalInt spiders() {
    return answer().map(a -> OptionalInt.of(a.spiders())).orElse(OptionalInt.empty());
  }

  /**
   * The project's versions before the upload.
   *
   * @return the listing, if it could be made
   */
  public abstract Optional<VersionList> versionsBefore();

  /**
   * Whether the version already existed on the node, so that the upload replaced it.
   *
   * @return true when it did
   */
  @Value.Default
  public boolean existedBefore() {
    return false;
  }

  /**
   * Whether the new version is the latest on the node, the one jobs without {@code _version}
   * run, as predicted with Scrapyd 1.4+'s ordering ({@link VersionOrder}).
   *
   * @return true when it will be the latest
   */
  @Value.Default
  public boolean latest() {
    return false;
  }

  /**
   * What went wrong, in a sentence or two.
   *
   * @return the error, if the node did not end up {@link Status#DEPLOYED}
   */
  public abstract Optional<String> error();

  /**
   * Scrapyd's own message when it rejected the upload, usually a Python traceback.
   *
   * @return the message, if Scrapyd answered with an error
   */
  public abstract Optional<String> serverMessage();

  /**
   * Things to know even when the deploy worked: the version will not be the latest, an existing
   * version was replaced, a cleanup failed.
   *
   * @return the warnings
   */
  public abstract List<String> warnings();

  /**
   * Whether the version is deployed on this node.
   *
   * @return true for {@link Status#DEPLOYED}
   */
  public boolean isDeployed() {
    return status() == Status.DEPLOYED;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NodeDeploy} values (for tests; deploys make them). */
  public static final class Builder extends ImmutableNodeDeploy.Builder {
    Builder() {}
  }
}
