/**
 * The Scrapyd client: {@link io.github.scrapyd4j.ScrapydClient} (blocking) and {@link
 * io.github.scrapyd4j.ScrapydAsyncClient} (futures), their configuration, and the {@link
 * io.github.scrapyd4j.ScrapydException} hierarchy.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.scrapyd4j;
