package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied at start. The table {@code ccr_schema_version} records every
 * applied version; a store whose version is newer than {@link #LATEST} is refused with {@code
 * STORE_SCHEMA_TOO_NEW} (an older syncer must not write a newer schema). Every migration statement
 * is idempotent, so syncers starting at the same time may both run it; the second insert of the
 * version row is recognised and ignored.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** The schema version this code writes. */
    static final int LATEST = 3;

    private record Migration(int version, String description, List<String> statements) {}

    private Migrations() {}

    static void apply(Connection c, Dialect dialect, InstantSource clock, String where) throws SQLException {
        List<Migration> all = List.of(new Migration(1, "jobs, secrets, progress, syncers, leases", dialect.schemaV1()),
                new Migration(2, "index of leases by owner", dialect.schemaV2()),
                new Migration(3, "apply journal", dialect.schemaV3()));
        try (Statement s = c.createStatement()) {
            s.execute(StoreSql.CREATE_SCHEMA_VERSION);
        }
        int current = currentVersion(c);
        if (current > LATEST) {
            throw new CcrException(ErrorCode.STORE_SCHEMA_TOO_NEW,
                    "the metadata store has schema version " + current + " but this syncer supports up to " + LATEST
                            + "; upgrade the syncer (or restore a backup of the store taken before the upgrade)")
                    .with("store", where);
        }
        for (Migration m : all) {
            if (m.version() <= current) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String ddl : m.statements()) {
                    try {
                        s.execute(ddl);
                    } catch (SQLException e) {
                        if (!dialect.isAlreadyThere(e)) {
                            throw e;
                        }
                        // Named condition: another syncer ran the same statement (no IF NOT EXISTS here).
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(StoreSql.INSERT_SCHEMA_VERSION)) {
                ps.setInt(1, m.version());
                ps.setString(2, m.description());
                ps.setLong(3, clock.millis());
                ps.executeUpdate();
                log.info("Applied metadata schema version {} ({}) to {}", m.version(), m.description(), where);
            } catch (SQLException e) {
                if (!SqlErrors.isDuplicateKey(e)) {
                    throw e;
                }
                // Named condition: another syncer applied the same version concurrently.
            }
        }
        ensureSequence(c);
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(StoreSql.MAX_SCHEMA_VERSION)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void ensureSequence(Connection c) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(StoreSql.COUNT_SEQUENCE)) {
            count.setString(1, StoreSql.VERSION_SEQUENCE);
            try (ResultSet rs = count.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(StoreSql.INSERT_SEQUENCE)) {
            insert.setString(1, StoreSql.VERSION_SEQUENCE);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // Named condition: another syncer created the sequence row concurrently.
        }
    }
}
