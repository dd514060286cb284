package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The store's tables, written once: a dialect gives only its column types and how it creates an
 * index idempotently. Every statement is idempotent ({@code IF NOT EXISTS}; on MySQL, which has no
 * {@code CREATE INDEX IF NOT EXISTS}, an index error {@link Dialect#isAlreadyThere} recognises, or
 * the index inside the idempotent {@code CREATE TABLE}).
 *
 * @param sizedStrings {@code VARCHAR(n)} for names and states; false: {@code TEXT} (SQLite)
 * @param longText the type of a job's spec and progress (JSON that may grow)
 * @param bigint the type of counters, tokens and epoch milliseconds
 * @param autoId the journal's generated key column type, {@code PRIMARY KEY} included
 * @param tableOptions appended to every {@code CREATE TABLE}
 * @param createIndexIfNotExists the database has {@code CREATE INDEX IF NOT EXISTS}; false: the
 *     journal's indexes are declared in its {@code CREATE TABLE}
 */
record SchemaDdl(boolean sizedStrings, String longText, String bigint, String autoId, String tableOptions,
        boolean createIndexIfNotExists) {
    SchemaDdl {
        requireNonNull(longText, "longText is null");
        requireNonNull(bigint, "bigint is null");
        requireNonNull(autoId, "autoId is null");
        requireNonNull(tableOptions, "tableOptions is null");
    }

    private String varchar(int n) {
        return sizedStrings ? "VARCHAR(" + n + ")" : "TEXT";
    }

    private String table(String name, String columns) {
        return "CREATE TABLE IF NOT EXISTS " + name + " (" + columns + ")" + tableOptions;
    }

    private String index(String name, String table, String columns) {
        return "CREATE INDEX " + (createIndexIfNotExists ? "IF NOT EXISTS " : "") + name + " ON " + table
                + " (" + columns + ")";
    }

    /** Version 1: jobs, secrets, progress, syncers, leases, the sequence. */
    List<String> v1() {
        String key = varchar(255);
        return List.of(
                table("ccr_sequence", "name " + varchar(64) + " PRIMARY KEY, value " + bigint + " NOT NULL"),
                table("ccr_jobs", "job_name " + key + " PRIMARY KEY, spec " + longText + " NOT NULL,"
                        + " desired_state " + varchar(16) + " NOT NULL, version " + bigint + " NOT NULL,"
                        + " created_at " + bigint + " NOT NULL, updated_at " + bigint + " NOT NULL"),
                table("ccr_job_secrets", "job_name " + key + " NOT NULL, secret_name " + key + " NOT NULL,"
                        + " secret_value TEXT NOT NULL, PRIMARY KEY (job_name, secret_name)"),
                table("ccr_progress", "job_name " + key + " PRIMARY KEY, progress " + longText + " NOT NULL,"
                        + " fencing_token " + bigint + " NOT NULL, updated_at " + bigint + " NOT NULL"),
                table("ccr_syncers", "address " + key + " PRIMARY KEY, heartbeat_at " + bigint + " NOT NULL"),
                table("ccr_job_leases", "job_name " + key + " PRIMARY KEY, owner " + key + " NOT NULL,"
                        + " fencing_token " + bigint + " NOT NULL, expires_at " + bigint + " NOT NULL"));
    }

    /** Version 2: the index of the lease round's hot queries (a syncer's leases by owner and token). */
    List<String> v2() {
        return List.of(index("ccr_job_leases_owner", "ccr_job_leases", "owner, fencing_token"));
    }

    /** Version 3: the apply journal, with its indexes by job and by time. */
    List<String> v3() {
        String columns = "entry_id " + autoId + ", job_name " + varchar(255) + " NOT NULL,"
                + " commit_seq " + bigint + " NOT NULL, binlog_type " + varchar(64) + " NOT NULL,"
                + " tables_list TEXT NOT NULL, outcome " + varchar(16) + " NOT NULL, detail TEXT NOT NULL,"
                + " duration_ms " + bigint + " NOT NULL, label TEXT NOT NULL, txn_id " + bigint + " NOT NULL,"
                + " error_code " + varchar(64) + " NOT NULL, at_ms " + bigint + " NOT NULL";
        if (!createIndexIfNotExists) {
            return List.of(table("ccr_journal", columns
                    + ", INDEX ccr_journal_job (job_name, entry_id), INDEX ccr_journal_at (at_ms)"));
        }
        return List.of(table("ccr_journal", columns), index("ccr_journal_job", "ccr_journal", "job_name, entry_id"),
                index("ccr_journal_at", "ccr_journal", "at_ms"));
    }
}
