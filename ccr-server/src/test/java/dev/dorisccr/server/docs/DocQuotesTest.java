package dev.dorisccr.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Error and log messages the pages quote are the code's: each quoted message, cut at its
 * placeholders ({@code <name>}, {@code [<fields>]}, numbers, a leading field name such as {@code
 * src.port}, which the code puts together), is made of
 * pieces that appear in the main sources' string literals (concatenations joined, {@code {}} of a log
 * call standing for a placeholder). Quoted are: every {@code `...`} of the "Errors" paragraphs of
 * docs/http-api.md, and the log lines and messages of "Troubleshooting by symptom" in
 * docs/operations.md listed below.
 */
class DocQuotesTest {
    private static final Path ROOT = Path.of(System.getProperty("ccr.root", ".."));
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\[?<[^>]*>\\]?|\\{}|\\d+|^[a-z_]+(?:\\.[a-z_]+)?(?= )");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");

    /** The operations.md quotes checked (each must also be on the page, so a rewording is noticed). */
    static final List<String> TROUBLESHOOTING_QUOTES = List.of(
            "job <name>: <step> of binlog <seq> failed (<code>: <message>); retrying in <delay> (attempt <n>,"
                    + " <k> time(s) in a row)",
            "job <name>: <step> of binlog <seq> failed (<code>: <message>); rolling the txn back, then retrying after"
                    + " a back-off (attempt <n>, <k> time(s) in a row)",
            "job <name>: healthy again after <n> failed attempt(s)",
            "job <name>: stopped retrying: <reason>; the operator can <actions>",
            "job <name>: lease lost, stopping here: <message>",
            "job <name>: <kind> sync starts (<reason>): <detail>",
            "error: cannot start the syncer: <message>",
            "wrong user or password for <user>",
            "enable binlog on the source",
            "job <name> not exist");

    private static String sources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String module : List.of("ccr-core", "ccr-thrift", "ccr-store", "ccr-server")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        // "a " + "b" and "a "\n + "b" are one literal; \" is a quote
        return all.toString().replaceAll("\"\\s*\\+\\s*\"", "").replace("\\\"", "\"");
    }

    private static List<String> missingPieces(String quote, String sources) {
        List<String> missing = new ArrayList<>();
        for (String piece : PLACEHOLDER.split(quote.replaceAll("\\s+", " "))) {
            if (piece.strip().length() >= 4 && !sources.contains(piece)) {
                missing.add(piece);
            }
        }
        return missing;
    }

    @Test
    void httpApiErrorMessagesAreTheCodes() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/http-api.md"), StandardCharsets.UTF_8);
        String sources = sources();
        List<String> wrong = new ArrayList<>();
        int quotes = 0;
        for (String paragraph : doc.split("\n\\s*\n")) {
            Matcher errors = Pattern.compile("Errors[.:]").matcher(paragraph);
            int at = errors.find() ? errors.start() : -1;
            if (at < 0 || paragraph.startsWith("#") || paragraph.startsWith("|") || paragraph.startsWith("```")) {
                continue;
            }
            Matcher m = SPAN.matcher(paragraph.substring(at));
            while (m.find()) {
                String quote = m.group(1).replaceAll("\\s+", " ");
                if (!quote.contains(" ") || quote.matches("[a-z_]+: .*")) {
                    continue; // a field name or a JSON key and value, not a message
                }
                quotes++;
                List<String> missing = missingPieces(quote, sources);
                if (!missing.isEmpty()) {
                    wrong.add(quote + " (not in the code: " + missing + ")");
                }
            }
        }
        assertThat(quotes).as("messages found in the Errors paragraphs").isGreaterThan(20);
        assertThat(wrong).as("docs/http-api.md quotes messages the code does not have").isEmpty();
    }

    @Test
    void troubleshootingQuotesAreOnThePageAndInTheCode() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/operations.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("## Troubleshooting by symptom")).replaceAll("\\s+", " ");
        String sources = sources();
        for (String quote : TROUBLESHOOTING_QUOTES) {
            assertThat(section).as("operations.md troubleshooting quotes " + quote).contains(quote);
            assertThat(missingPieces(quote, sources)).as("pieces of " + quote + " missing from the code").isEmpty();
        }
    }
}
