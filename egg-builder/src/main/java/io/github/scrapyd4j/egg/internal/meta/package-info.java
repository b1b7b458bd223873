/**
 * Readers of a project's packaging metadata ({@code setup.py} read statically, {@code setup.cfg},
 * {@code pyproject.toml}, {@code MANIFEST.in}) and the rules setuptools applies to them; not
 * public API.
 */
package io.github.scrapyd4j.egg.internal.meta;
