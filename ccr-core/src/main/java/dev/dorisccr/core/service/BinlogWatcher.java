package dev.dorisccr.core.service;

import dev.dorisccr.core.job.JobSpec;
import java.util.List;

/**
 * Tells the jobs of a syncer when their source shows new binlogs, so that a caught-up job need not
 * ask the source FE itself every few seconds. The production one ({@code SourceBinlogProbe} in
 * {@code core.sync}) reads one {@code SHOW PROC '/binlog'} per source cluster per interval for all
 * the jobs reading that cluster. A job that is not {@linkplain Subscription#served() served} (the
 * watcher is off, or cannot read the cluster) polls on its own as before.
 */
public interface BinlogWatcher extends AutoCloseable {
    /** Watches nothing: every job polls on its own. */
    BinlogWatcher NONE = new BinlogWatcher() {
        @Override
        public Subscription watch(JobSpec spec, Callbacks callbacks) {
            return Subscription.NONE;
        }

        @Override
        public List<ProbeState> states() {
            return List.of();
        }

        @Override
        public void close() {}
    };

    /** Starts watching the source of {@code spec} for one job until the subscription is closed. */
    Subscription watch(JobSpec spec, Callbacks callbacks);

    /** A served job's own safety fetch interval when it finds nothing (zero: its own pacing). */
    default java.time.Duration servedIdleInterval() {
        return java.time.Duration.ZERO;
    }

    /** One line per source cluster watched: served or not, and why not. */
    List<ProbeState> states();

    @Override
    void close();

    /** What the watcher tells a job; called from the watcher's thread, each quickly. */
    interface Callbacks {
        /** False once the job no longer runs here: the watcher drops the subscription. */
        boolean alive();

        /**
         * The job's source shows binlogs the job may not have fetched: fetch now. {@code seenAtMs}
         * is when the watcher saw them (a caught-up report asked before it is stale).
         */
        void wake(long seenAtMs);

        /**
         * Nothing new on the job's source since {@code sinceMs} up to {@code asOfMs}: a caught-up
         * report of the job asked at or after {@code sinceMs} still holds at {@code asOfMs}.
         */
        void stillCaughtUp(long sinceMs, long asOfMs);
    }

    /** A job's registration. */
    interface Subscription extends AutoCloseable {
        /** Not served. */
        Subscription NONE = new Subscription() {
            @Override
            public boolean served() {
                return false;
            }

            @Override
            public void close() {}
        };

        /**
         * True while the watcher would wake the job on new binlogs: its own idle fetches may then
         * be far apart.
         */
        boolean served();

        @Override
        void close();
    }

    /**
     * One source cluster's probe.
     *
     * @param cluster the dialed FE address and user
     * @param served whether its jobs are woken by the probe (false: they poll on their own)
     * @param reason why not served (empty when served)
     * @param jobs jobs watching it
     * @param samples successful reads so far
     * @param failures failed reads so far
     * @param lastSampleAtMs when the last successful read began (epoch ms; -1: none yet)
     */
    record ProbeState(String cluster, boolean served, String reason, int jobs, long samples, long failures,
            long lastSampleAtMs) {}
}
