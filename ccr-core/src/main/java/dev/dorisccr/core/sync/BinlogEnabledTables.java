package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.SqlClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tables of each source cluster have binlog on, shared by every table job of a syncer: one
 * read of {@code information_schema.table_properties} (Doris's {@code MetadataGenerator}, {@code
 * SCH_TABLE_PROPERTIES}) answers every job of the cluster, instead of a {@code SHOW CREATE TABLE}
 * per job per check (33 a second at 1,000 jobs).
 *
 * <p>Only a positive answer is given: a table whose row says {@code "true"} had binlog on when the
 * read began. Anything else (the row says false or NULL, the table has no row because it is new, not an
 * OLAP table, or the user may not see it, the read failed, the FE has no such table) answers empty,
 * and the job runs its own {@code SHOW CREATE TABLE} as before, which decides and words the error.
 * A read is reused while it is younger than the maximum age (a few seconds, so that a job checking
 * every 30 s sees binlog turned off at most that much later than with its own statement); at most
 * one read per cluster runs at a time and askers meanwhile wait for it. An FE without the table
 * (before Doris 2.1 with apache/doris#39886) answers {@code Table [table_properties] does not exist
 * in database [information_schema].}; the cluster is then not asked again for a while.
 *
 * <p>Names are compared exactly, as Doris keeps them with {@code lower_case_table_names = 0} (its
 * default); under another setting a table whose name the job spells in another case is not found
 * and the job's own statement answers. Clusters are keyed as {@link DatabaseIds#key} keys them.
 * Thread-safe.
 */
final class BinlogEnabledTables {
    private static final Logger log = LoggerFactory.getLogger(BinlogEnabledTables.class);
    /** How long one read answers: at 1,000 jobs a read every 2 s instead of 33 statements a second. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(2);
    /** How long a cluster without {@code information_schema.table_properties} is not asked again. */
    static final Duration DEFAULT_UNSUPPORTED_RETRY = Duration.ofMinutes(10);

    /** @param enabled per database, the tables with binlog on; null when the read failed */
    private record Reading(long readAtMs, Map<String, Map<String, Boolean>> enabled) {}

    private static final class Slot {
        /** Written under the lock, read without it by a fresh hit. */
        volatile Reading reading;
        /** Until when the cluster is known to lack the table (epoch ms; MIN_VALUE: not known). */
        volatile long unsupportedUntilMs = Long.MIN_VALUE;
        long reads;
    }

    private final InstantSource clock;
    private final long maxAgeMs;
    private final long unsupportedRetryMs;
    private final ConcurrentMap<String, Slot> clusters = new ConcurrentHashMap<>();

    BinlogEnabledTables(InstantSource clock, Duration maxAge, Duration unsupportedRetry) {
        this.clock = requireNonNull(clock, "clock is null");
        this.maxAgeMs = requireNonNull(maxAge, "maxAge is null").toMillis();
        this.unsupportedRetryMs = requireNonNull(unsupportedRetry, "unsupportedRetry is null").toMillis();
        if (maxAgeMs < 0 || unsupportedRetryMs < 0) {
            throw new IllegalArgumentException("maxAge and unsupportedRetry must not be negative");
        }
    }

    /**
     * When a read that found binlog on for {@code db.table} began (epoch ms), from a read younger
     * than the maximum age or one made now through {@code sql}; empty: not known to be on (ask the
     * table itself).
     */
    OptionalLong enabledSince(String clusterKey, SqlClient sql, String db, String table) {
        Slot slot = clusters.computeIfAbsent(clusterKey, k -> new Slot());
        Reading r = slot.reading;
        long now = clock.millis();
        if (now < slot.unsupportedUntilMs) {
            return OptionalLong.empty();
        }
        if (!fresh(r, now)) {
            synchronized (slot) {
                now = clock.millis();
                if (now < slot.unsupportedUntilMs) {
                    return OptionalLong.empty();
                }
                r = slot.reading;
                if (!fresh(r, now)) {
                    r = read(clusterKey, slot, sql, now);
                    slot.reading = r;
                }
            }
        }
        if (r.enabled() == null) {
            return OptionalLong.empty();
        }
        Boolean on = r.enabled().getOrDefault(db, Map.of()).get(table);
        return on != null && on ? OptionalLong.of(r.readAtMs()) : OptionalLong.empty();
    }

    /** Reads of the table so far for {@code clusterKey} (for tests and measurements). */
    long reads(String clusterKey) {
        Slot slot = clusters.get(clusterKey);
        if (slot == null) {
            return 0;
        }
        synchronized (slot) {
            return slot.reads;
        }
    }

    private boolean fresh(Reading r, long now) {
        return r != null && now >= r.readAtMs() && now - r.readAtMs() < maxAgeMs;
    }

    private Reading read(String clusterKey, Slot slot, SqlClient sql, long now) {
        slot.reads++;
        List<Map<String, String>> rows;
        try {
            rows = sql.query(ClusterStatements.binlogEnabledTables());
        } catch (CcrException e) {
            if (isUnknownTable(e)) {
                slot.unsupportedUntilMs = now + unsupportedRetryMs;
                log.info("source cluster {} has no information_schema.table_properties (Doris before 2.1 with"
                        + " apache/doris#39886): each table job checks its binlog with SHOW CREATE TABLE; asking"
                        + " again in {} s", clusterKey, unsupportedRetryMs / 1000);
            } else {
                log.debug("reading information_schema.table_properties of {} failed: {}", clusterKey, e.getMessage());
            }
            return new Reading(now, null); // the jobs ask their tables until the next read
        }
        Map<String, Map<String, Boolean>> enabled = new HashMap<>();
        for (Map<String, String> row : rows) {
            String db = row.get("TABLE_SCHEMA");
            String table = row.get("TABLE_NAME");
            String value = row.get("PROPERTY_VALUE");
            if (db == null || table == null || value == null || db.isEmpty() || table.isEmpty()) {
                continue; // a row without a name or a value (NULL) says nothing: that table asks itself
            }
            if (db.startsWith("default_cluster:")) {
                db = db.substring("default_cluster:".length());
            }
            enabled.computeIfAbsent(db, k -> new HashMap<>()).put(table, "true".equalsIgnoreCase(value.trim()));
        }
        return new Reading(now, enabled);
    }

    /** Doris's answer for an information_schema table the FE does not have (Nereids' BindRelation). */
    static boolean isUnknownTable(CcrException e) {
        String m = String.valueOf(e.getMessage());
        return e.code() == ErrorCode.DORIS_SQL_FAILED && m.contains("table_properties")
                && (m.contains("does not exist") || m.contains("Unknown table"));
    }
}
