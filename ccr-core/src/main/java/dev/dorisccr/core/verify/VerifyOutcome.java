package dev.dorisccr.core.verify;

/** What a consistency check found, for a partition, a table or a whole job. */
public enum VerifyOutcome {
    /** Same rows (count and checksum) and, for a table, the same schema. */
    EQUAL,
    /** A difference was found: rows, schema, partitions, indexes, a missing table or is_being_synced. */
    DIFFERS,
    /** Not compared: the partition kept moving, or the target had not applied it yet, in every attempt. */
    NOT_ALIGNED,
    /** The check itself failed (a cluster unreachable, a query refused). */
    FAILED;

    /** The outcome of a whole made of parts: any difference wins, then failure, then not aligned. */
    public static VerifyOutcome combine(Iterable<VerifyOutcome> parts) {
        boolean failed = false;
        boolean notAligned = false;
        for (VerifyOutcome o : parts) {
            if (o == DIFFERS) {
                return DIFFERS;
            }
            failed |= o == FAILED;
            notAligned |= o == NOT_ALIGNED;
        }
        return failed ? FAILED : notAligned ? NOT_ALIGNED : EQUAL;
    }
}
