package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/cli.md's reference part is generated from the picocli model (every command and subcommand,
 * every option with its default and description, every positional argument, the exit codes), and
 * {@code --help} works on every command. Run with {@code -Dccr.docs.update=true} to rewrite the
 * page after changing a command.
 */
class CliDocTest {
    private static final Path DOC = Path.of(System.getProperty("ccr.root", "..")).resolve("docs/cli.md");

    /** Every command, depth first, as its path of names below the root. */
    static List<List<String>> commandPaths(CommandLine cl, List<String> path) {
        List<List<String>> out = new ArrayList<>();
        out.add(path);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().name().equals(e.getKey())) { // aliases once
                List<String> sub = new ArrayList<>(path);
                sub.add(e.getKey());
                out.addAll(commandPaths(e.getValue(), sub));
            }
        }
        return out;
    }

    private static CommandLine at(CommandLine root, List<String> path) {
        CommandLine cl = root;
        for (String p : path) {
            cl = cl.getSubcommands().get(p);
        }
        return cl;
    }

    static String reference() {
        CommandLine root = CcrSyncerMain.newCommandLine();
        List<String> rootOptions = names(root.getCommandSpec());
        StringBuilder sb = new StringBuilder();
        for (List<String> path : commandPaths(root, List.of())) {
            CommandSpec spec = at(root, path).getCommandSpec();
            String qualified = spec.qualifiedName(" ");
            sb.append("\n### `").append(qualified).append("`\n\n");
            for (String line : spec.usageMessage().description()) {
                sb.append(line.replace("%n", "\n")).append('\n');
            }
            CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            sb.append("\n```text\n").append(help.synopsis(0).strip()).append("\n```\n");
            List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
            if (!params.isEmpty()) {
                sb.append("\n| argument | count | meaning |\n|---|---|---|\n");
                for (PositionalParamSpec p : params) {
                    sb.append("| `").append(p.paramLabel()).append("` | ").append(p.arity()).append(" | ")
                            .append(cell(describe(p.description(), p.defaultValue()))).append(" |\n");
                }
            }
            boolean serverOptions = !path.isEmpty() && names(spec).containsAll(rootOptions);
            if (serverOptions) {
                sb.append("\nThe options of [`ccr_syncer`](#ccr_syncer)")
                        .append(names(spec).size() > rootOptions.size() ? ", and:" : ".").append('\n');
            }
            {
                List<OptionSpec> own = spec.options().stream().filter(o -> !o.hidden() && !o.inherited())
                        .filter(o -> !serverOptions || !rootOptions.contains(o.longestName())).toList();
                if (!own.isEmpty()) {
                    sb.append("\n| option | value | default | meaning |\n|---|---|---|---|\n");
                    for (OptionSpec o : own) {
                        String value = o.arity().max() == 0 ? "" : o.arity().min() == 0 ? "[BOOL]" : o.paramLabel();
                        String dflt = o.defaultValue() == null || o.defaultValue().isEmpty() ? ""
                                : "`" + o.defaultValue() + "`";
                        sb.append("| ").append(String.join(", ", java.util.Arrays.stream(o.names())
                                        .map(n -> "`" + n + "`").toList())).append(o.required() ? " (required)" : "")
                                .append(" | ").append(cell(value)).append(" | ").append(dflt).append(" | ")
                                .append(cell(describe(o.description(), o.defaultValue()))).append(" |\n");
                    }
                }
                if (spec.options().stream().anyMatch(o -> !o.hidden() && o.inherited())) {
                    sb.append("\nAlso the options of [`").append(spec.parent().qualifiedName(" ")).append("`](#")
                            .append(anchor(spec.parent().qualifiedName(" "))).append(").\n");
                }
            }
            Map<String, String> codes = spec.usageMessage().exitCodeList();
            if (!codes.isEmpty() && (spec.parent() == null || !codes.equals(spec.parent().usageMessage().exitCodeList()))) {
                sb.append("\nExit codes: ");
                List<String> parts = new ArrayList<>();
                codes.forEach((k, v) -> parts.add("`" + k.strip() + "` " + v.strip()));
                sb.append(String.join("; ", parts)).append(".\n");
            }
        }
        return sb.toString();
    }

    private static List<String> names(CommandSpec spec) {
        return spec.options().stream().map(OptionSpec::longestName).toList();
    }

    private static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replaceAll("[^a-z0-9_-]", "");
    }

    private static String describe(String[] description, String defaultValue) {
        return String.join(" ", description).replace("${DEFAULT-VALUE}", String.valueOf(defaultValue))
                .replace("%n", " ");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }

    @Test
    void pageIsTheCommandLineAsDefined() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Pattern p = Pattern.compile("(<!-- reference:begin[^>]*-->\\n)(.*?)(<!-- reference:end -->)", Pattern.DOTALL);
        Matcher m = p.matcher(doc);
        assertThat(m.find()).as("reference markers in " + DOC).isTrue();
        String generated = m.replaceFirst(Matcher.quoteReplacement(m.group(1) + reference() + "\n" + m.group(3)));
        assertThat(generated).as("a ${...} left in a description").doesNotContain("${");
        if (Boolean.getBoolean("ccr.docs.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(doc).as("docs/cli.md is stale: run CliDocTest with -Dccr.docs.update=true").isEqualTo(generated);
    }

    @Test
    void helpWorksOnEveryCommand() {
        List<List<String>> paths = commandPaths(CcrSyncerMain.newCommandLine(), List.of());
        assertThat(paths).hasSizeGreaterThan(20);
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                CommandLine cl = CcrSyncerMain.newCommandLine();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                cl.setOut(new PrintWriter(out));
                cl.setErr(new PrintWriter(err));
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                int code = cl.execute(args.toArray(String[]::new));
                String what = String.join(" ", args);
                assertThat(code).as(what + " exit code; stderr: " + err).isZero();
                assertThat(out.toString()).as(what).contains("Usage: ");
                assertThat(err.toString()).as(what + " stderr").isEmpty();
            }
        }
    }
}
