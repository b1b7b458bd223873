/**
 * Monitoring rules evaluated while a job runs, from its log read by byte ranges as it grows:
 * thresholds on log-level counts, no progress for a time, run time; actions: cancel with a chosen
 * signal, alert. Start with {@link io.github.scrapyd4j.monitor.JobMonitor}.
 */
package io.github.scrapyd4j.monitor;
