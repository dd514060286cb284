package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.server.config.GoFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flag tables of docs/operations.md are generated from the command line itself (the one
 * registry of names, values and descriptions). Run with {@code -Dccr.docs.update=true} to rewrite
 * them after changing a flag.
 */
class FlagsDocTest {
    private static final Path DOC = Path.of(System.getProperty("ccr.root", "..")).resolve("docs/operations.md");

    static String flagsTable() {
        StringBuilder sb = new StringBuilder("| flag | value | meaning |\n|---|---|---|\n");
        CommandLine cl = CcrSyncerMain.newCommandLine();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.hidden()) {
                continue;
            }
            String value = o.arity().max() == 0 ? "" : o.arity().min() == 0 ? "[BOOL]" : o.paramLabel();
            sb.append("| `").append(o.names()[0]).append("` | ").append(value).append(" | ")
                    .append(String.join(" ", o.description()).replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    static String featuresTable() {
        StringBuilder sb = new StringBuilder("| flag | Go default | silent when | this syncer |\n|---|---|---|---|\n");
        for (GoFeature f : GoFeature.values()) {
            sb.append("| `-").append(f.flag()).append("` | ").append(f.goDefault()).append(" | ")
                    .append(f.fixedValue().map(Object::toString).orElse("never (always warned)")).append(" | ")
                    .append(f.behaviour()).append(" |\n");
        }
        return sb.toString();
    }

    private static String replaceBlock(String doc, String name, String content) {
        Pattern p = Pattern.compile("(<!-- " + name + ":begin[^>]*-->\\n)(.*?)(<!-- " + name + ":end -->)", Pattern.DOTALL);
        Matcher m = p.matcher(doc);
        assertThat(m.find()).as("markers for " + name + " in " + DOC).isTrue();
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + content + m.group(3)));
    }

    @Test
    void operationsPageListsEveryFlagAsTheProgramDefinesIt() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = replaceBlock(replaceBlock(doc, "flags", flagsTable()), "features", featuresTable());
        if (Boolean.getBoolean("ccr.docs.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(doc).as("docs/operations.md is stale: run FlagsDocTest with -Dccr.docs.update=true")
                .isEqualTo(generated);
    }
}
