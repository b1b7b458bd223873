package io.github.scrapyd4j.boundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * egg-builder, the example programs and the command line use only core's public API (issue 12):
 * core's {@code internal} packages may change in any release, so a module that reached into them
 * could break at run time against another core version. Checked on the compiled main classes of
 * all three modules; the rule is also run on a fixture that breaks it.
 */
class ModuleBoundariesTest {
  private static final String ROOT = "io.github.scrapyd4j";

  static final ArchRule ONLY_CORES_PUBLIC_API = noClasses()
      .that().resideInAnyPackage(ROOT + ".egg..", ROOT + ".cli..", ROOT + ".examples..",
          ROOT + ".boundaries..")
      .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".internal..",
          ROOT + ".jobs.internal..", ROOT + ".logs.internal..", ROOT + ".cluster.internal..")
      .because("core's internal packages are not public API and change in any release");

  @Test
  void eggBuilderExamplesAndTheCommandLineUseOnlyCoresPublicApi() {
    JavaClasses main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT + ".egg", ROOT + ".cli", ROOT + ".examples");

    assertThat(main.stream().map(c -> c.getPackageName()).distinct())
        .contains(ROOT + ".egg", ROOT + ".cli", ROOT + ".examples");
    ONLY_CORES_PUBLIC_API.check(main);
  }

  @Test
  void theRuleReportsAClassThatUsesCoresInternals() {
    EvaluationResult result = ONLY_CORES_PUBLIC_API.evaluate(
        new ClassFileImporter().importClasses(InternalUseFixture.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("internal.Checks");
  }
}
