package dev.dorisccr.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The second guard of the module boundary (the first is the RestrictImports enforcer rule). */
class CoreBoundaryTest {
    private static final JavaClasses CORE =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.dorisccr.core");

    @Test
    void coreUsesNoIoTechnology() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.apache.thrift..",
                        "io.undertow..",
                        "com.zaxxer.hikari..",
                        "ch.qos.logback..",
                        "com.mysql..",
                        "org.postgresql..",
                        "org.sqlite..",
                        "picocli..")
                .check(CORE);
    }

    @Test
    void coreDoesNotDependOnOtherModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.dorisccr.thrift..",
                        "dev.dorisccr.store..",
                        "dev.dorisccr.server..",
                        "dev.dorisccr.testkit..")
                .check(CORE);
    }
}
