package io.github.scrapyd4j.model;

import org.immutables.value.Value;

/** The answer of {@code delversion.json} and {@code delproject.json}: the deletion was done. Deleting the last version of a project also deletes the project. */
@Value.Immutable
@ScrapydStyle
public abstract class DeleteResult {
  DeleteResult() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DeleteResult} values. */
  public static final class Builder extends ImmutableDeleteResult.Builder {
    Builder() {}
  }
}
