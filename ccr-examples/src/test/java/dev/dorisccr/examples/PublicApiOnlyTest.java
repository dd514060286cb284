package dev.dorisccr.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.dorisccr.core.docs.EmbeddingDoc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The examples use only the public API (docs/embedding.md) and the test kit. */
class PublicApiOnlyTest {
    private static final JavaClasses EXAMPLES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.dorisccr.examples");

    /**
     * The examples use the front door's package, core's public packages as docs/embedding.md lists
     * them (which hold only API: {@code PublicSurfaceTest}), and the test kit.
     */
    @Test
    void examplesDependOnPublicPackagesOnly() throws IOException {
        // a custom store (FileMetadataStore) implements the store SPI and reports with its error codes
        List<String> allowed = new ArrayList<>(List.of("dev.dorisccr.examples", "dev.dorisccr.engine",
                "dev.dorisccr.testkit..", "java.."));
        allowed.addAll(EmbeddingDoc.list("core-public"));
        assertThat(allowed).contains("dev.dorisccr.core.job", "dev.dorisccr.core.spi");
        classes().that().resideInAPackage("dev.dorisccr.examples")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                .check(EXAMPLES);
    }

    /** The common embedding case (issue #16): at most 10 library types from at most 3 packages. */
    @Test
    void theCommonCaseNeedsAFewTypesFromThreePackages() {
        Set<String> types = new TreeSet<>();
        for (JavaClass c : EXAMPLES) {
            if (!c.getName().startsWith(EmbeddedSyncer.class.getName())) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                String name = target.getName();
                if (name.startsWith("dev.dorisccr.") && !name.startsWith("dev.dorisccr.examples.")
                        && !name.startsWith("dev.dorisccr.testkit.")) {
                    types.add(name.replaceAll("\\$.*", ""));
                }
            }
        }
        Set<String> packages = new TreeSet<>();
        types.forEach(t -> packages.add(t.substring(0, t.lastIndexOf('.'))));
        assertThat(types).as("the common case uses %s", types).hasSizeLessThanOrEqualTo(10);
        assertThat(packages).as("the common case uses %s", types).containsExactlyInAnyOrder("dev.dorisccr.engine", "dev.dorisccr.core.job",
                "dev.dorisccr.core.spi");
    }
}
