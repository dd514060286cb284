package dev.dorisccr.core.job;

/**
 * What a job is observed doing, beside what the operator asked for ({@code DesiredState}): the
 * runner reports it after every step, the store keeps it with the progress.
 */
public enum ObservedState {
    /** Accepted, not running its first step yet (or its start is being retried). */
    STARTING,
    /** Copying the whole scope (backup, restore); the detail names the step. */
    FULL_SYNC,
    /** Copying one table again; the detail names it. */
    PARTIAL_SYNC,
    /** Applying binlogs. */
    INCREMENTAL,
    /** Incremental, nothing in flight, and the last fetch found no new binlog. */
    CAUGHT_UP,
    /** A step failed and is retried after a back-off; the error and the next try are shown. */
    BACKING_OFF,
    /** The operator paused the job. */
    PAUSED,
    /** A step failed in a way retrying cannot fix; the job waits for the operator. */
    FAILED,
    /** Not running on this syncer (deleted, lease lost, shut down). */
    STOPPED
}
