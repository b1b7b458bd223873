/**
 * Implementation details of scrapyd4j. Nothing here is public API: it may change in any release.
 */
package io.github.scrapyd4j.internal;
