package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.server.config.DbConf;
import dev.dorisccr.server.config.SecretKeyFile;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.server.process.DaemonLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md lists what the code reads: the db.conf keys of {@link DbConf}, every
 * environment variable the sources and launchers read, and the default paths under the home that
 * {@link ServerOptions} resolves.
 */
class ConfigurationDocTest {
    private static final Path ROOT = Path.of(System.getProperty("ccr.root", ".."));
    private static final Path DOC = ROOT.resolve("docs/configuration.md");

    @TempDir Path home;

    private static String section(String doc, String name) {
        Matcher m = Pattern.compile("<!-- " + name + ":begin[^>]*-->\\n(.*?)<!-- " + name + ":end -->", Pattern.DOTALL)
                .matcher(doc);
        assertThat(m.find()).as("markers for " + name + " in " + DOC).isTrue();
        return m.group(1);
    }

    /** The first column of a markdown table, each backticked name in it. */
    private static List<String> firstColumn(String table) {
        List<String> names = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf('|', 1));
            Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void dbConfKeysAreTheOnesTheReaderAccepts() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertThat(firstColumn(section(doc, "dbconf"))).isEqualTo(DbConf.KEYS);
    }

    @Test
    void environmentVariablesAreTheOnesTheCodeAndLaunchersRead() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Set<String> read = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(CCR_[A-Z_]+)\"");
        for (String module : List.of("ccr-core", "ccr-thrift", "ccr-store", "ccr-server")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        read.add(m.group(1));
                    }
                }
            }
        }
        Pattern shell = Pattern.compile("\\$\\{?((?:CCR_[A-Z_]+)|JAVA_HOME)");
        List<Path> launchers = new ArrayList<>(List.of(ROOT.resolve("bin/ccr-syncer")));
        try (Stream<Path> files = Files.list(ROOT.resolve("ccr-server/src/dist/bin"))) {
            launchers.addAll(files.toList());
        }
        for (Path f : launchers) {
            Matcher m = shell.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                read.add(m.group(1));
            }
        }
        assertThat(read).as("found no variable: the scan is broken").contains("CCR_DB_PASSWORD", "CCR_SECRET_KEY");
        assertThat(new TreeSet<>(firstColumn(section(doc, "env")))).isEqualTo(read);
    }

    @Test
    void homePathsAreTheDefaultsTheOptionsResolve() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/db.conf"), "db_name=ccr\n");
        picocli.CommandLine cl = CcrSyncerMain.newCommandLine();
        cl.parseArgs("--daemon");
        ServerOptions options = ((CcrSyncerMain) cl.getCommand()).options;
        ServerOptions.Resolved resolved = options.resolve(home, name -> null);
        ServerConfig config = resolved.config();
        List<Path> defaults = List.of(home.resolve("conf/db.conf"), config.store().sqliteFile(),
                config.store().sqliteFile().resolveSibling(SecretKeyFile.NAME), config.log().file().orElseThrow(),
                DaemonLauncher.outFile(config.log().file().orElseThrow()),
                config.pidFile().orElseThrow().resolveSibling("<host>_<port>.pid"));
        assertThat(resolved.infos()).anySatisfy(i -> assertThat(i).contains(home.resolve("conf/db.conf").toString()));
        List<String> documented = firstColumn(section(Files.readString(DOC, StandardCharsets.UTF_8), "home"));
        assertThat(documented).containsExactlyElementsOf(
                defaults.stream().map(p -> "<home>/" + home.relativize(p).toString().replace('\\', '/')).toList());
    }
}
