/**
 * One client for many Scrapyd nodes: {@link io.github.scrapyd4j.cluster.ClusterClient}.
 *
 * <p>Nodes have explicit ids and tags ({@link io.github.scrapyd4j.cluster.Node}), come from a list
 * or from DNS ({@link io.github.scrapyd4j.cluster.DnsDiscovery}), and can be added and removed
 * while the cluster is in use. Read calls fan out in parallel and answer per node ({@link
 * io.github.scrapyd4j.cluster.ClusterResult}); {@code schedule} places a job with a {@link
 * io.github.scrapyd4j.cluster.NodeSelector} and fails over only when the request cannot have
 * reached the node; each node's health ({@link io.github.scrapyd4j.cluster.NodeState}) is learned
 * from call outcomes and probes.
 */
package io.github.scrapyd4j.cluster;
