/**
 * Packages Scrapy projects into Scrapyd eggs in pure Java, reads {@code scrapy.cfg}, and deploys
 * safely.
 *
 * <ul>
 *   <li>{@link io.github.scrapyd4j.egg.EggBuilder} builds an {@link io.github.scrapyd4j.egg.Egg}
 *       laid out like setuptools' {@code bdist_egg}, reproducibly, with data files;
 *   <li>{@link io.github.scrapyd4j.egg.ScrapyConfig} reads {@code scrapy.cfg} like Python's
 *       {@code ConfigParser} and gives its {@link io.github.scrapyd4j.egg.DeployTarget}s;
 *       {@link io.github.scrapyd4j.egg.Netrc} reads {@code ~/.netrc};
 *   <li>{@link io.github.scrapyd4j.egg.VersionResolver} computes versions with scrapyd-deploy's
 *       rules and {@link io.github.scrapyd4j.egg.VersionOrder} orders them like Scrapyd;
 *   <li>{@link io.github.scrapyd4j.egg.Deployer} uploads an egg to one or many nodes, checks the
 *       answer and deletes a rejected version; {@link io.github.scrapyd4j.egg.ProjectDeploy} does
 *       what {@code scrapyd-deploy} does, from {@code scrapy.cfg}.
 * </ul>
 *
 * <p>Errors are unchecked and extend {@link io.github.scrapyd4j.ScrapydException}. Nothing in this
 * package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.scrapyd4j.egg;
