package io.github.scrapyd4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.scrapyd4j.alerts.AlertsTasksViolationFixture;
import io.github.scrapyd4j.cluster.ArchViolationFixtures;
import io.github.scrapyd4j.jobs.internal.StateProbe;
import io.github.scrapyd4j.logs.LogsViolationFixture;
import io.github.scrapyd4j.logs.internal.TextLines;
import io.github.scrapyd4j.monitor.MonitorTasksViolationFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of core (issue 12), checked on the compiled main classes: {@code logs} is
 * pure parsing (no jobs, no client, no cluster), each {@code internal} package serves only its
 * parent, and the cluster does not reach into job tracking's implementation. Issue 14: {@code
 * tasks} (timed crawls) sits on top, using jobs, cluster, alerts and monitor; nothing else of
 * core uses it, and in particular {@code alerts} and {@code monitor} do not. Each rule is also
 * run on a fixture that breaks it, so that a rule that can never fail is caught.
 */
class ArchitectureTest {
  private static final String ROOT = "io.github.scrapyd4j";

  static final ArchRule LOGS_ARE_PURE = noClasses()
      .that().resideInAPackage(ROOT + ".logs..")
      .should().dependOnClassesThat().resideInAPackage(ROOT + ".jobs..")
      .orShould().dependOnClassesThat().resideInAPackage(ROOT + ".cluster..")
      .orShould().dependOnClassesThat().belongToAnyOf(
          ScrapydClient.class, ScrapydAsyncClient.class)
      .because("logs is the pure parsing of Scrapy logs and stats: no client, nothing of jobs");

  static final ArchRule JOBS_INTERNAL_SERVES_JOBS = classes()
      .that().resideInAPackage(ROOT + ".jobs.internal..")
      .should().onlyHaveDependentClassesThat().resideInAPackage(ROOT + ".jobs..")
      .because("jobs.internal is the implementation of io.github.scrapyd4j.jobs only");

  static final ArchRule LOGS_INTERNAL_SERVES_LOGS = classes()
      .that().resideInAPackage(ROOT + ".logs.internal..")
      .should().onlyHaveDependentClassesThat().resideInAPackage(ROOT + ".logs..")
      .because("logs.internal is the implementation of io.github.scrapyd4j.logs only");

  static final ArchRule CLUSTER_KEEPS_OUT_OF_JOBS_INTERNAL = noClasses()
      .that().resideInAPackage(ROOT + ".cluster..")
      .should().dependOnClassesThat().resideInAPackage(ROOT + ".jobs.internal..")
      .because("the cluster uses job tracking through its public API");

  static final ArchRule ALERTS_DO_NOT_USE_TASKS = noClasses()
      .that().resideInAPackage(ROOT + ".alerts..")
      .should().dependOnClassesThat().resideInAPackage(ROOT + ".tasks..")
      .because("alerts are sent by tasks, monitors and node listeners alike: they know none of"
          + " them");

  static final ArchRule MONITOR_DOES_NOT_USE_TASKS = noClasses()
      .that().resideInAPackage(ROOT + ".monitor..")
      .should().dependOnClassesThat().resideInAPackage(ROOT + ".tasks..")
      .allowEmptyShould(true)
      .because("monitoring rules watch any job; tasks attach them through RunListener");

  static final ArchRule ONLY_TASKS_USE_TASKS = classes()
      .that().resideInAPackage(ROOT + ".tasks..")
      .should().onlyHaveDependentClassesThat().resideInAPackage(ROOT + ".tasks..")
      .because("timed crawls are a layer on top of core: a user who does not schedule carries"
          + " nothing of it");

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void logsDependOnNothingOfJobsTheClientsOrTheCluster() {
    LOGS_ARE_PURE.check(main);
  }

  @Test
  void jobsInternalIsUsedOnlyByJobs() {
    JOBS_INTERNAL_SERVES_JOBS.check(main);
  }

  @Test
  void logsInternalIsUsedOnlyByLogs() {
    LOGS_INTERNAL_SERVES_LOGS.check(main);
  }

  @Test
  void clusterDoesNotUseJobsInternal() {
    CLUSTER_KEEPS_OUT_OF_JOBS_INTERNAL.check(main);
  }

  @Test
  void alertsDoNotUseTasks() {
    ALERTS_DO_NOT_USE_TASKS.check(main);
  }

  @Test
  void monitorDoesNotUseTasks() {
    MONITOR_DOES_NOT_USE_TASKS.check(main);
  }

  @Test
  void nothingOutsideTasksUsesTasks() {
    ONLY_TASKS_USE_TASKS.check(main);
  }

  @Test
  void theMainClassesWereFound() {
    assertThat(main.containPackage(ROOT + ".logs")).isTrue();
    assertThat(main.containPackage(ROOT + ".jobs.internal")).isTrue();
    assertThat(main.containPackage(ROOT + ".cluster")).isTrue();
    assertThat(main.containPackage(ROOT + ".tasks")).isTrue();
    assertThat(main.containPackage(ROOT + ".alerts")).isTrue();
  }

  @Test
  void eachRuleCatchesAClassThatBreaksIt() {
    JavaClasses bad = new ClassFileImporter().importClasses(
        LogsViolationFixture.class, ArchViolationFixtures.class, StateProbe.class,
        TextLines.class, ScrapydClient.class, AlertsTasksViolationFixture.class,
        MonitorTasksViolationFixture.class, io.github.scrapyd4j.tasks.TaskRun.class,
        io.github.scrapyd4j.tasks.TaskScheduler.class);
    assertThat(LOGS_ARE_PURE.evaluate(bad).hasViolation()).isTrue();
    assertThat(JOBS_INTERNAL_SERVES_JOBS.evaluate(bad).hasViolation()).isTrue();
    assertThat(LOGS_INTERNAL_SERVES_LOGS.evaluate(bad).hasViolation()).isTrue();
    assertThat(CLUSTER_KEEPS_OUT_OF_JOBS_INTERNAL.evaluate(bad).hasViolation()).isTrue();
    assertThat(ALERTS_DO_NOT_USE_TASKS.evaluate(bad).hasViolation()).isTrue();
    assertThat(MONITOR_DOES_NOT_USE_TASKS.evaluate(bad).hasViolation()).isTrue();
    assertThat(ONLY_TASKS_USE_TASKS.evaluate(bad).hasViolation()).isTrue();
  }
}
