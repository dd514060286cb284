package dev.dorisccr.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.docs.EmbeddingDoc;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built module descriptor of ccr-core against docs/embedding.md: the packages exported to
 * everyone are the documented public ones, every other package is exported only to the project's
 * own modules, and every core package the front door's surface reaches is public.
 */
class ModuleDescriptorTest {
    private static final Set<String> FRIENDS = Set.of("dev.dorisccr.engine", "dev.dorisccr.server",
            "dev.dorisccr.thrift", "dev.dorisccr.store", "dev.dorisccr.testkit", "dev.dorisccr.bench");

    private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
        Path classes = Path.of(CcrVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void theModuleIsNamedAsTheJarsAlwaysSaid() throws Exception {
        assertThat(descriptor().name()).isEqualTo("dev.dorisccr.core");
        assertThat(descriptor().isAutomatic()).isFalse();
    }

    @Test
    void thePublicPackagesAreTheDocumentedOnes() throws Exception {
        Set<String> open = descriptor().exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        assertThat(open).containsExactlyElementsOf(EmbeddingDoc.list("core-public"));
    }

    @Test
    void everyOtherPackageIsExportedOnlyToTheProjectsModules() throws Exception {
        ModuleDescriptor d = descriptor();
        Set<String> internal = new TreeSet<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            if (e.isQualified()) {
                assertThat(e.targets()).as(e.source()).containsExactlyInAnyOrderElementsOf(FRIENDS);
                internal.add(e.source());
            }
        }
        assertThat(internal).containsExactlyElementsOf(EmbeddingDoc.list("core-internal"));
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).as("no package of the module left out of module-info").isEqualTo(new TreeSet<>(d.packages()));
        assertThat(d.opens()).as("nothing is open to reflection").isEmpty();
    }

    @Test
    void everyCorePackageTheFrontDoorReachesIsPublic() throws Exception {
        Set<String> reached = new TreeSet<>();
        for (String type : EmbeddingDoc.list("closure")) {
            if (type.startsWith("dev.dorisccr.core.")) {
                reached.add(type.substring(0, type.lastIndexOf('.')));
            }
        }
        assertThat(reached).isNotEmpty();
        assertThat(EmbeddingDoc.list("core-public")).containsAll(reached);
    }
}
