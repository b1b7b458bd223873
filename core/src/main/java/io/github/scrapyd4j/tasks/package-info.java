/**
 * Timed crawls: tasks with cron, interval and one-shot triggers, a scheduler that runs each fire
 * to its verdict on one node or a cluster, and the run stores that keep their history.
 */
package io.github.scrapyd4j.tasks;
