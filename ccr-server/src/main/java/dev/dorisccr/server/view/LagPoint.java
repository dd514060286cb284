package dev.dorisccr.server.view;

/**
 * One lag reading of a job.
 *
 * @param atMs when it was taken, epoch ms
 * @param lag source binlogs not yet applied on the target
 * @param lagSeconds seconds since the oldest unapplied source commit
 */
public record LagPoint(long atMs, long lag, long lagSeconds) {
    public LagPoint {
        if (lag < 0 || lagSeconds < 0) {
            throw new IllegalArgumentException("negative lag");
        }
    }
}
