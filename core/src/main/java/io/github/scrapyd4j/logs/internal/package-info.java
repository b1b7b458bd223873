/**
 * Implementation of logs, items and stats: the Python literal parser, streaming UTF-8 decoding,
 * HTTP byte-range reads and the follow loop. Not part of the public API.
 */
package io.github.scrapyd4j.logs.internal;
