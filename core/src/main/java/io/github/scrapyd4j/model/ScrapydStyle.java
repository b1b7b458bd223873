package io.github.scrapyd4j.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The Immutables style shared by every scrapyd4j value type: JDK collections only, generated
 * implementations hidden (package-private) behind the public abstract type and its {@code Builder},
 * and no annotation on them that needs Immutables on the user's class path.
 */
@Documented
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false),
    get = {"is*", "get*"},
    init = "*",
    allParameters = false,
    // No @org.immutables.value.Generated on generated classes: Immutables is not a runtime
    // dependency, and users compiling with -Xlint:all -Werror would get "class file for
    // org.immutables.value.Generated not found" warnings from our jars.
    allowedClasspathAnnotations = {Override.class})
public @interface ScrapydStyle {}
