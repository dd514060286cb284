package dev.dorisccr.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type and package lists of docs/embedding.md, for the tests that check the code against
 * them (core's module descriptor, the engine's public surface, the examples' imports). A list is
 * the {@code - `item`} lines between {@code <!-- surface:NAME -->} and {@code <!-- /surface:NAME -->}.
 * Shipped to the other modules' tests in ccr-core's test jar (ccr-testkit depends on ccr-core, so
 * core's own tests cannot use it).
 */
public final class EmbeddingDoc {
    private static final Pattern ITEM = Pattern.compile("- `([^`]+)`");

    private EmbeddingDoc() {
    }

    /** docs/embedding.md below the project root (system property {@code ccr.root}, else {@code ..}). */
    public static Path path() {
        return Path.of(System.getProperty("ccr.root", ".."), "docs", "embedding.md");
    }

    /** The matcher of list {@code section} in {@code text}: group 1 its start marker, 2 its body, 3 its end marker. */
    public static Matcher section(String text, String section) {
        Matcher m = Pattern.compile("(<!-- surface:" + Pattern.quote(section) + " -->)(.*?)(<!-- /surface:"
                + Pattern.quote(section) + " -->)", Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("section %s in %s", section, path()).isTrue();
        return m;
    }

    /** The items of list {@code section}, in the order written; fails the test if the list is missing. */
    public static List<String> list(String section) throws IOException {
        Matcher m = section(Files.readString(path()), section);
        List<String> out = new ArrayList<>();
        Matcher item = ITEM.matcher(m.group(2));
        while (item.find()) {
            out.add(item.group(1));
        }
        return out;
    }
}
