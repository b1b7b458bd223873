/**
 * Implementation of the log and stats parsing: the Python literal parser and the line splitter
 * of decoded text. Used only by {@code io.github.scrapyd4j.logs}; not part of the public API.
 */
package io.github.scrapyd4j.logs.internal;
