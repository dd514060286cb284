package dev.dorisccr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the public packages (the front door's, and core's exported ones) has a
 * javadoc comment: top-level and nested types, the ones nested in interfaces (public without the
 * word) included. Read from the compiled classes (which types are public) and the sources (the
 * comment before each declaration).
 */
class JavadocCoverageTest {
    /** Public package, source root (relative to the repository). */
    private static final Map<String, String> PACKAGES = Map.of(
            "dev.dorisccr.engine", "ccr-engine/src/main/java",
            "dev.dorisccr.core.error", "ccr-core/src/main/java",
            "dev.dorisccr.core.job", "ccr-core/src/main/java",
            "dev.dorisccr.core.spi", "ccr-core/src/main/java",
            "dev.dorisccr.core.syncer", "ccr-core/src/main/java",
            "dev.dorisccr.core.verify", "ccr-core/src/main/java");

    @Test
    void everyPublicTypeOfThePublicPackagesHasAJavadocComment() throws Exception {
        Path root = Path.of(System.getProperty("ccr.root", ".."));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> p : new java.util.TreeMap<>(PACKAGES).entrySet()) {
            Path dir = root.resolve(p.getValue()).resolve(p.getKey().replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".java") || file.equals("package-info.java")) {
                        continue;
                    }
                    Class<?> top = Class.forName(p.getKey() + "." + file.substring(0, file.length() - 5), false,
                            getClass().getClassLoader());
                    String source = Files.readString(f);
                    for (Class<?> c : publicTypes(top)) {
                        checked++;
                        if (!documented(source, c.getSimpleName())) {
                            missing.add(c.getName());
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(70); // a floor against a test that checks nothing
        assertThat(missing).as("public types without a javadoc comment").isEmpty();
    }

    /** {@code c} when public, and its public nested types, recursively. */
    private static List<Class<?>> publicTypes(Class<?> c) {
        List<Class<?>> out = new ArrayList<>();
        if (!Modifier.isPublic(c.getModifiers())) {
            return out;
        }
        out.add(c);
        for (Class<?> n : c.getDeclaredClasses()) {
            out.addAll(publicTypes(n));
        }
        return out;
    }

    /** The declaration of {@code simpleName} in {@code source} comes right after a javadoc comment (and annotations). */
    private static boolean documented(String source, String simpleName) {
        Matcher m = Pattern.compile("(?m)^[ \\t]*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final"
                + "|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|record|enum|@interface)\\s+"
                + Pattern.quote(simpleName) + "\\b").matcher(source);
        if (!m.find()) {
            return false;
        }
        String before = source.substring(0, m.start()).stripTrailing();
        if (!before.endsWith("*/")) {
            return false;
        }
        int open = before.lastIndexOf("/*");
        return open >= 0 && before.startsWith("/**", open);
    }
}
