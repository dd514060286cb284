package dev.dorisccr.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Go syncer's {@code -config_file} ({@code db.conf}): {@code key=value} lines giving the store
 * settings, so no password needs to be on the command line. Blank lines and lines starting with
 * {@code #} are skipped; a value may be quoted and may carry a trailing {@code  # comment}. An empty
 * value leaves the setting as the flags have it. As in the Go syncer, a value given here overrides
 * the flag of the same name.
 */
public final class DbConf {
    /** The keys a file may hold. */
    public static final List<String> KEYS = List.of("db_type", "db_host", "db_port", "db_user", "db_password",
            "db_name");

    private final Path file;
    private final Map<String, String> values;

    private DbConf(Path file, Map<String, String> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    /** An empty configuration (no file). */
    public static DbConf none() {
        return new DbConf(null, Map.of());
    }

    /** Reads {@code file}; any problem is an {@link IllegalArgumentException} naming file and line. */
    public static DbConf read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("-config_file " + file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "-config_file " + file + " line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected key=value");
            }
            String key = line.substring(0, eq).strip();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key \"" + key + "\""
                        + Suggestions.didYouMean(key, KEYS) + "; known keys: " + String.join(", ", KEYS));
            }
            values.put(key, value(line.substring(eq + 1)));
        }
        return new DbConf(file, values);
    }

    private static String value(String raw) {
        String v = raw.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            int close = v.indexOf(v.charAt(0), 1);
            if (close > 0) {
                return v.substring(1, close);
            }
        }
        int hash = v.indexOf(" #");
        int tab = v.indexOf("\t#");
        int cut = hash < 0 ? tab : tab < 0 ? hash : Math.min(hash, tab);
        return (cut < 0 ? v : v.substring(0, cut)).strip();
    }

    /** The non-empty value of {@code key}. */
    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** The file read, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The keys with a non-empty value, for the start-up log (values are not shown). */
    public List<String> keysSet() {
        return values.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }
}
