package dev.dorisccr.store.jdbc;

/**
 * Every statement the stores run, shared by the dialects; values are always bind parameters. The
 * only variable part is the dialect's constant row-lock clause, appended once at construction.
 */
final class StoreSql {
    static final String VERSION_SEQUENCE = "version";

    static final String CREATE_SCHEMA_VERSION = "CREATE TABLE IF NOT EXISTS ccr_schema_version ("
            + "version INTEGER PRIMARY KEY, description VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL)";
    static final String MAX_SCHEMA_VERSION = "SELECT MAX(version) FROM ccr_schema_version";
    static final String INSERT_SCHEMA_VERSION =
            "INSERT INTO ccr_schema_version (version, description, applied_at) VALUES (?, ?, ?)";
    static final String COUNT_SEQUENCE = "SELECT COUNT(*) FROM ccr_sequence WHERE name = ?";
    static final String INSERT_SEQUENCE = "INSERT INTO ccr_sequence (name, value) VALUES (?, 0)";
    static final String BUMP_SEQUENCE = "UPDATE ccr_sequence SET value = value + 1 WHERE name = ?";
    static final String READ_SEQUENCE = "SELECT value FROM ccr_sequence WHERE name = ?";

    static final String INSERT_JOB = "INSERT INTO ccr_jobs (job_name, spec, desired_state, version, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)";
    static final String SELECT_JOB = "SELECT job_name, spec, desired_state, version, created_at, updated_at"
            + " FROM ccr_jobs WHERE job_name = ?";
    static final String SELECT_JOBS = "SELECT job_name, spec, desired_state, version, created_at, updated_at"
            + " FROM ccr_jobs";
    static final String SELECT_STATES = "SELECT job_name, desired_state FROM ccr_jobs";
    static final String UPDATE_JOB = "UPDATE ccr_jobs SET spec = ?, desired_state = ?, version = ?, updated_at = ?"
            + " WHERE job_name = ? AND version = ?";
    static final String DELETE_JOB = "DELETE FROM ccr_jobs WHERE job_name = ?";
    static final String SELECT_SECRETS = "SELECT secret_name, secret_value FROM ccr_job_secrets WHERE job_name = ?";
    static final String SELECT_ALL_SECRETS = "SELECT job_name, secret_name, secret_value FROM ccr_job_secrets";
    static final String INSERT_SECRET =
            "INSERT INTO ccr_job_secrets (job_name, secret_name, secret_value) VALUES (?, ?, ?)";
    static final String DELETE_SECRETS = "DELETE FROM ccr_job_secrets WHERE job_name = ?";
    static final String UPDATE_SECRET =
            "UPDATE ccr_job_secrets SET secret_value = ? WHERE job_name = ? AND secret_name = ?";

    static final String SELECT_PROGRESS =
            "SELECT progress, fencing_token, updated_at FROM ccr_progress WHERE job_name = ?";
    static final String UPDATE_PROGRESS =
            "UPDATE ccr_progress SET progress = ?, fencing_token = ?, updated_at = ? WHERE job_name = ?";
    static final String INSERT_PROGRESS =
            "INSERT INTO ccr_progress (job_name, progress, fencing_token, updated_at) VALUES (?, ?, ?, ?)";
    static final String DELETE_PROGRESS = "DELETE FROM ccr_progress WHERE job_name = ?";

    static final String INSERT_JOURNAL = "INSERT INTO ccr_journal (job_name, commit_seq, binlog_type, tables_list,"
            + " outcome, detail, duration_ms, label, txn_id, error_code, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * Newest first. Parameters: job, from seq, to seq, type twice (empty: any), 1 when any outcome,
     * then five outcome names (unused ones empty), the limit.
     */
    static final String SELECT_JOURNAL = "SELECT commit_seq, binlog_type, tables_list, outcome, detail, duration_ms,"
            + " label, txn_id, error_code, at_ms FROM ccr_journal WHERE job_name = ? AND commit_seq >= ?"
            + " AND commit_seq <= ? AND (? = '' OR binlog_type = ?) AND (? = 1 OR outcome IN (?, ?, ?, ?, ?))"
            + " ORDER BY entry_id DESC LIMIT ?";
    static final String DELETE_OLD_JOURNAL = "DELETE FROM ccr_journal WHERE at_ms < ?";
    static final String JOURNAL_JOBS_OVER = "SELECT job_name FROM ccr_journal GROUP BY job_name HAVING COUNT(*) > ?";
    static final String JOURNAL_NTH_NEWEST =
            "SELECT entry_id FROM ccr_journal WHERE job_name = ? ORDER BY entry_id DESC LIMIT 1 OFFSET ?";
    static final String DELETE_JOURNAL_BELOW = "DELETE FROM ccr_journal WHERE job_name = ? AND entry_id < ?";
    static final String DELETE_JOURNAL = "DELETE FROM ccr_journal WHERE job_name = ?";

    static final String UPDATE_SYNCER = "UPDATE ccr_syncers SET heartbeat_at = ? WHERE address = ?";
    static final String INSERT_SYNCER = "INSERT INTO ccr_syncers (address, heartbeat_at) VALUES (?, ?)";
    static final String SELECT_SYNCERS = "SELECT address, heartbeat_at FROM ccr_syncers";
    static final String DELETE_SILENT_SYNCERS = "DELETE FROM ccr_syncers WHERE heartbeat_at < ?";

    static final String SELECT_LEASES = "SELECT job_name, owner, fencing_token, expires_at FROM ccr_job_leases";
    static final String INSERT_LEASE =
            "INSERT INTO ccr_job_leases (job_name, owner, fencing_token, expires_at) VALUES (?, ?, ?, ?)";
    static final String TAKE_LEASE =
            "UPDATE ccr_job_leases SET owner = ?, fencing_token = ?, expires_at = ? WHERE job_name = ?";
    static final String RENEW_LEASE = "UPDATE ccr_job_leases SET expires_at = ?"
            + " WHERE job_name = ? AND owner = ? AND fencing_token = ?";
    /** Tokens per statement of {@link #RENEW_LEASES}; a shorter list repeats its last token. */
    static final int RENEW_CHUNK = 100;
    /** Renews up to {@link #RENEW_CHUNK} leases of one owner (fencing tokens are unique store-wide). */
    static final String RENEW_LEASES = "UPDATE ccr_job_leases SET expires_at = ? WHERE owner = ? AND fencing_token IN ("
            + placeholders(RENEW_CHUNK) + ")";
    /** Which of up to {@link #RENEW_CHUNK} tokens of one owner are still current. */
    static final String SELECT_CURRENT_LEASES = "SELECT job_name, fencing_token FROM ccr_job_leases"
            + " WHERE owner = ? AND fencing_token IN (" + placeholders(RENEW_CHUNK) + ")";
    static final String DELETE_LEASE = "DELETE FROM ccr_job_leases WHERE job_name = ?";

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Statements that lock what they read, with the dialect's lock clause. */
    final String lockJob;
    final String lockLease;

    StoreSql(Dialect dialect) {
        this.lockJob = "SELECT version FROM ccr_jobs WHERE job_name = ?" + dialect.lockClause();
        this.lockLease = "SELECT owner, fencing_token, expires_at FROM ccr_job_leases WHERE job_name = ?"
                + dialect.lockClause();
    }
}
