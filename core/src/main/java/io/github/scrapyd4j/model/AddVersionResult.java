package io.github.scrapyd4j.model;

import org.immutables.value.Value;

/** The answer of {@code addversion.json}: the egg was stored and its spiders listed. */
@Value.Immutable
@ScrapydStyle
public abstract class AddVersionResult {
  AddVersionResult() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The project the egg was added to.
   *
   * @return the project name
   */
  public abstract String project();

  /**
   * The version as it was sent.
   *
   * @return the version name as sent
   */
  public abstract String version();

  /**
   * How many spiders Scrapyd found in the egg.
   *
   * @return the spider count
   */
  public abstract int spiders();

  /**
   * The name Scrapyd stored the version under, as {@code listversions} lists it: every character
   * outside {@code [A-Za-z0-9_-]} replaced by {@code _}.
   *
   * @return the stored version name
   */
  public String storedVersion() {
    return Versions.storedName(version());
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AddVersionResult} values. */
  public static final class Builder extends ImmutableAddVersionResult.Builder {
    Builder() {}
  }
}
