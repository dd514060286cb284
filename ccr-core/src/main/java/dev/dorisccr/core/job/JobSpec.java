package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

/**
 * What a job replicates: immutable once created, except the host mappings and options the
 * operator may update. The scope follows the Go syncer: a table job when the source table is set
 * (then the target table must be set too), else a database job.
 */
public record JobSpec(String name, JobEndpoint source, JobEndpoint target, JobOptions options) {
    /** Longest accepted job name. */
    public static final int MAX_NAME_LENGTH = dev.dorisccr.core.spi.StoreNames.MAX_JOB_NAME_LENGTH;

    public JobSpec {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(options, "options is null");
        checkName(name);
        if (source.isTable() != target.isTable()) {
            throw new IllegalArgumentException("src/dest are not both db or table sync");
        }
    }

    /** Throws when {@code name} is not a usable job name; returns it otherwise. */
    public static String checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("name contains a control character at index " + i);
            }
        }
        return name;
    }

    public SyncType syncType() {
        return source.isTable() ? SyncType.TABLE_SYNC : SyncType.DB_SYNC;
    }

    /** A table job whose target table name differs from the source's. */
    public boolean isTableAlias() {
        return source.isTable() && !source.table().equals(target.table());
    }

    public JobSpec withOptions(JobOptions newOptions) {
        return new JobSpec(name, source, target, newOptions);
    }

    public JobSpec withEndpoints(JobEndpoint newSource, JobEndpoint newTarget) {
        return new JobSpec(name, newSource, newTarget, options);
    }
}
