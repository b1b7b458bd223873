/**
 * Implementation of job tracking: the job state probe (status.json with a listjobs fallback),
 * HTTP byte-range reads of logs and items, the follow loop, the line splitter of items and future
 * helpers. Used only by {@code io.github.scrapyd4j.jobs}; not part of the public API.
 */
package io.github.scrapyd4j.jobs.internal;
