package dev.dorisccr.core.ha;

/** Why the lease manager stops a job on this syncer. */
public enum StopReason {
    /** Another syncer took the lease (or the renewal was refused). */
    LEASE_LOST,
    /** The lease could not be confirmed before it expired (store unreachable or a failed tick). */
    STORE_UNREACHABLE,
    /** Handed over to a less loaded syncer. */
    REBALANCED,
    /** The job was deleted or is being deleted. */
    DELETED,
    /** This syncer is shutting down and released its leases. */
    SHUTDOWN
}
