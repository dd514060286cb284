package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.store.jdbc.StoreKind;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The metadata store of {@link ServerConfig}: the {@code -db_*} flags and {@code db.conf}. {@link #toString()}
 * never shows the password.
 *
 * @param kind metadata store
 * @param sqliteFile the SQLite file (sqlite3 only)
 * @param host MySQL/PostgreSQL host
 * @param port MySQL/PostgreSQL port
 * @param user MySQL/PostgreSQL user
 * @param password MySQL/PostgreSQL password (never printed)
 * @param database MySQL database / PostgreSQL schema holding the syncer's tables
 */
public record StoreSettings(StoreKind kind, Path sqliteFile, String host, int port, String user, String password,
        String database) {
    public StoreSettings {
        requireNonNull(kind, "kind is null");
        requireNonNull(sqliteFile, "sqliteFile is null");
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(database, "database is null");
    }

    /** The Go syncer's defaults: sqlite3 in {@code home/db/ccr.db}; root@127.0.0.1:3306/ccr for the others. */
    public static StoreSettings defaults(Path home) {
        return new StoreSettings(StoreKind.SQLITE3, home.resolve("db").resolve("ccr.db"), "127.0.0.1", 3306, "root", "",
                "ccr");
    }

    /** A copy using the SQLite file {@code file}. */
    public StoreSettings withSqliteFile(Path file) {
        return new StoreSettings(StoreKind.SQLITE3, file, host, port, user, password, database);
    }

    /** The store, without its password: {@code sqlite3 file=...} or {@code mysql root@h:3306/ccr (password set)}. */
    public String description() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind == StoreKind.SQLITE3 ? name + " file=" + sqliteFile
                : name + " " + user + "@" + host + ":" + port + "/" + database
                        + (password.isEmpty() ? " (no password)" : " (password set)");
    }

    @Override
    public String toString() {
        return "StoreSettings[" + description() + "]";
    }
}
