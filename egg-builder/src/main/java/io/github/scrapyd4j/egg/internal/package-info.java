/**
 * Implementation details of the egg builder. Nothing here is public API: it may change in any
 * release.
 */
package io.github.scrapyd4j.egg.internal;
