package dev.dorisccr.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ stand on their own: every relative link names a file of the repository and,
 * with {@code #anchor}, a heading of that page (GitHub's anchor rule); no page points at notes
 * outside the repository; and the README's "Documentation" list links every page of docs/.
 */
class DocsLinksTest {
    private static final Path ROOT = Path.of(System.getProperty("ccr.root", "..")).toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
    private static final Pattern FENCE = Pattern.compile("(?s)```.*?```");
    /** Pages another branch writes (embed-core: docs/embedding.md); a link to them may land first. */
    private static final Set<String> WRITTEN_ELSEWHERE = Set.of("docs/embedding.md");

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static String slug(String heading) {
        String s = heading.strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.append(c);
            } else if (c == ' ') {
                out.append('-');
            }
        }
        return out.toString();
    }

    private static Set<String> anchors(Path page) throws IOException {
        String text = FENCE.matcher(Files.readString(page, StandardCharsets.UTF_8)).replaceAll("");
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(text);
        while (m.find()) {
            String base = slug(m.group(1));
            String a = base;
            for (int n = 1; !anchors.add(a); n++) {
                a = base + "-" + n;
            }
        }
        return anchors;
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            String text = FENCE.matcher(Files.readString(page, StandardCharsets.UTF_8)).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + " -> " + target;
                if (!to.startsWith(ROOT)) {
                    broken.add(where + " (outside the repository)");
                    continue;
                }
                if (!Files.exists(to)) {
                    if (!WRITTEN_ELSEWHERE.contains(ROOT.relativize(to).toString().replace('\\', '/'))) {
                        broken.add(where + " (no such file)");
                    }
                    continue;
                }
                if (hash >= 0 && to.toString().endsWith(".md") && !anchors(to).contains(target.substring(hash + 1))) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void noPagePointsOutsideTheRepository() throws IOException {
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(text).as(ROOT.relativize(page).toString())
                    .doesNotContain("shared notes").doesNotContain("/work/").doesNotContain("ARCHITECTURE.md");
        }
    }

    @Test
    void readmeListsEveryPage() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Documentation\n");
        assertThat(start).as("README has a Documentation section").isPositive();
        int end = readme.indexOf("\n## ", start + 5);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (Path page : pages().subList(1, pages().size())) {
            assertThat(section).as("README Documentation lists " + page.getFileName())
                    .contains("](docs/" + page.getFileName() + ")");
        }
    }
}
