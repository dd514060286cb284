package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A job's progress (opaque JSON) and the fencing token of the lease under which it was written. */
public record ProgressRecord(String jobName, String progress, long fencingToken, Instant updatedAt) {
    public ProgressRecord {
        StoreNames.requireJobName(jobName);
        requireNonNull(progress, "progress is null");
        if (fencingToken < 1) {
            throw new IllegalArgumentException("fencingToken must be >= 1: " + fencingToken);
        }
        requireNonNull(updatedAt, "updatedAt is null");
    }

    @Override
    public String toString() {
        return "ProgressRecord[jobName=" + jobName + ", fencingToken=" + fencingToken + ", updatedAt=" + updatedAt
                + ", progress=" + progress.length() + " chars]";
    }
}
