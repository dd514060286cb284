package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * getSnapshot's answer: the backup meta (opaque bytes) and job_info (JSON bytes), gzipped when
 * {@code compressed}; the binlog seq the snapshot stands at; when it expires (ms, -1 unknown).
 */
public record SnapshotData(byte[] meta, byte[] jobInfo, boolean compressed, long commitSeq, long expiresAt) {
    public SnapshotData {
        requireNonNull(meta, "meta is null");
        requireNonNull(jobInfo, "jobInfo is null");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotData s && java.util.Arrays.equals(meta, s.meta)
                && java.util.Arrays.equals(jobInfo, s.jobInfo) && compressed == s.compressed
                && commitSeq == s.commitSeq && expiresAt == s.expiresAt;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(jobInfo) * 31 + Long.hashCode(commitSeq);
    }

    @Override
    public String toString() {
        return "SnapshotData[meta=" + meta.length + " bytes, jobInfo=" + jobInfo.length + " bytes, compressed="
                + compressed + ", commitSeq=" + commitSeq + ", expiresAt=" + expiresAt + "]";
    }
}
