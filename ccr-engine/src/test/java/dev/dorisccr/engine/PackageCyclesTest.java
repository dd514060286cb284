package dev.dorisccr.engine;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package cycles in the library (core, the cluster clients, the stores, the engine): every
 * package depends only on packages that do not depend back on it. The engine module sees all four
 * on its class path, so the rule lives here. Test classes are left out, those of ccr-core's test jar
 * too.
 */
class PackageCyclesTest {
    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // ccr-core's test jar (its EmbeddingDoc reader) is on this class path as a jar once packaged
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.dorisccr.core", "dev.dorisccr.thrift", "dev.dorisccr.store", "dev.dorisccr.engine");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.dorisccr.(**)").should().beFreeOfCycles().check(LIBRARY);
    }
}
