/**
 * Implementation of job tracking shared by {@code io.github.scrapyd4j.jobs} and {@code
 * io.github.scrapyd4j.logs}: the job state probe (status.json with a listjobs fallback) and future
 * helpers. Not part of the public API.
 */
package io.github.scrapyd4j.jobs.internal;
