package io.millwright.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ws.rs.Path;

/** The few dependency rules that keep tenancy explicit and the layers honest. */
@AnalyzeClasses(packages = "io.millwright", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule tenancyDomainIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("io.millwright.tenancy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta..",
              "javax.sql..",
              "java.sql..",
              "org.hibernate..",
              "io.millwright.server..");

  @ArchTest
  static final ArchRule meteringNeverReachesIntoTheServer =
      noClasses()
          .that()
          .resideInAPackage("io.millwright.metering..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.millwright.server..");

  @ArchTest
  static final ArchRule datasetEngineIsPlainJava =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.millwright.server.datasets.catalog..",
              "io.millwright.server.datasets.ingest..",
              "io.millwright.server.datasets.pipeline..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.enterprise..",
              "jakarta.transaction..",
              "jakarta.ws..",
              "io.millwright.server.platform..",
              "io.millwright.server.security..")
          .because("the Iceberg engine is tested and benchmarked without the container");

  @ArchTest
  static final ArchRule noThreadLocalTenant =
      noFields()
          .that()
          .areDeclaredInClassesThat()
          .resideInAPackage("io.millwright..")
          .should()
          .haveRawType(ThreadLocal.class)
          .because("the tenant travels explicitly, never through a thread-local");

  @ArchTest
  static final ArchRule everyResourceMethodIsGuarded =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .areAnnotatedWith(Path.class)
          .and()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .resideInAPackage("io.millwright.server..")
          .and()
          .areNotDeclaredIn(io.millwright.server.platform.rest.MillwrightApi.class)
          .should(GuardedResourceMethods.beGuarded())
          .because(
              "an endpoint without @TenantRoles or @PlatformAdminOnly is refused at run"
                  + " time; the build should say so first");

  @ArchTest
  static final ArchRule keycloakAdminCallsStayInTheirPackage =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.millwright.server.tenants..",
              "io.millwright.server.members..",
              "io.millwright.server.console..",
              "io.millwright.server.platform.health..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.millwright.server.tenants.keycloak..");

  @ArchTest
  static final ArchRule resourcesAreNamedResource =
      classes()
          .that()
          .areAnnotatedWith(Path.class)
          .and()
          .areNotAnnotatedWith(jakarta.ws.rs.ApplicationPath.class)
          .should()
          .haveSimpleNameEndingWith("Resource");
}
