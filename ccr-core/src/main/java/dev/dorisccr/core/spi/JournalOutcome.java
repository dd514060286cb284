package dev.dorisccr.core.spi;

/** What the job did with one binlog (or one copy), as kept in its apply journal. */
public enum JournalOutcome {
    /** Applied on the target: an upsert committed, a DDL replayed (or nothing to run for it). */
    APPLIED,
    /** Consumed without effect on the target; the entry's detail says why. */
    SKIPPED,
    /** A partial sync (one table, or some partitions) copied what the binlog changed. */
    PARTIAL_SYNC,
    /** A full sync copied the whole job; the entry's commit seq is where the job resumed. */
    FULL_SYNC,
    /** A step of the binlog failed (the first failure of a streak, or the one the job stopped at). */
    FAILED
}
