/**
 * Alerts for people: what a failed run, a fired monitoring rule or a dead node sends, and the
 * sinks that deliver them (webhooks, the log, your own).
 */
package io.github.scrapyd4j.alerts;
