package dev.dorisccr.core.job;

/**
 * The knobs of a job.
 *
 * @param skipError an unappliable binlog is skipped (logged, counted) instead of stopping the job
 * @param allowTableExists table job only: the target table may already exist at creation
 * @param reuseBinlogLabel ingest transactions reuse the source load label
 * @param replicationNum replicas of restored tables on the target; 0 keeps the source's
 */
public record JobOptions(boolean skipError, boolean allowTableExists, boolean reuseBinlogLabel, int replicationNum) {
    public static final JobOptions DEFAULTS = new JobOptions(false, false, false, 0);

    public JobOptions {
        if (replicationNum < 0 || replicationNum > 32767) {
            throw new IllegalArgumentException("replication_num out of range: " + replicationNum);
        }
    }

    public JobOptions withSkipError(boolean value) {
        return new JobOptions(value, allowTableExists, reuseBinlogLabel, replicationNum);
    }
}
