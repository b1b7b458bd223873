package io.github.scrapyd4j.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The answer of {@code listversions.json}: the versions stored for a project, the one Scrapyd runs by default last. */
@Value.Immutable
@ScrapydStyle
public abstract class VersionList {
  VersionList() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The stored version names in Scrapyd's order. Scrapyd stores a version with every character
   * outside {@code [A-Za-z0-9_-]} replaced by {@code _}, and orders versions by PEP 440 only when
   * all of them parse that way; otherwise by plain string order, so {@code 1_9} sorts after
   * {@code 1_10}. An unknown project has no versions (Scrapyd does not call it an error).
   *
   * @return version names as stored, latest last
   */
  public abstract List<String> versions();

  /**
   * The version Scrapyd runs when a job names none: the last one listed.
   *
   * @return the latest version, empty if there are none
   */
  public Optional<String> latest() {
    List<String> versions = versions();
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link VersionList} values. */
  public static final class Builder extends ImmutableVersionList.Builder {
    Builder() {}
  }
}
