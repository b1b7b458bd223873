package io.github.scrapyd4j.model;

import java.util.List;
import org.immutables.value.Value;

/** The answer of {@code listprojects.json}: the projects a node has. */
@Value.Immutable
@ScrapydStyle
public abstract class ProjectList {
  ProjectList() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The project names, in the server's file-system order (not sorted).
   *
   * @return project names
   */
  public abstract List<String> projects();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ProjectList} values. */
  public static final class Builder extends ImmutableProjectList.Builder {
    Builder() {}
  }
}
