/**
 * Immutable values sent to and received from Scrapyd: requests such as {@link
 * io.github.scrapyd4j.model.ScheduleRequest}, and one answer type per endpoint, each carrying the
 * {@code node_name} the server reported.
 *
 * <p>Values are built with their {@code builder()}; nothing in this package accepts or returns
 * {@code null}: absent values are {@link java.util.Optional}. Fields that only newer Scrapyd
 * versions send are optional, so answers from Scrapyd 1.2 to 1.6 all read.
 */
package io.github.scrapyd4j.model;
