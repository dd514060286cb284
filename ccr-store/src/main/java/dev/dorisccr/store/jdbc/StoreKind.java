package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.util.Locale;

/** The supported metadata store technologies, named as the Go syncer's {@code --db_type}. */
public enum StoreKind {
    SQLITE3,
    MYSQL,
    POSTGRESQL;

    /** Parses a {@code --db_type} value: sqlite3 (or sqlite), mysql, postgresql (or postgres). */
    public static StoreKind parse(String dbType) {
        switch (dbType == null ? "" : dbType.trim().toLowerCase(Locale.ROOT)) {
            case "sqlite3":
            case "sqlite":
                return SQLITE3;
            case "mysql":
            case "mariadb":
                return MYSQL;
            case "postgresql":
            case "postgres":
                return POSTGRESQL;
            default:
                throw new CcrException(ErrorCode.INVALID_CONFIG,
                        "unknown db_type, expected sqlite3, mysql or postgresql").with("db_type", dbType);
        }
    }
}
