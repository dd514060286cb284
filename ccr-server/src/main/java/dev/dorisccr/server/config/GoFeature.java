package dev.dorisccr.server.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The Go syncer's {@code -feature_*} switches. This syncer has no such switches: each behaviour is
 * fixed. A flag given with the value that matches the fixed behaviour is honoured as it is; any
 * other value is accepted with one WARN line that says what this syncer does instead.
 */
public enum GoFeature {
    SCHEMA_CHANGE_PARTIAL_SYNC(true, true,
            "a finished schema change always copies the one table again by partial sync"),
    CLEAN_TABLE_AND_PARTITIONS(false, true,
            "full-sync restores always clean tables (db jobs) and partitions; the backup holds the whole database,"
                    + " views included, so nothing the source has is erased"),
    ATOMIC_RESTORE(true, true, "full-sync restores always use atomic_restore, so the target stays readable"),
    CREATE_VIEW_DROP_EXISTS(true, true, "CREATE VIEW replay always drops a view of that name first"),
    REPLACE_NOT_MATCHED_WITH_ALIAS(true, null,
            "full syncs restore in place with atomic_restore; partial syncs restore into an alias and swap it in"),
    FILTER_SHADOW_INDEXES_UPSERT(true, true, "upserts never ingest into shadow indexes of a pending schema change"),
    CANCEL_CONFLICT_BACKUP_RESTORE_JOB(false, false,
            "backups and restores of other jobs are never cancelled; a job finds its own by label"),
    REUSE_RUNNING_BACKUP_RESTORE_JOB(true, true, "a job always resumes its own running backup or restore, by label"),
    COMPRESSED_SNAPSHOT(true, true, "snapshots are always requested compressed"),
    SKIP_ROLLUP_BINLOGS(false, false, "rollup binlogs are always replayed"),
    TXN_INSERT(false, false, "transaction inserts (several tables in one txn) are not supported"),
    FILTER_STORAGE_MEDIUM(true, false, "storage_medium is kept in replayed CREATE TABLE statements"),
    RESTORE_REPLACE_DIFF_SCHEMA(true, null, "a target table whose schema differs is replaced by the restore"),
    IDEMPOTENT_DDL(true, null, "DDL replay checks the target before acting, so a replayed DDL is a no-op"),
    SKIP_WAITING_TXN_PUBLISH(true, null, "a PUBLISH_TIMEOUT commit counts as committed (Doris makes it visible later)"),
    SKIP_CHECK_ASYNC_MV_TABLE(true, null, "there is no async materialized view check to skip"),
    PIPELINE_COMMIT(true, false, "upserts are committed one at a time, in order"),
    SEPERATED_HANDLES(true, true, "every binlog type has its own handler");

    private final boolean goDefault;
    private final Boolean fixedValue;
    private final String behaviour;

    GoFeature(boolean goDefault, Boolean fixedValue, String behaviour) {
        this.goDefault = goDefault;
        this.fixedValue = fixedValue;
        this.behaviour = behaviour;
    }

    /** The flag name without dashes, e.g. {@code feature_atomic_restore}. */
    public String flag() {
        return "feature_" + name().toLowerCase(Locale.ROOT);
    }

    /** The Go syncer's default for the flag. */
    public boolean goDefault() {
        return goDefault;
    }

    /** The flag value that describes this syncer's fixed behaviour; empty when none does exactly. */
    public Optional<Boolean> fixedValue() {
        return Optional.ofNullable(fixedValue);
    }

    /** What this syncer always does. */
    public String behaviour() {
        return behaviour;
    }

    /** The WARN line for {@code -flag=value}, or empty when the value is what this syncer does. */
    public Optional<String> warning(boolean value) {
        if (fixedValue != null && fixedValue == value) {
            return Optional.empty();
        }
        return Optional.of("-" + flag() + "=" + value + " has no effect: this syncer has no such switch; " + behaviour
                + ". Nothing to use instead; drop the flag.");
    }
}
