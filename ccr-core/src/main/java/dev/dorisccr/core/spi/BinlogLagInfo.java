package dev.dorisccr.core.spi;

/**
 * getBinlogLag's answer. Fields an older FE does not send are -1.
 *
 * @param lag binlogs after the requested seq
 * @param firstCommitSeq the stream's first (dummy) seq
 * @param lastCommitSeq the newest seq
 * @param firstBinlogTimestamp ms
 * @param lastBinlogTimestamp ms
 * @param nextCommitSeq the first binlog after the requested seq, 0 when none
 * @param nextBinlogTimestamp its timestamp (ms), 0 when none
 */
public record BinlogLagInfo(long lag, long firstCommitSeq, long lastCommitSeq, long firstBinlogTimestamp,
        long lastBinlogTimestamp, long nextCommitSeq, long nextBinlogTimestamp) {}
