package io.github.scrapyd4j.cluster;

import io.github.scrapyd4j.ScrapydClient;

/** A node of a cluster, its client and its health. */
final class Member {
  final Node node;
  final ScrapydClient client;
  final NodeHealth health;
  final boolean discovered;

  Member(Node node, ScrapydClient client, NodeHealth health, boolean discovered) {
    this.node = node;
    this.client = client;
    this.health = health;
    this.discovered = discovered;
  }
}
