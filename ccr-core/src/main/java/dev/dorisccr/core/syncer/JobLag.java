package dev.dorisccr.core.syncer;

/**
 * How far a job's target is behind its source.
 *
 * @param lag source binlogs not yet applied
 * @param lagSeconds seconds since the oldest unapplied source commit, 0 when caught up
 * @param firstCommitSeq commit seq of the first pending binlog, -1 if none
 * @param lastCommitSeq commit seq of the newest source binlog, -1 if unknown
 * @param firstBinlogTimestamp ms epoch of the first pending binlog, -1 if none
 * @param lastBinlogTimestamp ms epoch of the newest source binlog, -1 if unknown
 */
public record JobLag(long lag, long lagSeconds, long firstCommitSeq, long lastCommitSeq, long firstBinlogTimestamp,
        long lastBinlogTimestamp) {
    public JobLag {
        if (lag < 0 || lagSeconds < 0) {
            throw new IllegalArgumentException("negative lag");
        }
    }
}
