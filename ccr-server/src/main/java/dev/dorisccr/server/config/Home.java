package dev.dorisccr.server.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Properties;

/**
 * The distribution root ({@code <home>/bin}, {@code <home>/lib}, {@code <home>/db}, ...), which the
 * relative defaults (sqlite file, log file, pid directory, {@code conf/db.conf}) resolve against,
 * never the current directory. Taken from, in order: the system property {@value #PROPERTY} (set by
 * {@code bin/ccr_syncer}), the environment variable {@value #ENV}, the parent of the {@code lib/}
 * folder holding this jar, the folder holding this jar or classes.
 */
public final class Home {
    /** System property naming the home. */
    public static final String PROPERTY = "ccr.home";
    /** Environment variable naming the home. */
    public static final String ENV = "CCR_HOME";

    private Home() {}

    /** The home of this process. */
    public static Path resolve() {
        return resolve(System.getProperties(), System.getenv(), codeLocation());
    }

    static Path resolve(Properties props, Map<String, String> env, Path codeLocation) {
        String p = props.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        String e = env.get(ENV);
        if (e != null && !e.isBlank()) {
            return Path.of(e).toAbsolutePath().normalize();
        }
        Path code = codeLocation.toAbsolutePath().normalize();
        Path dir = Files.isDirectory(code) ? code : code.getParent();
        if (dir.getFileName() != null && dir.getFileName().toString().equals("lib") && dir.getParent() != null) {
            return dir.getParent();
        }
        return dir;
    }

    private static Path codeLocation() {
        CodeSource cs = Home.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return Path.of("").toAbsolutePath();
        }
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
