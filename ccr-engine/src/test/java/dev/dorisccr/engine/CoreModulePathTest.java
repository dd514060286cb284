package dev.dorisccr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.CcrVersion;
import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedder's module on the module path, core there as the named module
 * {@code dev.dorisccr.core}: it compiles against core's public packages, and does not compile when
 * it imports an implementation package (exported only to the project's own modules).
 */
class CoreModulePathTest {
    @TempDir Path dir;

    /** Core's classes and the modules it requires (slf4j, Jackson), from this test's class path. */
    private static String modulePath() throws Exception {
        List<String> path = new ArrayList<>();
        path.add(Path.of(CcrVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.startsWith("slf4j-api-") || name.startsWith("jackson-databind-") || name.startsWith("jackson-core-")
                    || name.startsWith("jackson-annotations-")) {
                path.add(e);
            }
        }
        assertThat(path).hasSize(5);
        return String.join(File.pathSeparator, path);
    }

    /** Compiles module {@code app} with one class importing {@code type}; javac's output, "" when it compiled. */
    private String compile(String type) throws Exception {
        Path src = dir.resolve("src-" + type.hashCode());
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires dev.dorisccr.core; }\n");
        Files.writeString(src.resolve("app/Uses.java"), "package app;\nimport " + type + ";\n"
                + "public class Uses { public static String name() { return " + type.substring(type.lastIndexOf('.') + 1)
                + ".class.getName(); } }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, null, null, List.of("--module-path", modulePath(), "-d",
                dir.resolve("out-" + type.hashCode()).toString(), "-proc:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.resolve("module-info.java").toFile(),
                        src.resolve("app/Uses.java").toFile())).call();
        return ok ? "" : out.toString();
    }

    @Test
    void anEmbeddersModuleReadsThePublicPackages() throws Exception {
        assertThat(compile("dev.dorisccr.core.spi.ClusterSpec")).isEmpty();
        assertThat(compile("dev.dorisccr.core.job.JobSpec")).isEmpty();
        assertThat(compile("dev.dorisccr.core.syncer.JobService")).isEmpty();
    }

    /** The job machine, the runner, the service and the JSON forms are implementation: not on the module path. */
    @Test
    void theJobMachineAndTheServiceAreNotVisible() throws Exception {
        assertThat(compile("dev.dorisccr.core.machine.JobMachine")).contains("dev.dorisccr.core.machine")
                .containsIgnoringCase("not visible");
        assertThat(compile("dev.dorisccr.core.service.Syncer")).containsIgnoringCase("not visible");
        assertThat(compile("dev.dorisccr.core.json.JobSpecJson")).containsIgnoringCase("not visible");
    }

    @Test
    void anImplementationPackageDoesNotCompileOnTheModulePath() throws Exception {
        assertThat(compile("dev.dorisccr.core.sync.DorisClusterOperations")).contains("dev.dorisccr.core.sync")
                .containsIgnoringCase("not visible");
        assertThat(compile("dev.dorisccr.core.binlog.BinlogDecoder")).containsIgnoringCase("not visible");
    }
}
