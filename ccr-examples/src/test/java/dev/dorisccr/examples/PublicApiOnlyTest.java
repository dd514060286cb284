package dev.dorisccr.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The examples use only the public API (docs/embedding.md) and the test kit. */
class PublicApiOnlyTest {
    @Test
    void examplesDependOnPublicPackagesOnly() {
        classes().that().resideInAPackage("dev.dorisccr.examples")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.dorisccr.examples", "dev.dorisccr.engine",
                        "dev.dorisccr.core.job", "dev.dorisccr.core.spi", "dev.dorisccr.core.syncer",
                        "dev.dorisccr.testkit..", "java..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.dorisccr.examples"));
    }
}
