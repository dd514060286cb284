package dev.dorisccr.core.machine;

import dev.dorisccr.core.job.SyncType;

import static java.util.Objects.requireNonNull;

/**
 * Names the syncer gives to things it creates on the clusters. Unlike the Go syncer, ingest labels
 * carry no random part: a label is a pure function of the job and the binlog, so a replayed
 * beginTxn after a crash meets LABEL_ALREADY_EXISTS and resolves from the existing txn instead
 * of starting a duplicate.
 */
public final class Labels {
    private Labels() {}

    /**
     * Ingest txn label: {@code ccrj-<job>-<created>[-<incarnation>]:<db_sync|table_sync>:<commitSeq>}.
     * The job's incarnation (and creation time) tells a re-created job of the same name from the
     * old one, whose labels are still known to the target FE.
     */
    public static String ingest(String job, long jobCreatedAt, long incarnation, SyncType type, long commitSeq) {
        return "ccrj-" + safe(job) + "-" + jobCreatedAt + suffix("-", incarnation) + ":" + type.goName() + ":"
                + commitSeq;
    }

    /**
     * Full snapshot name: {@code ccrs_<srcdb>[_<table>]_<syncId>[-<incarnation>]}. The incarnation
     * follows the last '-', the sync id the last '_' before it, so two jobs never share a name.
     */
    public static String fullSnapshot(String srcDb, String table, long incarnation, long jobSyncId) {
        return "ccrs_" + safe(srcDb) + (table.isEmpty() ? "" : "_" + safe(table)) + "_" + jobSyncId
                + suffix("-", incarnation);
    }

    /** Partial snapshot name: {@code ccrp_<srcdb>_<table>_<syncId>[-<incarnation>]}. */
    public static String partialSnapshot(String srcDb, String table, long incarnation, long jobSyncId) {
        return "ccrp_" + safe(srcDb) + "_" + safe(table) + "_" + jobSyncId + suffix("-", incarnation);
    }

    /** Nothing for a progress written before incarnations (its labels in flight keep their form). */
    private static String suffix(String sep, long incarnation) {
        return incarnation > 0 ? sep + incarnation : "";
    }

    /** Restore label for a snapshot. */
    public static String restore(String snapshot, long attempt) {
        return snapshot + "_r_" + attempt;
    }

    /** Temporary alias a table is restored under before it is swapped in. */
    public static String aliasTable(String table, long stamp) {
        return "__ccr_" + table + "_" + stamp;
    }

    /**
     * Doris labels allow letters, digits, '-', '_' and ':' only (and are at most 128 characters);
     * everything else in a user-chosen name becomes '_' and a long name is cut.
     */
    static String safe(String name) {
        requireNonNull(name, "name is null");
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && sb.length() < 48; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
