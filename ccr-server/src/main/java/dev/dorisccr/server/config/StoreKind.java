package dev.dorisccr.server.config;

import java.util.Locale;

/** The metadata store kinds, with the Go syncer's {@code db_type} names. */
public enum StoreKind {
    SQLITE("sqlite3", 0),
    MYSQL("mysql", 3306),
    POSTGRESQL("postgresql", 5432);

    private final String flagName;
    private final int defaultPort;

    StoreKind(String flagName, int defaultPort) {
        this.flagName = flagName;
        this.defaultPort = defaultPort;
    }

    public String flagName() {
        return flagName;
    }

    int defaultPort() {
        return this == SQLITE ? 3306 : defaultPort;
    }

    static StoreKind parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "sqlite3":
            case "sqlite":
                return SQLITE;
            case "mysql":
            case "mariadb":
                return MYSQL;
            case "postgresql":
            case "postgres":
                return POSTGRESQL;
            default:
                throw new IllegalArgumentException("--db_type must be sqlite3, mysql or postgresql, not \"" + text + "\"");
        }
    }
}
