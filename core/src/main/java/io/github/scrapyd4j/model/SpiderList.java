package io.github.scrapyd4j.model;

import java.util.List;
import org.immutables.value.Value;

/** The answer of {@code listspiders.json}: the spiders of one project version. */
@Value.Immutable
@ScrapydStyle
public abstract class SpiderList {
  SpiderList() {}

  /**
   * The {@code node_name} the server reported (by default its host name).
   *
   * @return the node name
   */
  public abstract String nodeName();

  /**
   * The spider names, in the order {@code scrapy list} printed them.
   *
   * @return spider names
   */
  public abstract List<String> spiders();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SpiderList} values. */
  public static final class Builder extends ImmutableSpiderList.Builder {
    Builder() {}
  }
}
